// Collects a lesson's problems while it is read, so one run of `lessons check` reports them all.
package org.stepwise.lessons.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

final class Problems {
    private final List<LessonProblem> list = new ArrayList<>();

    void add(String file, int line, int column, String message) {
        list.add(new LessonProblem(file, line, column, message));
    }

    void add(String file, YamlTree.Position at, String message) {
        add(file, at.line(), at.column(), message);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** In file order, then by line: the order a teacher fixes them in. */
    List<LessonProblem> sorted() {
        return list.stream().sorted(Comparator.comparing(LessonProblem::file)
                .thenComparingInt(LessonProblem::line).thenComparingInt(LessonProblem::column)).toList();
    }
}
