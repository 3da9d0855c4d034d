// A loss times a constant factor: the same minimum, a learning signal that many times weaker (or stronger). It
// stands in for the small gradients of deep or well-trained networks when showing what low precision does to them.
package org.stepwise.core.train;

import org.stepwise.core.kernels.Kernels;

public record ScaledLoss(Loss inner, float factor) implements Loss {
    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public float value(Kernels kernels, float[] output, Batch batch, int cols) {
        return factor * inner.value(kernels, output, batch, cols);
    }

    @Override
    public void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput) {
        inner.gradient(kernels, output, batch, cols, dOutput);
        int n = batch.rows() * cols;
        for (int i = 0; i < n; i++) {
            dOutput[i] *= factor;
        }
    }
}
