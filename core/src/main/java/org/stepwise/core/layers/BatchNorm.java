// Batch normalisation: y = γ · (x − μ) / √(σ² + ε) + β per feature of a vector or per channel of an image,
// as PyTorch's BatchNorm1d and BatchNorm2d.
//
// Training normalises with the batch's mean and biased variance and moves the running statistics toward the batch's
// mean and UNBIASED variance; inference normalises with the running statistics. γ and β are stored as PyTorch's
// weight and bias; the running statistics are state, not parameters: no gradient, no optimizer.
package org.stepwise.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class BatchNorm extends Node {

    /**
     * @param momentum how far one training batch moves the running statistics: running = (1 − m)·running + m·batch
     * @param epsilon  added to the variance before the square root
     */
    public record Spec(float momentum, float epsilon) implements LayerSpec {
        public Spec {
            if (!(momentum >= 0f && momentum <= 1f)) {
                throw new IllegalArgumentException("A batch norm's momentum must lie in [0, 1], not " + momentum);
            }
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("A batch norm's epsilon must be positive, not " + epsilon);
            }
        }

        /** PyTorch's defaults: momentum 0.1, epsilon 1e-5. */
        public Spec() {
            this(0.1f, 1e-5f);
        }

        @Override
        public String type() {
            return "batchnorm";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            if (s.rank() != 1 && s.rank() != 3) {
                throw new GraphException(node, GraphDef.describe(type(), node) + " expects a vector or an image "
                        + "(channels, height, width) but receives " + s + " from '" + inputNames.get(0) + "'");
            }
            return s;
        }

        @Override
        public Node create(String name) {
            return new BatchNorm(name, this);
        }
    }

    private final Spec spec;
    private Param gamma;
    private Param beta;
    /** Features of a vector or channels of an image; each has its own statistics. */
    private int channels;
    /** Values per channel per sample: 1 for vectors, height·width for images. */
    private int spatial;
    private float[] runningMean;
    private float[] runningVar;
    /** Per channel, from the last forward: the mean and 1/√(σ² + ε) it normalised with. */
    private float[] mean;
    private float[] invStd;
    /** Per channel, in backward: Σ ∂L/∂y and Σ ∂L/∂y · x̂. */
    private float[] sumDy;
    private float[] sumDyXhat;
    /** x̂ (batch, size): the normalised input, before γ and β. */
    private float[] xhat;
    /** Whether the last forward used the batch's statistics, which backward must then differentiate through. */
    private boolean batchStatistics;

    public BatchNorm(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "batchnorm";
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(gamma, beta);
    }

    /** γ, the per-channel scale: PyTorch's "weight". */
    public Param gamma() {
        ensureParams();
        return gamma;
    }

    /** β, the per-channel offset: PyTorch's "bias". */
    public Param beta() {
        ensureParams();
        return beta;
    }

    /** The running mean per channel, live: training updates it, inference reads it, a project file restores it. */
    public float[] runningMean() {
        ensureParams();
        return runningMean;
    }

    /** The running (unbiased) variance per channel, live, like {@link #runningMean()}. */
    public float[] runningVar() {
        ensureParams();
        return runningVar;
    }

    /** The running mean, then the running variance: PyTorch's running_mean and running_var. */
    @Override
    public List<float[]> state() {
        ensureParams();
        return List.of(runningMean, runningVar);
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        Arrays.fill(gamma.value(), 1f);
        Arrays.fill(beta.value(), 0f);
        Arrays.fill(runningMean, 0f);
        Arrays.fill(runningVar, 1f);
    }

    // Sized from the input, which is known once the network has bound this node.
    private void ensureParams() {
        if (gamma == null) {
            Shape in = inputs[0].shape();
            channels = in.dim(0);
            spatial = in.size() / channels;
            gamma = new Param("weight", Shape.of(channels), false);
            beta = new Param("bias", Shape.of(channels), false);
            runningMean = new float[channels];
            runningVar = new float[channels];
            mean = new float[channels];
            invStd = new float[channels];
            sumDy = new float[channels];
            sumDyXhat = new float[channels];
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        ensureParams();
        xhat = new float[capacity * size];
    }

    // Element (sample s, channel c, position p) sits at (s·channels + c)·spatial + p, for vectors and images alike.

    @Override
    public void forward(boolean training) {
        float[] x = inputs[0].output();
        batchStatistics = training;
        if (training) {
            computeBatchStatistics(x);
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = runningMean[c];
                invStd[c] = (float) (1 / Math.sqrt(runningVar[c] + spec.epsilon()));
            }
        }
        float[] g = gamma.value();
        float[] b = beta.value();
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < channels; c++) {
                int start = (s * channels + c) * spatial;
                float m = mean[c];
                float is = invStd[c];
                for (int i = start; i < start + spatial; i++) {
                    xhat[i] = (x[i] - m) * is;
                    output[i] = g[c] * xhat[i] + b[c];
                }
            }
        }
    }

    /** Fills mean and invStd from the batch and moves the running statistics, as PyTorch does in train mode. */
    private void computeBatchStatistics(float[] x) {
        int count = batch * spatial;
        if (count < 2) {
            throw new IllegalStateException(GraphDef.describe(type(), name()) + " needs more than one value per "
                    + "channel in training, but receives a batch of " + batch + " of shape " + shape);
        }
        float m = spec.momentum();
        for (int c = 0; c < channels; c++) {
            // Two passes in double: the one-pass E[x²] − E[x]² cancels badly when the mean is large.
            double sum = 0;
            for (int s = 0; s < batch; s++) {
                int start = (s * channels + c) * spatial;
                for (int i = start; i < start + spatial; i++) {
                    sum += x[i];
                }
            }
            double mu = sum / count;
            double squares = 0;
            for (int s = 0; s < batch; s++) {
                int start = (s * channels + c) * spatial;
                for (int i = start; i < start + spatial; i++) {
                    double d = x[i] - mu;
                    squares += d * d;
                }
            }
            mean[c] = (float) mu;
            invStd[c] = (float) (1 / Math.sqrt(squares / count + spec.epsilon()));
            runningMean[c] = (float) ((1 - m) * runningMean[c] + m * mu);
            runningVar[c] = (float) ((1 - m) * runningVar[c] + m * squares / (count - 1));
        }
    }

    @Override
    public void backward() {
        Arrays.fill(sumDy, 0f);
        Arrays.fill(sumDyXhat, 0f);
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < channels; c++) {
                int start = (s * channels + c) * spatial;
                float dy = 0f;
                float dyx = 0f;
                for (int i = start; i < start + spatial; i++) {
                    dy += gradOutput[i];
                    dyx += gradOutput[i] * xhat[i];
                }
                sumDy[c] += dy;
                sumDyXhat[c] += dyx;
            }
        }
        if (!frozen()) {
            System.arraycopy(sumDyXhat, 0, gamma.grad(), 0, channels);
            System.arraycopy(sumDy, 0, beta.grad(), 0, channels);
        }
        if (!inputs[0].gradientWanted()) {
            return;
        }
        // With batch statistics, μ and σ depend on every x too:
        //   ∂L/∂x = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂));
        // with running statistics they are constants and only γ/σ · dy remains.
        float[] dx = inputs[0].gradOutput();
        float[] g = gamma.value();
        float perValue = batchStatistics ? 1f / (batch * spatial) : 0f;
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < channels; c++) {
                int start = (s * channels + c) * spatial;
                float scale = g[c] * invStd[c];
                float meanDy = sumDy[c] * perValue;
                float meanDyXhat = sumDyXhat[c] * perValue;
                for (int i = start; i < start + spatial; i++) {
                    dx[i] += scale * (gradOutput[i] - meanDy - xhat[i] * meanDyXhat);
                }
            }
        }
    }
}
