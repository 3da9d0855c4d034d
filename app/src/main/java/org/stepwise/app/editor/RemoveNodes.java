// Deletes nodes and every connection to them; consumers keep their other inputs. Undo puts back each node at its
// old place in the order and each consumer's inputs exactly as they were.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class RemoveNodes implements EditCommand {
    private final Set<String> names;
    private final Map<Integer, EditorNode> removed = new LinkedHashMap<>();
    private final Map<String, List<String>> consumersBefore = new LinkedHashMap<>();

    public RemoveNodes(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        removed.clear();
        consumersBefore.clear();
        List<EditorNode> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (names.contains(nodes.get(i).name())) {
                removed.put(i, nodes.get(i));
            }
        }
        for (EditorNode n : new ArrayList<>(graph.nodes())) {
            if (!names.contains(n.name()) && n.inputs().stream().anyMatch(names::contains)) {
                consumersBefore.put(n.name(), n.inputs());
                graph.replace(n.name(), n.withInputs(n.inputs().stream().filter(in -> !names.contains(in)).toList()));
            }
        }
        List<Integer> indices = new ArrayList<>(removed.keySet());
        for (int i = indices.size() - 1; i >= 0; i--) {
            graph.remove(removed.get(indices.get(i)).name());
        }
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        removed.forEach((index, node) -> graph.insert(index, node));
        consumersBefore.forEach((name, inputs) -> graph.replace(name, graph.node(name).withInputs(inputs)));
    }

    @Override
    public Text description() {
        if (names.size() == 1) {
            return Text.of("edit.delete.one", names.iterator().next());
        }
        return Text.of("edit.delete.many", names.size());
    }
}
