// Copy and paste of a selection: the copied nodes keep the connections among themselves; pasted, they get fresh
// names and an offset, and connections to nodes outside the selection are dropped.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Clipboard {
    public static final double PASTE_OFFSET = 40;

    private List<EditorNode> copied = List.of();

    /** Copies the selected nodes in graph order. */
    public void copy(EditorGraph graph, Set<String> selection) {
        copied = graph.nodes().stream().filter(n -> selection.contains(n.name())).toList();
    }

    public boolean isEmpty() {
        return copied.isEmpty();
    }

    /** The command that pastes the copy into {@code graph}, or null when nothing is copied. */
    public AddNodes paste(EditorGraph graph) {
        if (copied.isEmpty()) {
            return null;
        }
        Map<String, String> renamed = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (EditorNode n : copied) {
            String fresh = graph.freshName(n.name(), taken);
            taken.add(fresh);
            renamed.put(n.name(), fresh);
        }
        List<EditorNode> pasted = new ArrayList<>();
        for (EditorNode n : copied) {
            List<String> inputs = n.inputs().stream().filter(renamed::containsKey).map(renamed::get).toList();
            pasted.add(new EditorNode(renamed.get(n.name()), n.spec(), inputs, n.frozen(), n.x() + PASTE_OFFSET,
                    n.y() + PASTE_OFFSET));
        }
        // Pasting again offsets the next copy further, as people expect.
        copied = copied.stream().map(n -> n.at(n.x() + PASTE_OFFSET, n.y() + PASTE_OFFSET)).toList();
        return new AddNodes(pasted, Text.of("edit.paste", pasted.size()));
    }
}
