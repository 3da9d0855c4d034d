// Adds one node (from the palette) or several with their internal connections (a paste); undo removes them again.
package org.stepwise.app.editor;

import java.util.List;

public final class AddNodes implements EditCommand {
    private final List<EditorNode> added;
    private final Text description;

    public AddNodes(List<EditorNode> added, Text description) {
        this.added = List.copyOf(added);
        this.description = description;
    }

    /** The nodes this edit adds. */
    public List<EditorNode> added() {
        return added;
    }

    public static AddNodes one(EditorNode node) {
        return new AddNodes(List.of(node), Text.of("edit.add", node.type(), node.name()));
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        for (EditorNode n : added) {
            if (graph.contains(n.name())) {
                throw new IllegalStateException("A node named '" + n.name() + "' already exists");
            }
        }
        for (EditorNode n : added) {
            graph.insert(graph.nodes().size(), n);
        }
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        for (int i = added.size() - 1; i >= 0; i--) {
            graph.remove(added.get(i).name());
        }
    }

    @Override
    public Text description() {
        return description;
    }

    public List<EditorNode> nodes() {
        return added;
    }
}
