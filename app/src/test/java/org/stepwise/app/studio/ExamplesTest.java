// Every shipped example opens through the project reader, valid and trained, under its own name.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ExamplesTest {
    static final java.util.List<String> IDS = Examples.IDS;

    @ParameterizedTest
    @FieldSource("IDS")
    void eachExampleOpensValidAndTrained(String id) throws Exception {
        var project = Examples.open(id);
        assertEquals(id, project.name());
        assertTrue(project.graph().infer().ok(), id);
        assertFalse(project.history().isEmpty(), id + " carries its training history");
        assertTrue(project.data() != null, id);
    }

    @org.junit.jupiter.api.Test
    void anUnknownExampleIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Examples.open("mnist-gan"));
        assertEquals("No example mnist-gan", e.getMessage());
    }
}
