// The graph form of a model: every node by name, with the names of the nodes it reads from, so that a node may
// read from several (a skip connection) and a result may feed several nodes.
//
//   {"nodes": [{"name": "input", "type": "input", "shape": [2]},
//              {"name": "h1", "type": "dense", "units": 8, "act": "tanh", "inputs": ["input"]}, …]}
package org.stepwise.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.NodeDef;

final class GraphForm {
    private static final String EXAMPLE = "an object such as {\"name\": \"h1\", \"type\": \"dense\", \"units\": 8, "
            + "\"inputs\": [\"input\"]}";

    private GraphForm() {
    }

    static ModelReader.Draft read(Fields top) {
        LocatedTree tree = top.tree();
        JsonNode list = top.get("nodes");
        if (!list.isArray()) {
            throw top.atValue("nodes", "'nodes' must be a list of nodes, not " + Fields.show(list));
        }
        if (list.size() > ModelReader.MAX_NODES) {
            throw top.atValue("nodes", "the model has " + list.size() + " nodes, more than the "
                    + ModelReader.MAX_NODES + " a description may have");
        }
        List<NodeDef> nodes = new ArrayList<>();
        List<LocatedTree.Position> places = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = LocatedTree.child(top.pointer("nodes"), i);
            JsonNode name = list.get(i).get("name");
            String context = name != null && name.isTextual() && !name.textValue().isBlank()
                    ? "node '" + name.textValue() + "'" : "node " + (i + 1);
            Fields f = Fields.at(tree, pointer, context, "node " + (i + 1), EXAMPLE);
            nodes.add(node(f));
            places.add(f.position());
        }
        // Problems found in the graph name their nodes already, in the author's own names: no "node 'h1': " prefix.
        List<String> contexts = Collections.nCopies(nodes.size(), null);
        return new ModelReader.Draft(nodes, places, contexts, tree.valueAt(top.pointer("nodes")));
    }

    private static NodeDef node(Fields f) {
        if (!f.has("type")) {
            f.allowOnly(allKeys());
        }
        String type = f.text("type");
        LayerJson.Kind kind = LayerJson.KINDS.stream().filter(k -> k.type().equals(type)).findFirst()
                .orElseThrow(() -> f.atValue("type", "unknown type '" + type + "'"
                        + DidYouMean.hint(type, LayerJson.types()) + "; use one of "
                        + String.join(", ", LayerJson.types())));
        boolean input = type.equals("input");
        if (input && f.has("inputs")) {
            throw f.atKey("inputs", "an input node reads from no other node: remove 'inputs'");
        }
        f.allowOnly(kind.graphKeys());
        String name = f.text("name");
        LayerSpec spec = LayerJson.read(kind, f, kind.mainKey());
        List<String> inputs = input ? List.of() : f.names("inputs");
        if (!input && inputs.isEmpty()) {
            throw f.atValue("inputs", "'inputs' is empty: name the node this one reads from, such as [\"input\"]");
        }
        return new NodeDef(name, spec, inputs, f.flag("frozen", false));
    }

    private static List<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        LayerJson.KINDS.forEach(k -> keys.addAll(k.graphKeys()));
        return List.copyOf(keys);
    }
}
