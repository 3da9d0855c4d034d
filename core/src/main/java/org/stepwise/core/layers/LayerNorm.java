// Layer normalisation: y = γ · (x − μ) / √(σ² + ε) + β over the last dimension of each sample, as PyTorch's
// nn.LayerNorm(last dimension).
//
// Unlike BatchNorm, the statistics come from one sample alone (one row of its last dimension), so training and
// inference compute the same thing and there is no running state. γ and β have the size of the last dimension and
// are stored as PyTorch's weight and bias. A vector is normalised over all its features.
package org.stepwise.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class LayerNorm extends Node {

    /** @param epsilon added to the variance before the square root */
    public record Spec(float epsilon) implements LayerSpec {
        public Spec {
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("A layer norm's epsilon must be positive, not " + epsilon);
            }
        }

        /** PyTorch's default: epsilon 1e-5. */
        public Spec() {
            this(1e-5f);
        }

        @Override
        public String type() {
            return "layernorm";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            return in.get(0);
        }

        @Override
        public long parameterCount(List<Shape> in) {
            Shape s = in.get(0);
            return 2L * s.dim(s.rank() - 1);
        }

        @Override
        public Node create(String name) {
            return new LayerNorm(name, this);
        }
    }

    private final Spec spec;
    private Param gamma;
    private Param beta;
    /** The size of the last dimension: the values each mean and variance are taken over. */
    private int features;
    /** Per row (batch · size / features rows), from the last forward: 1/√(σ² + ε). */
    private float[] invStd;
    /** x̂ (batch, size): the normalised input, before γ and β. */
    private float[] xhat;

    public LayerNorm(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "layernorm";
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(gamma, beta);
    }

    /** γ, the per-feature scale: PyTorch's "weight". */
    public Param gamma() {
        ensureParams();
        return gamma;
    }

    /** β, the per-feature offset: PyTorch's "bias". */
    public Param beta() {
        ensureParams();
        return beta;
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        Arrays.fill(gamma.value(), 1f);
        Arrays.fill(beta.value(), 0f);
    }

    // Sized from the input, which is known once the network has bound this node.
    private void ensureParams() {
        if (gamma == null) {
            Shape in = inputs[0].shape();
            features = in.dim(in.rank() - 1);
            gamma = new Param("weight", Shape.of(features), false);
            beta = new Param("bias", Shape.of(features), false);
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        ensureParams();
        xhat = new float[capacity * size];
        invStd = new float[capacity * size / features];
    }

    // Row r holds the values r·features … (r + 1)·features − 1; a sample holds size / features rows.

    @Override
    public void forward(boolean training) {
        float[] x = inputs[0].output();
        float[] g = gamma.value();
        float[] b = beta.value();
        int rows = batch * size / features;
        for (int r = 0; r < rows; r++) {
            int start = r * features;
            // Two passes in double: the one-pass E[x²] − E[x]² cancels badly when the mean is large.
            double sum = 0;
            for (int j = 0; j < features; j++) {
                sum += x[start + j];
            }
            double mu = sum / features;
            double squares = 0;
            for (int j = 0; j < features; j++) {
                double d = x[start + j] - mu;
                squares += d * d;
            }
            float is = (float) (1 / Math.sqrt(squares / features + spec.epsilon()));
            float m = (float) mu;
            invStd[r] = is;
            for (int j = 0; j < features; j++) {
                int i = start + j;
                xhat[i] = (x[i] - m) * is;
                output[i] = g[j] * xhat[i] + b[j];
            }
        }
    }

    @Override
    public void backward() {
        float[] g = gamma.value();
        int rows = batch * size / features;
        if (!frozen()) {
            // ∂L/∂γ = Σ_rows dy · x̂, ∂L/∂β = Σ_rows dy, per feature.
            float[] dGamma = gamma.grad();
            float[] dBeta = beta.grad();
            Arrays.fill(dGamma, 0f);
            Arrays.fill(dBeta, 0f);
            for (int r = 0; r < rows; r++) {
                int start = r * features;
                for (int j = 0; j < features; j++) {
                    dGamma[j] += gradOutput[start + j] * xhat[start + j];
                    dBeta[j] += gradOutput[start + j];
                }
            }
        }
        if (!inputs[0].gradientWanted()) {
            return;
        }
        // μ and σ depend on every x of the row, so with ĝ = γ · dy:
        //   ∂L/∂x = 1/σ · (ĝ − mean(ĝ) − x̂ · mean(ĝ · x̂)), the means taken over the row.
        float[] dx = inputs[0].gradOutput();
        for (int r = 0; r < rows; r++) {
            int start = r * features;
            float meanG = 0f;
            float meanGXhat = 0f;
            for (int j = 0; j < features; j++) {
                float gy = g[j] * gradOutput[start + j];
                meanG += gy;
                meanGXhat += gy * xhat[start + j];
            }
            meanG /= features;
            meanGXhat /= features;
            float is = invStd[r];
            for (int j = 0; j < features; j++) {
                int i = start + j;
                dx[i] += is * (g[j] * gradOutput[i] - meanG - xhat[i] * meanGXhat);
            }
        }
    }
}
