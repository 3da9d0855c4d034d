// Problems come from core in English sentences; this turns the ones the editor meets most into the UI's language
// by their pattern, and keeps any other sentence as it is behind a localized lead-in.
package org.stepwise.app.studio;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ProblemTexts {
    private record Rule(Pattern pattern, String key) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(.+) needs (\\d+) inputs? but has (\\d+)(: connect its input port)?"),
                    "problem.arity"),
            new Rule(Pattern.compile("(.+) needs at least (\\d+) inputs but has (\\d+)(: connect its input port)?"),
                    "problem.arityAtLeast"),
            new Rule(Pattern.compile("(.+) reads from '(.+)', which does not exist"), "problem.missingInput"),
            new Rule(Pattern.compile("A network needs exactly one input node, but has (\\d+)"), "problem.inputs"),
            new Rule(Pattern.compile("(.+) is not connected to the output: its output port is dangling"),
                    "problem.dangling"),
            new Rule(Pattern.compile("Two nodes are named '(.+)'"), "problem.duplicate"),
            new Rule(Pattern.compile("The graph has a cycle through (.+)"), "problem.cycle"),
            new Rule(Pattern.compile("(.+) expects a vector but receives (.+) from '(.+)': put a Flatten before it"),
                    "problem.needsVector"),
            new Rule(Pattern.compile("(.+) expects (\\d+) inputs but receives (\\d+) from '(.+)'"),
                    "problem.inputCount"),
            new Rule(Pattern.compile("(.+) expects an image \\(channels, height, width\\) but receives (.+?)(?: from "
                    + "'(.+)')?(?:[:;.].*)?"), "problem.needsImage"),
            new Rule(Pattern.compile("(.+) needs equal shapes but (.+)"), "problem.equalShapes"));

    private static final String CONNECT_HINT = ": connect its input port";

    private ProblemTexts() {
    }

    /** The message in the UI's language: translated by its pattern in Chinese, as it is in English. */
    public static String localize(String message, I18n i18n) {
        if (message == null) {
            return "";
        }
        if (!i18n.isChinese()) {
            return message;
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(message);
            if (m.matches()) {
                Object[] groups = new Object[m.groupCount()];
                for (int g = 0; g < groups.length; g++) {
                    String group = m.group(g + 1) == null ? "" : m.group(g + 1);
                    groups[g] = group.equals(CONNECT_HINT) ? i18n.text("problem.connectHint") : group;
                }
                return i18n.text(rule.key(), groups);
            }
        }
        return i18n.text("problem.other", message);
    }
}
