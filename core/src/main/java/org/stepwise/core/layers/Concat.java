// Joins two or more inputs end to end: vectors along their features, images along their channels.
//
// Per sample, joining along the first axis is joining the inputs' contiguous blocks, so forward and backward are
// block copies for vectors and images alike; images must agree in height and width.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class Concat extends Node {

    public record Spec() implements LayerSpec {
        @Override
        public String type() {
            return "concat";
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
            int[] dims = first.dims();
            String self = GraphDef.describe(type(), node);
            for (int i = 1; i < in.size(); i++) {
                Shape s = in.get(i);
                String both = first + " from '" + inputNames.get(0) + "' and " + s + " from '" + inputNames.get(i)
                        + "'";
                if (s.rank() != first.rank()) {
                    throw new GraphException(node, self + " cannot join " + both + ": give it only vectors or only "
                            + "images");
                }
                if (first.rank() == 3 && (s.dim(1) != first.dim(1) || s.dim(2) != first.dim(2))) {
                    throw new GraphException(node, self + " needs images of equal height and width but receives "
                            + both);
                }
                dims[0] += s.dim(0);
            }
            return Shape.of(dims);
        }

        @Override
        public Node create(String name) {
            return new Concat(name);
        }
    }

    public Concat(String name) {
        super(name);
    }

    @Override
    public String type() {
        return "concat";
    }

    @Override
    public void forward(boolean training) {
        int at = 0;
        for (Node in : inputs) {
            int block = in.size();
            float[] x = in.output();
            for (int s = 0; s < batch; s++) {
                System.arraycopy(x, s * block, output, s * size + at, block);
            }
            at += block;
        }
    }

    @Override
    public void backward() {
        int at = 0;
        for (Node in : inputs) {
            int block = in.size();
            if (in.gradientWanted()) {
                float[] dx = in.gradOutput();
                for (int s = 0; s < batch; s++) {
                    int from = s * size + at;
                    int to = s * block;
                    for (int i = 0; i < block; i++) {
                        dx[to + i] += gradOutput[from + i];
                    }
                }
            }
            at += block;
        }
    }
}
