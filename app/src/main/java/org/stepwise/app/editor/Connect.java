// Connects an output port to a node's inputs (appended as its next input), or removes that connection.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.List;

public final class Connect implements EditCommand {
    private final String from;
    private final String to;
    private final boolean connect;
    private List<String> before;

    private Connect(String from, String to, boolean connect) {
        this.from = from;
        this.to = to;
        this.connect = connect;
    }

    /** An edge from {@code from}'s output to {@code to}'s next input port. */
    public static Connect edge(String from, String to) {
        return new Connect(from, to, true);
    }

    /** Removes the edge from {@code from} to {@code to}. */
    public static Connect remove(String from, String to) {
        return new Connect(from, to, false);
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        EditorNode target = graph.node(to);
        before = target.inputs();
        List<String> inputs = new ArrayList<>(before);
        if (connect) {
            inputs.add(from);
        } else {
            inputs.remove(from);
        }
        graph.replace(to, target.withInputs(inputs));
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        graph.replace(to, graph.node(to).withInputs(before));
    }

    @Override
    public Text description() {
        return Text.of(connect ? "edit.connect" : "edit.disconnect", from, to);
    }

    /**
     * Why this connection cannot be made, or null when it can: a missing node, a self-loop, an existing edge, an
     * input node as target, or a cycle. Shape mismatches are allowed: the editor shows them as problems.
     */
    public static Text refusal(EditorGraph graph, String from, String to) {
        EditorNode source = graph.node(from);
        EditorNode target = graph.node(to);
        if (source == null || target == null) {
            return Text.of("connect.missing");
        }
        if (from.equals(to)) {
            return Text.of("connect.self", to);
        }
        if (target.spec().maxInputs() == 0 || target.type().equals("input")) {
            return Text.of("connect.toInput", to);
        }
        if (target.inputs().contains(from)) {
            return Text.of("connect.exists", from, to);
        }
        if (reaches(graph, to, from)) {
            return Text.of("connect.cycle", from, to);
        }
        return null;
    }

    /** True when a path of edges leads from {@code start} to {@code goal}. */
    static boolean reaches(EditorGraph graph, String start, String goal) {
        List<String> stack = new ArrayList<>(List.of(start));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            String current = stack.remove(stack.size() - 1);
            if (current.equals(goal)) {
                return true;
            }
            if (seen.add(current)) {
                graph.consumers(current).forEach(c -> stack.add(c.name()));
            }
        }
        return false;
    }
}
