// Max-pooling over (channels, height, width) images: each output is the largest input of its window.
//
// Windows that would overhang the image are dropped, as PyTorch's nn.MaxPool2d does without padding. Forward
// records which input won each window, so backward routes each gradient to that one input.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.kernels.PoolGeometry;
import org.stepwise.core.tensor.Shape;

public final class MaxPool2D extends Node {

    /**
     * @param size   the side of the square window
     * @param stride the step between neighbouring windows
     */
    public record Spec(int size, int stride) implements LayerSpec {
        public Spec {
            if (size <= 0 || stride <= 0) {
                throw new IllegalArgumentException("A max-pool's window size and stride must be positive, not "
                        + size + " and " + stride);
            }
        }

        @Override
        public String type() {
            return "maxpool2d";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            String self = GraphDef.describe(type(), node);
            if (s.rank() != 3) {
                throw new GraphException(node, self + " expects an image (channels, height, width) but receives " + s
                        + " from '" + inputNames.get(0) + "'");
            }
            if (size > s.dim(1) || size > s.dim(2)) {
                throw new GraphException(node, self + " has a " + size + "×" + size + " window, which does not fit "
                        + s + " from '" + inputNames.get(0) + "'");
            }
            return Shape.of(s.dim(0), (s.dim(1) - size) / stride + 1, (s.dim(2) - size) / stride + 1);
        }

        @Override
        public Node create(String name) {
            return new MaxPool2D(name, this);
        }
    }

    private final Spec spec;
    private PoolGeometry geometry;
    /** argmax (batch, C, outH, outW): the index within its sample's image of the input that won each window. */
    private int[] argmax;

    public MaxPool2D(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "maxpool2d";
    }

    @Override
    protected void allocateScratch(int capacity) {
        Shape in = inputs[0].shape();
        geometry = new PoolGeometry(in.dim(0), in.dim(1), in.dim(2), spec.size(), spec.stride());
        argmax = new int[capacity * size];
    }

    @Override
    public void forward(boolean training) {
        int inSize = inputs[0].size();
        float[] x = inputs[0].output();
        for (int s = 0; s < batch; s++) {
            kernels.maxPool(x, s * inSize, geometry, output, s * size, argmax, s * size);
        }
    }

    @Override
    public void backward() {
        if (!inputs[0].gradientWanted()) {
            return;
        }
        int inSize = inputs[0].size();
        float[] dx = inputs[0].gradOutput();
        for (int s = 0; s < batch; s++) {
            kernels.maxPoolBackward(gradOutput, s * size, argmax, s * size, geometry, dx, s * inSize);
        }
    }
}
