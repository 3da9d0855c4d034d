// A learnable tensor of a node with its gradient, both flat float32 buffers in the tensor's row-major order.
package org.stepwise.core.graph;

import org.stepwise.core.tensor.Shape;

public final class Param {
    private final String name;
    private final Shape shape;
    private final float[] value;
    private final float[] grad;
    private final boolean weight;

    /**
     * @param weight true for weights, which take L1/L2 regularization and weight decay; false for biases and
     *               normalisation offsets and scales, which do not.
     */
    public Param(String name, Shape shape, boolean weight) {
        this.name = name;
        this.shape = shape;
        this.value = new float[shape.size()];
        this.grad = new float[shape.size()];
        this.weight = weight;
    }

    /** "weight", "bias", "gamma", "beta". */
    public String name() {
        return name;
    }

    public Shape shape() {
        return shape;
    }

    public int size() {
        return value.length;
    }

    /** The values, shared: optimizers update them in place. */
    public float[] value() {
        return value;
    }

    /** ∂L/∂value of the last backward pass, shared. */
    public float[] grad() {
        return grad;
    }

    public boolean isWeight() {
        return weight;
    }
}
