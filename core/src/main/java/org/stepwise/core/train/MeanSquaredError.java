// Mean squared error over every output of every sample, as PyTorch's MSELoss(reduction="mean").
package org.stepwise.core.train;

import org.stepwise.core.kernels.Kernels;

public final class MeanSquaredError implements Loss {

    @Override
    public String id() {
        return "mse";
    }

    @Override
    public float value(Kernels kernels, float[] output, Batch batch, int cols) {
        float[] y = Losses.requireTargets(batch, cols, id());
        int n = batch.rows() * cols;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = output[i] - y[i];
            sum += d * d;
        }
        return (float) (sum / n);
    }

    @Override
    public void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput) {
        float[] y = batch.y();
        int n = batch.rows() * cols;
        float scale = 2f / n;
        for (int i = 0; i < n; i++) {
            dOutput[i] = scale * (output[i] - y[i]);
        }
    }
}
