// What a node is, as data: its type and settings. Specs are immutable records; files and the editor hold them.
//
// A spec infers its output shape from its inputs' shapes and builds a runtime Node; it never touches buffers.
package org.stepwise.core.graph;

import java.util.List;
import org.stepwise.core.tensor.Shape;

public interface LayerSpec {

    /** The type name used in files and messages: "dense", "conv2d", "relu", … */
    String type();

    /** How many inputs the node takes: {@code [min, max]}; max is Integer.MAX_VALUE for merges. */
    default int minInputs() {
        return 1;
    }

    default int maxInputs() {
        return 1;
    }

    /**
     * The per-sample output shape (no batch dimension) for these per-sample input shapes, or a
     * {@link GraphException} naming this node, the producer and both shapes.
     */
    Shape outputShape(String node, List<Shape> inputs, List<String> inputNames);

    /** How many parameters the node will have for these input shapes; used to refuse oversized networks. */
    default long parameterCount(List<Shape> inputs) {
        return 0;
    }

    /** A fresh runtime node for this spec; parameters are initialised later, from the network's seed. */
    Node create(String name);
}
