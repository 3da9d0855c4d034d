// A goal in the reader's words: "val_accuracy >= 0.9" shows as "Validation accuracy ≥ 0.9", or "验证准确率 ≥ 0.9" in
// Chinese. The lesson's own expression stays what is checked; the panel offers it as the goal's tooltip.
package org.stepwise.app.studio.lessons;

import java.math.BigDecimal;
import java.util.List;
import org.stepwise.app.studio.I18n;
import org.stepwise.lessons.goal.Expr;
import org.stepwise.lessons.goal.Goal;
import org.stepwise.lessons.goal.Variables;

final class GoalWords {
    private GoalWords() {
    }

    /**
     * The goal as a sentence. The parts are written to be joined, so they start in lower case; the first letter is
     * made a capital unless it begins a name the lesson gave (a node's, a format's), which stays as written.
     */
    static String of(Goal goal, I18n i18n) {
        String words = phrase(goal.expr(), i18n);
        if (words.isEmpty() || names(goal.expr()).stream().anyMatch(words::startsWith)) {
            return words;
        }
        return words.substring(0, 1).toUpperCase(i18n.locale()) + words.substring(1);
    }

    /** The names an expression holds: texts it compares with, events' arguments, the parts of dotted names. */
    private static List<String> names(Expr expr) {
        return switch (expr) {
            case Expr.And and -> concat(names(and.left()), names(and.right()));
            case Expr.Or or -> concat(names(or.left()), names(or.right()));
            case Expr.Not not -> names(not.operand());
            case Expr.Flag flag -> flag.variable().arguments();
            case Expr.Event event -> event.argument() == null ? List.of() : List.of(event.argument());
            case Expr.Compare compare -> concat(compare.left().arguments(), switch (compare.right()) {
                case Expr.Text t -> List.of(t.value());
                case Expr.Variable v -> v.match().arguments();
                default -> List.of();
            });
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The bundle key of a variable's words: its pattern up to the first placeholder ("units.<node>" → units). */
    static String variableKey(Variables.Variable variable) {
        String pattern = variable.pattern();
        int placeholder = pattern.indexOf(".<");
        return "goal.var." + (placeholder < 0 ? pattern : pattern.substring(0, placeholder));
    }

    private static String phrase(Expr expr, I18n i18n) {
        return switch (expr) {
            case Expr.And and -> i18n.text("goal.and", phrase(and.left(), i18n), phrase(and.right(), i18n));
            case Expr.Or or -> i18n.text("goal.or", phrase(or.left(), i18n), phrase(or.right(), i18n));
            case Expr.Not not -> i18n.text("goal.not", phrase(not.operand(), i18n));
            case Expr.Flag flag -> name(flag.variable(), i18n);
            case Expr.Event event -> {
                String key = "goal.event." + event.name();
                if (event.argument() != null && i18n.has(key + ".of")) {
                    yield i18n.text(key + ".of", event.argument());
                }
                yield i18n.has(key) ? i18n.text(key) : "event: " + event.name()
                        + (event.argument() != null ? "(" + event.argument() + ")" : "");
            }
            case Expr.Compare compare -> compare(compare, i18n);
        };
    }

    private static String compare(Expr.Compare compare, I18n i18n) {
        String variable = compare.left().variable().pattern();
        if (compare.op() == Expr.Op.EQ && compare.right() instanceof Expr.Text text) {
            switch (variable) {
                case "selected" -> {
                    return i18n.text("goal.selected", text.value());
                }
                case "stepper.phase" -> {
                    String phase = "phase.kind." + text.value();
                    return i18n.text("goal.phase", i18n.has(phase) ? i18n.text(phase) : text.value());
                }
                case "stepper.node" -> {
                    return i18n.text("goal.node", text.value());
                }
                default -> {
                }
            }
        }
        return i18n.text("goal.compare", name(compare.left(), i18n), symbol(compare.op()),
                operand(compare.right(), i18n));
    }

    private static String name(Variables.Match match, I18n i18n) {
        String key = variableKey(match.variable());
        return i18n.has(key) ? i18n.text(key, match.arguments().toArray()) : match.variable().pattern();
    }

    private static String symbol(Expr.Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "≠";
            case LT -> "<";
            case LE -> "≤";
            case GT -> ">";
            case GE -> "≥";
        };
    }

    private static String operand(Expr.Operand operand, I18n i18n) {
        return switch (operand) {
            // Written as the lesson wrote it: 0.9, 10, 0.001, never 1.0E-3.
            case Expr.Number n -> BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
            case Expr.Text t -> t.value();
            case Expr.Bool b -> i18n.text(b.value() ? "goal.true" : "goal.false");
            case Expr.Variable v -> name(v.match(), i18n);
        };
    }

    /** Every key this class may ask for, for the bundles' completeness test. */
    static List<String> keys() {
        return List.of("goal.and", "goal.or", "goal.not", "goal.selected", "goal.phase", "goal.node", "goal.compare",
                "goal.true", "goal.false");
    }
}
