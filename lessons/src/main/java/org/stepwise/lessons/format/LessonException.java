// A lesson that cannot be used: every problem found in its files, each with its file and line.
package org.stepwise.lessons.format;

import java.util.List;

public final class LessonException extends RuntimeException {
    private final List<LessonProblem> problems;

    public LessonException(List<LessonProblem> problems) {
        super(problems.isEmpty() ? "the lesson has problems" : problems.get(0) + (problems.size() == 1 ? ""
                : " (and " + (problems.size() - 1) + " more problem" + (problems.size() == 2 ? "" : "s") + ")"));
        this.problems = List.copyOf(problems);
    }

    public List<LessonProblem> problems() {
        return problems;
    }
}
