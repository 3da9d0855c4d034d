// A stand-alone activation node: y = f(x), for graphs that show the activation as its own step.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class ActivationNode extends Node implements Activated {

    public record Spec(Activation activation) implements LayerSpec {
        @Override
        public String type() {
            return activation.id();
        }

        @Override
        public Shape outputShape(String node, List<Shape> inputs, List<String> inputNames) {
            return inputs.get(0);
        }

        @Override
        public Node create(String name) {
            return new ActivationNode(name, activation);
        }
    }

    private final Activation activation;
    private float[] dx;

    public ActivationNode(String name, Activation activation) {
        super(name);
        this.activation = activation;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return activation.id();
    }

    @Override
    protected void allocateScratch(int capacity) {
        dx = new float[capacity * size];
    }

    @Override
    public float[] preActivation() {
        return inputs[0].output();
    }

    @Override
    public void forward(boolean training) {
        int cols = rowLength();
        activation.forward(kernels, inputs[0].output(), output, batch * size / cols, cols);
    }

    @Override
    public void backward() {
        if (!inputs[0].gradientWanted()) {
            return;
        }
        int cols = rowLength();
        activation.backward(kernels, inputs[0].output(), output, gradOutput, dx, batch * size / cols, cols);
        float[] target = inputs[0].gradOutput();
        int n = batch * size;
        for (int i = 0; i < n; i++) {
            target[i] += dx[i];
        }
    }

    // Softmax normalises over the last axis; element-wise functions do not care how rows are cut.
    private int rowLength() {
        return activation == Activation.SOFTMAX ? shape.dim(shape.rank() - 1) : size;
    }
}
