// The Transformer's position-wise feed-forward block: y = fc2(GELU(fc1(x))), applied to each position's vector alone.
//
// The input is (T, dim) (any shape whose last dimension is the width); fc1 widens to `hidden`, typically 4·dim, and fc2
// narrows back. GELU is the tanh approximation GPT-2 uses (PyTorch's approximate="tanh"). Weights are in nn.Linear's
// (out, in) layout.
package org.stepwise.core.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class FeedForward extends Node {

    /** @param hidden the width between the two linear maps */
    public record Spec(int hidden) implements LayerSpec {
        public Spec {
            if (hidden < 1) {
                throw new IllegalArgumentException("A feed-forward block needs a hidden width of at least 1, not "
                        + hidden);
            }
        }

        @Override
        public String type() {
            return "feedforward";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            if (s.rank() < 1 || s.rank() > 2) {
                throw new GraphException(node, GraphDef.describe(type(), node) + " expects vectors (positions, width)"
                        + " but receives " + s + " from '" + inputNames.get(0) + "'");
            }
            return s;
        }

        @Override
        public long parameterCount(List<Shape> in) {
            Shape s = in.get(0);
            long dim = s.dim(s.rank() - 1);
            return 2 * dim * hidden + hidden + dim;
        }

        @Override
        public Node create(String name) {
            return new FeedForward(name, this);
        }
    }

    private final Spec spec;
    private Param fc1Weight;
    private Param fc1Bias;
    private Param fc2Weight;
    private Param fc2Bias;
    private int dim;
    /** fc1's output before and after GELU, (rows, hidden), and scratch for their gradients. */
    private float[] preActivation;
    private float[] activation;
    private float[] dActivation;
    private float[] dPreActivation;

    public FeedForward(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "feedforward";
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(fc1Weight, fc1Bias, fc2Weight, fc2Bias);
    }

    /** GELU(fc1(x)) of the last forward pass, (rows, hidden) with rows = batch · positions; live. */
    public float[] hiddenActivation() {
        return activation;
    }

    private void ensureParams() {
        if (fc1Weight == null) {
            Shape in = inputs[0].shape();
            dim = in.dim(in.rank() - 1);
            fc1Weight = new Param("fc1_weight", Shape.of(spec.hidden(), dim), true);
            fc1Bias = new Param("fc1_bias", Shape.of(spec.hidden()), false);
            fc2Weight = new Param("fc2_weight", Shape.of(dim, spec.hidden()), true);
            fc2Bias = new Param("fc2_bias", Shape.of(dim), false);
        }
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        for (Param p : List.of(fc1Weight, fc2Weight)) {
            Init.normal(p.value(), Init.GPT_STD, random);
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        ensureParams();
        int n = capacity * (size / dim) * spec.hidden();
        preActivation = new float[n];
        activation = new float[n];
        dActivation = new float[n];
        dPreActivation = new float[n];
    }

    @Override
    public void forward(boolean training) {
        int rows = batch * (size / dim);
        Linear.forward(kernels, inputs[0].output(), fc1Weight, fc1Bias, preActivation, rows);
        kernels.gelu(preActivation, activation, rows * spec.hidden());
        Linear.forward(kernels, activation, fc2Weight, fc2Bias, output, rows);
    }

    @Override
    public void backward() {
        int rows = batch * (size / dim);
        Linear.backward(kernels, activation, fc2Weight, fc2Bias, gradOutput, rows, frozen(), dActivation, false);
        kernels.geluBackward(preActivation, dActivation, dPreActivation, rows * spec.hidden());
        Linear.backward(kernels, inputs[0].output(), fc1Weight, fc1Bias, dPreActivation, rows, frozen(),
                inputs[0].gradientWanted() ? inputs[0].gradOutput() : null, true);
    }
}
