// Moves nodes to new positions (a drag, Shift+arrows, auto-layout); undo puts them back.
package org.stepwise.app.editor;

import java.util.LinkedHashMap;
import java.util.Map;

public final class MoveNodes implements EditCommand {
    private final Map<String, double[]> to;
    private final Map<String, double[]> from = new LinkedHashMap<>();
    private final Text description;

    /** @param to the new (x, y) of each moved node */
    public MoveNodes(Map<String, double[]> to, Text description) {
        this.to = new LinkedHashMap<>(to);
        this.description = description;
    }

    /** Moves each node by the same offset. */
    public static MoveNodes by(EditorGraph graph, Iterable<String> names, double dx, double dy) {
        Map<String, double[]> to = new LinkedHashMap<>();
        int count = 0;
        for (String name : names) {
            EditorNode n = graph.node(name);
            to.put(name, new double[] {n.x() + dx, n.y() + dy});
            count++;
        }
        return new MoveNodes(to, count == 1 ? Text.of("edit.move.one", to.keySet().iterator().next())
                : Text.of("edit.move.many", count));
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        from.clear();
        to.forEach((name, xy) -> {
            EditorNode n = graph.node(name);
            from.put(name, new double[] {n.x(), n.y()});
            graph.replace(name, n.at(xy[0], xy[1]));
        });
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        from.forEach((name, xy) -> graph.replace(name, graph.node(name).at(xy[0], xy[1])));
    }

    @Override
    public Text description() {
        return description;
    }
}
