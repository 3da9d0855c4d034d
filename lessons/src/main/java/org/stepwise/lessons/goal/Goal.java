// One goal of a lesson step: its text as the lesson wrote it, parsed once, and evaluated against a StudioState.
//
// Events are counted from a baseline: the runner takes the counts when a step starts, so only what the learner
// does during the step counts for it.
package org.stepwise.lessons.goal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class Goal {
    /** Two numbers are equal when they differ by at most this part of the larger (float32 rounding). */
    static final double EQUAL_WITHIN = 1e-6;

    private final String text;
    private final Expr expr;

    private Goal(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
    }

    /** Parses and checks a goal; a mistake is a {@link GoalException} with its column. */
    public static Goal parse(String text) {
        return new Goal(text, GoalParser.parse(text));
    }

    public String text() {
        return text;
    }

    public Expr expr() {
        return expr;
    }

    /** The events the goal waits for, to take their counts when its step starts. */
    public Map<Expr.Event, Long> eventCounts(StudioState state) {
        Map<Expr.Event, Long> counts = new HashMap<>();
        for (Expr.Event e : events(expr, new ArrayList<>())) {
            counts.put(e, state.eventCount(e.name(), e.argument()));
        }
        return counts;
    }

    /** Whether the goal holds now; events count only beyond {@code baseline} (from {@link #eventCounts}). */
    public boolean holds(StudioState state, Map<Expr.Event, Long> baseline) {
        return eval(expr, state, baseline);
    }

    private static boolean eval(Expr e, StudioState state, Map<Expr.Event, Long> baseline) {
        return switch (e) {
            case Expr.And and -> eval(and.left(), state, baseline) && eval(and.right(), state, baseline);
            case Expr.Or or -> eval(or.left(), state, baseline) || eval(or.right(), state, baseline);
            case Expr.Not not -> !eval(not.operand(), state, baseline);
            case Expr.Flag flag -> Boolean.TRUE.equals(flag.variable().read(state));
            case Expr.Event event -> state.eventCount(event.name(), event.argument())
                    > baseline.getOrDefault(event, 0L);
            case Expr.Compare c -> compare(c, state);
        };
    }

    // Unavailable values (NaN, null) make every comparison false, != included: "not yet measured" is not "different".
    private static boolean compare(Expr.Compare c, StudioState state) {
        Object left = c.left().read(state);
        Object right = switch (c.right()) {
            case Expr.Number n -> n.value();
            case Expr.Text t -> t.value();
            case Expr.Bool b -> b.value();
            case Expr.Variable v -> v.match().read(state);
        };
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof Double a && right instanceof Double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return false;
            }
            boolean equal = Math.abs(a - b) <= EQUAL_WITHIN * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
            return switch (c.op()) {
                case EQ -> equal;
                case NE -> !equal;
                case LT -> a < b && !equal;
                case LE -> a < b || equal;
                case GT -> a > b && !equal;
                case GE -> a > b || equal;
            };
        }
        boolean equal = left.equals(right);
        return c.op() == Expr.Op.EQ ? equal : !equal;
    }

    private static List<Expr.Event> events(Expr e, List<Expr.Event> into) {
        switch (e) {
            case Expr.And and -> {
                events(and.left(), into);
                events(and.right(), into);
            }
            case Expr.Or or -> {
                events(or.left(), into);
                events(or.right(), into);
            }
            case Expr.Not not -> events(not.operand(), into);
            case Expr.Event event -> into.add(event);
            case Expr.Flag flag -> {
            }
            case Expr.Compare compare -> {
            }
        }
        return into;
    }

    @Override
    public String toString() {
        return text;
    }
}
