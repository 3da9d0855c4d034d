// A loss over the network's output: its mean value over the batch, and ∂loss/∂output.
package org.stepwise.core.train;

import org.stepwise.core.kernels.Kernels;

public interface Loss {

    /** "mse", "bce_with_logits", "softmax_cross_entropy". */
    String id();

    /**
     * The mean loss of output (rows, cols) against the batch's targets. Implementations may keep what the gradient
     * needs (e.g. softmax probabilities) until the next call.
     */
    float value(Kernels kernels, float[] output, Batch batch, int cols);

    /** Writes ∂loss/∂output (rows, cols) into dOutput; called after {@link #value} on the same output. */
    void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput);
}
