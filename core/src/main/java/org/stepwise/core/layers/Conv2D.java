// A 2-D convolution over (channels, height, width) images with an optional built-in activation: z = W ⊛ x + b, y = f(z).
//
// W is (out, in, kh, kw) and b (out), as PyTorch's nn.Conv2d stores them. Each sample is unfolded by im2col so that
// the convolution is one matrix product. Backward unfolds each sample again rather than keeping the whole batch's
// columns: on LeNet, keeping them (batch × C·k·k × outH·outW floats) measured no faster, since copying them out of
// memory costs about what unfolding a cached image does; batching all samples into one wide product did not pay
// either.
package org.stepwise.core.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.ConvGeometry;
import org.stepwise.core.kernels.GemmLayout;
import org.stepwise.core.tensor.Shape;

public final class Conv2D extends Node implements Activated {

    /**
     * @param outChannels filters, one output channel each
     * @param kernelSize  the side of the square kernel
     * @param stride      the step between neighbouring windows
     * @param padding     zeros added on every side of the image
     * @param activation  applied after the convolution; IDENTITY for none
     * @param init        weight initialisation (biases start at zero); null for the activation's default
     * @param initValue   the constant for {@link Init#CONSTANT}
     */
    public record Spec(int outChannels, int kernelSize, int stride, int padding, Activation activation, Init init,
                       float initValue) implements LayerSpec {
        public Spec {
            if (outChannels <= 0) {
                throw new IllegalArgumentException("A convolution needs at least 1 output channel, not "
                        + outChannels);
            }
            if (kernelSize <= 0 || stride <= 0) {
                throw new IllegalArgumentException("A convolution's kernel size and stride must be positive, not "
                        + kernelSize + " and " + stride);
            }
            if (padding < 0) {
                throw new IllegalArgumentException("A convolution's padding cannot be negative: " + padding);
            }
            activation = activation == null ? Activation.IDENTITY : activation;
            // Softmax over a whole feature map has no meaning a learner could use; it belongs after a Flatten.
            if (activation == Activation.SOFTMAX) {
                throw new IllegalArgumentException("A convolution cannot end in softmax: flatten first, then apply "
                        + "softmax");
            }
        }

        public Spec(int outChannels, int kernelSize, int stride, int padding, Activation activation) {
            this(outChannels, kernelSize, stride, padding, activation, null, 0f);
        }

        @Override
        public String type() {
            return "conv2d";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            String self = GraphDef.describe(type(), node);
            if (s.rank() != 3) {
                throw new GraphException(node, self + " expects an image (channels, height, width) but receives " + s
                        + " from '" + inputNames.get(0) + "'");
            }
            int height = s.dim(1) + 2 * padding;
            int width = s.dim(2) + 2 * padding;
            if (kernelSize > height || kernelSize > width) {
                throw new GraphException(node, self + " has a " + kernelSize + "×" + kernelSize + " kernel, which "
                        + "does not fit " + s + " from '" + inputNames.get(0) + "' with padding " + padding);
            }
            return Shape.of(outChannels, (height - kernelSize) / stride + 1, (width - kernelSize) / stride + 1);
        }

        @Override
        public long parameterCount(List<Shape> in) {
            long inChannels = in.get(0).rank() == 3 ? in.get(0).dim(0) : 0;
            return (long) outChannels * inChannels * kernelSize * kernelSize + outChannels;
        }

        @Override
        public Node create(String name) {
            return new Conv2D(name, this);
        }
    }

    private final Spec spec;
    private Param weight;
    private Param bias;
    private ConvGeometry geometry;
    /** One sample's unfolded image (C·k·k, outH·outW), and its gradient. */
    private float[] columns;
    private float[] dColumns;
    /** Per (sample, channel) sums of dZ, on the way to the bias gradient. */
    private float[] channelSums;
    /** z (batch, out, outH, outW) when there is an activation; otherwise z is the output itself. */
    private float[] z;
    private float[] dz;

    public Conv2D(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public Activation activation() {
        return spec.activation();
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(weight, bias);
    }

    public Param weight() {
        ensureParams();
        return weight;
    }

    public Param bias() {
        ensureParams();
        return bias;
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        Init init = spec.init() != null ? spec.init() : Init.defaultFor(spec.activation());
        int area = spec.kernelSize() * spec.kernelSize();
        init.fill(weight.value(), geometry.columnRows(), spec.outChannels() * area, spec.initValue(), random);
    }

    // Parameters are sized from the input, which is known once the network has bound this node.
    private void ensureParams() {
        if (weight == null) {
            Shape in = inputs[0].shape();
            int k = spec.kernelSize();
            geometry = new ConvGeometry(in.dim(0), in.dim(1), in.dim(2), k, k, spec.stride(), spec.padding());
            weight = new Param("weight", Shape.of(spec.outChannels(), in.dim(0), k, k), true);
            bias = new Param("bias", Shape.of(spec.outChannels()), false);
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        ensureParams();
        columns = new float[geometry.columnRows() * geometry.columnCols()];
        dColumns = new float[columns.length];
        channelSums = new float[capacity * spec.outChannels()];
        if (spec.activation() != Activation.IDENTITY) {
            z = new float[capacity * size];
            dz = new float[capacity * size];
        }
    }

    @Override
    public float[] preActivation() {
        return spec.activation() == Activation.IDENTITY ? output : z;
    }

    @Override
    public void forward(boolean training) {
        int outC = spec.outChannels();
        int positions = geometry.columnCols();
        int depth = geometry.columnRows();
        int inSize = inputs[0].size();
        float[] x = inputs[0].output();
        float[] zOut = spec.activation() == Activation.IDENTITY ? output : z;
        float[] b = bias.value();
        for (int s = 0; s < batch; s++) {
            kernels.im2col(x, s * inSize, geometry, columns);
            // W (out, C·k·k) · columns (C·k·k, outH·outW) -> z_s (out, outH·outW)
            kernels.gemm(GemmLayout.AB, outC, positions, depth, weight.value(), 0, columns, 0, zOut, s * size,
                    null, false);
            // The bias runs down the rows of z_s, while the GEMM's bias runs along them: add it per channel.
            for (int c = 0; c < outC; c++) {
                int row = s * size + c * positions;
                float bc = b[c];
                for (int p = 0; p < positions; p++) {
                    zOut[row + p] += bc;
                }
            }
        }
        if (zOut != output) {
            spec.activation().forward(kernels, z, output, batch, size);
        }
    }

    @Override
    public void backward() {
        int outC = spec.outChannels();
        int positions = geometry.columnCols();
        int depth = geometry.columnRows();
        int inSize = inputs[0].size();
        float[] dZ = gradOutput;
        if (spec.activation() != Activation.IDENTITY) {
            spec.activation().backward(kernels, z, output, gradOutput, dz, batch, size);
            dZ = dz;
        }
        boolean params = !frozen();
        boolean input = inputs[0].gradientWanted();
        float[] x = inputs[0].output();
        for (int s = 0; s < batch; s++) {
            if (params) {
                kernels.im2col(x, s * inSize, geometry, columns);
                // dW (out, C·k·k) (+)= dZ_s (out, outH·outW) · columns_sᵀ; the first sample overwrites.
                kernels.gemm(GemmLayout.ABT, outC, depth, positions, dZ, s * size, columns, 0, weight.grad(), 0,
                        null, s > 0);
            }
            if (input) {
                // dColumns (C·k·k, outH·outW) = Wᵀ · dZ_s; col2im adds it into ∂L/∂x_s.
                kernels.gemm(GemmLayout.ATB, depth, positions, outC, weight.value(), 0, dZ, s * size, dColumns, 0,
                        null, false);
                kernels.col2im(dColumns, geometry, inputs[0].gradOutput(), s * inSize);
            }
        }
        if (params) {
            // db = Σ over samples and positions: first per (sample, channel), then over samples.
            kernels.rowSums(dZ, batch * outC, positions, channelSums);
            kernels.colSums(channelSums, batch, outC, bias.grad(), false);
        }
    }
}
