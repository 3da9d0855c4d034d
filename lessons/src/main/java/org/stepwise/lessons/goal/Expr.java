// A parsed goal: a tree of comparisons, flags and events joined by and, or and not. Data only; Goal evaluates it.
package org.stepwise.lessons.goal;

public sealed interface Expr {

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    /** A FLAG variable standing alone: "halted". */
    record Flag(Variables.Match variable) implements Expr {
    }

    /** "event: exported(onnx)"; {@code argument} is null when the goal names none (any argument counts). */
    record Event(String name, String argument) implements Expr {
    }

    enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** The left side is always a variable; the right side is a number, a text, true/false or another variable. */
    record Compare(Variables.Match left, Op op, Operand right) implements Expr {
    }

    sealed interface Operand {
    }

    record Number(double value) implements Operand {
    }

    record Text(String value) implements Operand {
    }

    record Bool(boolean value) implements Operand {
    }

    record Variable(Variables.Match match) implements Operand {
    }
}
