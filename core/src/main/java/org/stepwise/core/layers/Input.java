// The input node: holds the batch the stepper loads. Its forward is the "load batch" phase; it has no backward.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class Input extends Node {

    /** Per-sample shape: (features) for vectors, (channels, height, width) for images. */
    public record Spec(Shape shape) implements LayerSpec {
        @Override
        public String type() {
            return "input";
        }

        @Override
        public int minInputs() {
            return 0;
        }

        @Override
        public int maxInputs() {
            return 0;
        }

        @Override
        public Shape outputShape(String node, List<Shape> inputs, List<String> inputNames) {
            if (shape.rank() < 1 || shape.rank() > 3) {
                throw new GraphException(node, "Input '" + node + "' must be (features), (positions, width) or "
                        + "(channels, height, width), not " + shape);
            }
            return shape;
        }

        @Override
        public Node create(String name) {
            return new Input(name);
        }
    }

    public Input(String name) {
        super(name);
    }

    @Override
    public String type() {
        return "input";
    }

    @Override
    public void forward(boolean training) {
        // The batch is copied in by Network.load; nothing to compute.
    }

    @Override
    public void backward() {
        // Nothing upstream: ∂L/∂input stays in gradOutput for whoever asked for it.
    }
}
