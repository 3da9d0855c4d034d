// Replaces the whole graph in one undoable step: a template inserted over the current net, or a neuron-view edit
// that resizes layers.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.List;

public final class ReplaceGraph implements EditCommand {
    private final List<EditorNode> after;
    private final Text description;
    private List<EditorNode> before;

    public ReplaceGraph(List<EditorNode> after, Text description) {
        this.after = List.copyOf(after);
        this.description = description;
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        before = new ArrayList<>(graph.nodes());
        graph.replaceAll(after);
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        graph.replaceAll(before);
    }

    @Override
    public Text description() {
        return description;
    }
}
