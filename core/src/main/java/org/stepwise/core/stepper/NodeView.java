// What one node holds after the last phase: inputs, pre-activation, output, gradients, and its parameters before
// and after the update. Views read live buffers: use them on the training thread, or copy.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class NodeView {

    /** A parameter's value, gradient, value at the step's start (before the update) and the change Δ. */
    public record ParamView(String name, Shape shape, TensorView value, TensorView grad, TensorView before) {
        /** after − before for one element, or NaN without history. */
        public double delta(int index) {
            return before == null ? Double.NaN : value.get(0, index) - before.get(0, index);
        }
    }

    private final Stepper stepper;
    private final Node node;

    NodeView(Stepper stepper, Node node) {
        this.stepper = stepper;
        this.node = node;
    }

    public String name() {
        return node.name();
    }

    public String type() {
        return node.type();
    }

    public Shape shape() {
        return node.shape();
    }

    public boolean frozen() {
        return node.frozen();
    }

    public int inputCount() {
        return node.inputs().length;
    }

    /** The activations arriving at input {@code port}. */
    public TensorView input(int port) {
        return rows(node.inputs()[port].output(), node.inputs()[port]);
    }

    /** The value before the activation function (z), or null when the node has none. */
    public TensorView preActivation() {
        float[] z = node.preActivation();
        return z == null ? null : rows(z, node);
    }

    public TensorView output() {
        return rows(node.output(), node);
    }

    /** ∂L/∂output after the backward phases of all its consumers. */
    public TensorView gradOutput() {
        return rows(node.gradOutput(), node);
    }

    /**
     * ∂L/∂input at {@code port}: the producer's accumulated gradient (in a plain chain, exactly this node's
     * contribution; with fan-out, the sum over the producer's consumers so far).
     */
    public TensorView gradInput(int port) {
        Node producer = node.inputs()[port];
        return rows(producer.gradOutput(), producer);
    }

    public List<ParamView> params() {
        List<ParamView> views = new ArrayList<>();
        for (Param p : node.params()) {
            float[] start = stepper.paramsAtStepStart();
            TensorView before = start == null ? null
                    : new TensorView(start, stepper.paramOffset(p), 1, p.size(), p.shape());
            views.add(new ParamView(p.name(), p.shape(), new TensorView(p.value(), 0, 1, p.size(), p.shape()),
                    new TensorView(p.grad(), 0, 1, p.size(), p.shape()), before));
        }
        return views;
    }

    private static TensorView rows(float[] data, Node n) {
        return new TensorView(data, 0, n.batch(), n.size(), n.shape());
    }
}
