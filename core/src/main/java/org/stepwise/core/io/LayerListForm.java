// The layer-list form of a model: an input shape and a stack of layers, each reading from the one before.
//
//   {"input": [2], "layers": [{"dense": 8, "act": "tanh"}, {"dense": 8, "act": "tanh"}, {"dense": 1}]}
//
// Unnamed layers are named after their kind and place among their kind (dense1, dense2, conv1, pool1, relu1), so
// that the names stay put when a layer of another kind is inserted.
package org.stepwise.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Input;

final class LayerListForm {
    static final String INPUT_NAME = "input";
    private static final List<String> ACTIVATION_KEYS = List.of("act", "name", "frozen");

    private LayerListForm() {
    }

    static ModelReader.Draft read(Fields top) {
        LocatedTree tree = top.tree();
        if (!top.has("input")) {
            throw top.here("missing key 'input': give the shape of one sample, such as [2] or [1, 28, 28]");
        }
        NodeDef input = new NodeDef(INPUT_NAME, new Input.Spec(top.shape("input")));
        if (!top.has("layers")) {
            throw top.here("missing key 'layers': list the layers after the input, such as [{\"dense\": 1}]");
        }
        JsonNode list = top.get("layers");
        if (!list.isArray() || list.isEmpty()) {
            throw top.atValue("layers", "'layers' must be a list of at least one layer, such as [{\"dense\": 1}], "
                    + "not " + Fields.show(list));
        }
        if (list.size() >= ModelReader.MAX_NODES) {
            throw top.atValue("layers", "the model has " + list.size() + " layers, more than the "
                    + (ModelReader.MAX_NODES - 1) + " a description may have");
        }

        List<NodeDef> nodes = new ArrayList<>(List.of(input));
        List<LocatedTree.Position> places = new ArrayList<>(List.of(tree.valueAt(top.pointer("input"))));
        List<String> contexts = new ArrayList<>();
        contexts.add(null);
        Set<String> given = givenNames(list);
        Map<String, Integer> counters = new HashMap<>();
        String previous = INPUT_NAME;
        for (int i = 0; i < list.size(); i++) {
            String context = "layer " + (i + 1);
            Fields f = Fields.at(tree, LocatedTree.child(top.pointer("layers"), i), context, context,
                    "an object such as {\"dense\": 8, \"act\": \"relu\"}");
            LayerSpec spec = spec(f);
            String name = f.has("name") ? f.text("name") : generatedName(spec, given, counters);
            nodes.add(new NodeDef(name, spec, List.of(previous), f.flag("frozen", false)));
            places.add(f.position());
            contexts.add(context);
            previous = name;
        }
        return new ModelReader.Draft(nodes, places, contexts, tree.valueAt(top.pointer("layers")));
    }

    private static LayerSpec spec(Fields f) {
        List<LayerJson.Kind> present = LayerJson.KINDS.stream()
                .filter(k -> k.compactKey() != null && f.has(k.compactKey())).toList();
        if (present.size() > 1) {
            throw f.here("has both '" + present.get(0).compactKey() + "' and '" + present.get(1).compactKey()
                    + "'; one entry describes one layer");
        }
        if (present.isEmpty()) {
            if (!f.has("act")) {
                f.allowOnly(allKeys());
                throw f.here("needs one of the keys " + String.join(", ", kindKeys()) + " or act to say what "
                        + "layer it is");
            }
            f.allowOnly(ACTIVATION_KEYS);
            return new ActivationNode.Spec(f.activation("act"));
        }
        LayerJson.Kind kind = present.get(0);
        f.allowOnly(kind.compactKeys());
        // Layers without a main setting are switched on by their key: {"flatten": true}.
        if (kind.mainKey() == null && !f.flag(kind.compactKey(), true)) {
            throw f.atValue(kind.compactKey(), "'" + kind.compactKey() + "' must be true: write {\""
                    + kind.compactKey() + "\": true} for a " + kind.compactKey() + " layer, or leave the layer out");
        }
        return LayerJson.read(kind, f, kind.compactKey());
    }

    private static Set<String> givenNames(JsonNode list) {
        Set<String> names = new HashSet<>();
        for (JsonNode layer : list) {
            JsonNode name = layer.get("name");
            if (name != null && name.isTextual()) {
                names.add(name.textValue());
            }
        }
        return names;
    }

    // The first free "<prefix><n>": a name the author gave elsewhere is skipped rather than duplicated.
    private static String generatedName(LayerSpec spec, Set<String> given, Map<String, Integer> counters) {
        String prefix = switch (spec.type()) {
            case "conv2d" -> "conv";
            case "maxpool2d" -> "pool";
            default -> spec.type();
        };
        String name;
        do {
            name = prefix + counters.merge(prefix, 1, Integer::sum);
        } while (given.contains(name));
        return name;
    }

    private static List<String> kindKeys() {
        return LayerJson.KINDS.stream().map(LayerJson.Kind::compactKey).filter(k -> k != null).toList();
    }

    private static List<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        LayerJson.KINDS.stream().filter(k -> k.compactKey() != null).forEach(k -> keys.addAll(k.compactKeys()));
        keys.add("act");
        return List.copyOf(keys);
    }
}
