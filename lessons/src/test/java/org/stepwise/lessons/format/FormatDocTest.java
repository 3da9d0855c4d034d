// FORMAT.md stays true to the code: every variable, event, panel, control and play-through action the code knows is
// documented for teachers, and the doc names none the code does not know.
package org.stepwise.lessons.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stepwise.lessons.goal.Controls;
import org.stepwise.lessons.goal.Events;
import org.stepwise.lessons.goal.Variables;

class FormatDocTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    private static List<String> rows(String doc, String heading) {
        int from = doc.indexOf(heading);
        int to = doc.indexOf("\n#", from + heading.length());
        Matcher m = ROW.matcher(doc.substring(from, to < 0 ? doc.length() : to));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyNameTheCodeKnowsIsDocumentedInItsTable() throws IOException {
        String doc = Files.readString(Path.of("FORMAT.md"));

        assertEquals(Variables.all().stream().map(Variables.Variable::pattern).toList(), rows(doc, "### Variables"));
        assertEquals(Events.all().stream().map(e -> e.argument() == null ? e.name()
                : e.name() + "(" + e.argument() + ")").toList(), rows(doc, "### Events"));
        assertEquals(PlayThrough.ACTIONS, rows(doc, "## playthrough.yaml"));
        for (String id : Controls.PANELS) {
            assertEquals(true, doc.contains("`" + id + "`"), id);
        }
        for (String id : Controls.CONTROLS) {
            assertEquals(true, doc.contains("`" + id + "`"), id);
        }
    }
}
