// The rehearsal the studio runs while idle must meet the problems users make most, in the shapes they make them.
package org.stepwise.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Problem;

class AnalysisTest {
    @Test
    void theRehearsalFindsAnAddOfUnequalWidthsAndAnAddWithOneInput() {
        Analysis a = Analysis.rehearsal();
        assertFalse(a.ok());
        List<String> nodes = a.problems().stream().map(Problem::node).toList();
        assertEquals(List.of("alone", "sum"), nodes.stream().sorted().toList(), a.problems().toString());
        assertTrue(a.problemsOf("sum").get(0).message().contains("needs equal shapes"), a.problems().toString());
        assertTrue(a.problemsOf("alone").get(0).message().contains("inputs but has 1"), a.problems().toString());
        assertEquals("4", a.shapeText("wide"));
        assertEquals("3", a.shapeText("narrow"));
        assertEquals("?", a.shapeText("sum"));
        assertEquals("?", a.shapeText("output"));
        assertEquals(2 * 4 + 4 + 2 * 3 + 3, a.totalParameters(), "only the layers before the broken add are counted");
    }
}
