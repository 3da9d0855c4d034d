// A fully connected layer with an optional built-in activation: z = x·Wᵀ + b, y = f(z).
//
// W is (units, inputs), as PyTorch's nn.Linear stores it, so weights export without transposing.
package org.stepwise.core.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class Dense extends Node implements Activated {

    /**
     * @param units      output features
     * @param activation applied after the affine map; IDENTITY for none
     * @param init       weight initialisation (biases start at zero); null for the activation's default
     * @param initValue  the constant for {@link Init#CONSTANT}
     * @param inputs     the input features the weights were made for, or 0 to take whatever arrives
     */
    public record Spec(int units, Activation activation, Init init, float initValue, int inputs)
            implements LayerSpec {
        public Spec {
            if (units <= 0) {
                throw new IllegalArgumentException("A dense layer needs at least 1 unit, not " + units);
            }
            activation = activation == null ? Activation.IDENTITY : activation;
        }

        public Spec(int units, Activation activation) {
            this(units, activation, null, 0f, 0);
        }

        @Override
        public String type() {
            return "dense";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            String self = GraphDef.describe(type(), node);
            if (s.rank() != 1) {
                throw new GraphException(node, self + " expects a vector but receives " + s + " from '"
                        + inputNames.get(0) + "': put a Flatten before it");
            }
            if (inputs > 0 && s.dim(0) != inputs) {
                throw new GraphException(node, self + " expects " + inputs + " inputs but receives " + s.dim(0)
                        + " from '" + inputNames.get(0) + "'");
            }
            return Shape.of(units);
        }

        @Override
        public long parameterCount(List<Shape> in) {
            return (long) in.get(0).size() * units + units;
        }

        @Override
        public Node create(String name) {
            return new Dense(name, this);
        }
    }

    private final Spec spec;
    private Param weight;
    private Param bias;
    private int in;
    /** z (batch, units) when there is an activation; otherwise z is the output itself. */
    private float[] z;
    private float[] dz;

    public Dense(String name, Spec spec) {
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

    /** ∂L/∂z after backward: the δ of every unit, (batch, units); live. */
    public float[] gradPreActivation() {
        return spec.activation() == Activation.IDENTITY ? gradOutput : dz;
    }

    @Override
    public String type() {
        return "dense";
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

    public int inputFeatures() {
        ensureParams();
        return in;
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        Init init = spec.init() != null ? spec.init() : Init.defaultFor(spec.activation());
        init.fill(weight.value(), in, spec.units(), spec.initValue(), random);
    }

    // Parameters are sized from the input, which is known once the network has bound this node.
    private void ensureParams() {
        if (weight == null) {
            in = inputs[0].shape().dim(0);
            weight = new Param("weight", Shape.of(spec.units(), in), true);
            bias = new Param("bias", Shape.of(spec.units()), false);
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        if (spec.activation() != Activation.IDENTITY) {
            z = new float[capacity * spec.units()];
            dz = new float[capacity * spec.units()];
        }
    }

    @Override
    public float[] preActivation() {
        return spec.activation() == Activation.IDENTITY ? output : z;
    }

    @Override
    public void forward(boolean training) {
        int units = spec.units();
        float[] zOut = spec.activation() == Activation.IDENTITY ? output : z;
        // (batch, in) · (units, in)ᵀ + b -> (batch, units)
        Linear.forward(kernels, inputs[0].output(), weight, bias, zOut, batch);
        if (zOut != output) {
            spec.activation().forward(kernels, z, output, batch, units);
        }
    }

    @Override
    public void backward() {
        int units = spec.units();
        float[] dZ = gradOutput;
        if (spec.activation() != Activation.IDENTITY) {
            spec.activation().backward(kernels, z, output, gradOutput, dz, batch, units);
            dZ = dz;
        }
        // dW (units, in) = dZᵀ·x and db = Σ_batch dZ; dx (batch, in) += dZ·W
        Linear.backward(kernels, inputs[0].output(), weight, bias, dZ, batch, frozen(),
                inputs[0].gradientWanted() ? inputs[0].gradOutput() : null, true);
    }
}
