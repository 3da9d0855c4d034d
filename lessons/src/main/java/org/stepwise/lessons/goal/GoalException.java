// A goal that cannot be read: what is wrong and at which column of the goal's text, for a file:line:column message.
package org.stepwise.lessons.goal;

public final class GoalException extends RuntimeException {
    private final int column;

    /** @param column 1-based, within the goal's own text */
    public GoalException(int column, String message) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
