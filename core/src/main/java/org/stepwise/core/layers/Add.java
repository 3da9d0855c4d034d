// Element-wise sum of two or more inputs of equal shape: the merge of a residual (skip) connection.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class Add extends Node {

    public record Spec() implements LayerSpec {
        @Override
        public String type() {
            return "add";
        }

        @Override
        public int minInputs() {
            return 2;
        }

        @Override
        public int maxInputs() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape first = in.get(0);
            for (int i = 1; i < in.size(); i++) {
                if (!in.get(i).equals(first)) {
                    throw new GraphException(node, GraphDef.describe(type(), node) + " needs equal shapes but "
                            + "receives " + first + " from '" + inputNames.get(0) + "' and " + in.get(i) + " from '"
                            + inputNames.get(i) + "'");
                }
            }
            return first;
        }

        @Override
        public Node create(String name) {
            return new Add(name);
        }
    }

    public Add(String name) {
        super(name);
    }

    @Override
    public String type() {
        return "add";
    }

    @Override
    public void forward(boolean training) {
        int n = batch * size;
        System.arraycopy(inputs[0].output(), 0, output, 0, n);
        for (int k = 1; k < inputs.length; k++) {
            float[] x = inputs[k].output();
            for (int i = 0; i < n; i++) {
                output[i] += x[i];
            }
        }
    }

    @Override
    public void backward() {
        // ∂(a + b)/∂a = 1: every input receives the whole gradient.
        int n = batch * size;
        for (Node in : inputs) {
            if (in.gradientWanted()) {
                float[] dx = in.gradOutput();
                for (int i = 0; i < n; i++) {
                    dx[i] += gradOutput[i];
                }
            }
        }
    }
}
