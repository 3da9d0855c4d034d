// Changes one node's settings (its spec), its frozen flag or its name; a rename also renames every reference to it.
package org.stepwise.app.editor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.graph.LayerSpec;

public final class ChangeNode implements EditCommand {
    private final String name;
    private final EditorNode after;
    private final Text description;
    private EditorNode before;
    private final Map<String, List<String>> consumersBefore = new LinkedHashMap<>();

    private ChangeNode(String name, EditorNode after, Text description) {
        this.name = name;
        this.after = after;
        this.description = description;
    }

    public static ChangeNode spec(EditorGraph graph, String name, LayerSpec spec) {
        return new ChangeNode(name, graph.node(name).withSpec(spec), Text.of("edit.settings", name));
    }

    public static ChangeNode frozen(EditorGraph graph, String name, boolean frozen) {
        return new ChangeNode(name, graph.node(name).withFrozen(frozen),
                Text.of(frozen ? "edit.freeze" : "edit.unfreeze", name));
    }

    public static ChangeNode rename(EditorGraph graph, String name, String newName) {
        return new ChangeNode(name, graph.node(name).withName(newName), Text.of("edit.rename", name, newName));
    }

    /** Why a node cannot take this name, or null when it can. */
    public static Text nameRefusal(EditorGraph graph, String current, String newName) {
        if (newName == null || newName.isBlank()) {
            return Text.of("name.empty");
        }
        if (!newName.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}")) {
            return Text.of("name.invalid", newName);
        }
        if (!newName.equals(current) && graph.contains(newName)) {
            return Text.of("name.taken", newName);
        }
        return null;
    }

    @Override
    public void execute(Document document) {
        EditorGraph graph = document.graph();
        before = graph.node(name);
        graph.replace(name, after);
        consumersBefore.clear();
        if (!after.name().equals(name)) {
            for (EditorNode c : graph.consumers(name)) {
                consumersBefore.put(c.name(), c.inputs());
                graph.replace(c.name(), c.withInputs(c.inputs().stream()
                        .map(in -> in.equals(name) ? after.name() : in).toList()));
            }
        }
    }

    @Override
    public void undo(Document document) {
        EditorGraph graph = document.graph();
        consumersBefore.forEach((consumer, inputs) -> graph.replace(consumer, graph.node(consumer).withInputs(inputs)));
        graph.replace(after.name(), before);
    }

    @Override
    public Text description() {
        return description;
    }
}
