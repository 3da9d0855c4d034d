// A graph that cannot run: the message names the node and, for shape errors, both shapes.
package org.stepwise.core.graph;

import java.util.List;

public class GraphException extends IllegalArgumentException {
    private final List<Problem> problems;

    public GraphException(List<Problem> problems) {
        super(problems.isEmpty() ? "The graph is invalid" : problems.get(0).message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        this.problems = List.copyOf(problems);
    }

    public GraphException(String node, String message) {
        this(List.of(new Problem(node, message)));
    }

    /** Every problem found, in graph order; the GUI lists them. */
    public List<Problem> problems() {
        return problems;
    }
}
