// Writes a GraphDef as the graph form of a network description, with the format header; ModelReader reads it
// back to an equal GraphDef.
package org.stepwise.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Input;

public final class ModelWriter {
    // "key": value, as people write JSON by hand, rather than Jackson's default "key" : value.
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private ModelWriter() {
    }

    /** Pretty JSON ending in a newline; nodes in the graph's declaration order, settings at defaults left out. */
    public static String write(GraphDef graph) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", ModelReader.FORMAT);
        root.put("version", ModelReader.VERSION);
        ArrayNode nodes = root.putArray("nodes");
        for (NodeDef n : graph.nodes()) {
            ObjectNode node = nodes.addObject();
            node.put("name", n.name());
            LayerJson.write(n.spec(), node);
            if (!(n.spec() instanceof Input.Spec)) {
                ArrayNode inputs = node.putArray("inputs");
                n.inputs().forEach(inputs::add);
            }
            if (n.frozen()) {
                node.put("frozen", true);
            }
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}
