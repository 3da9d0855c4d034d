// Binary cross-entropy on logits, as PyTorch's BCEWithLogitsLoss: mean over outputs of
// max(x, 0) − x·y + log(1 + e^−|x|), which never overflows; its gradient is (σ(x) − y) / n.
package org.stepwise.core.train;

import org.stepwise.core.kernels.Kernels;

public final class BinaryCrossEntropyWithLogits implements Loss {

    @Override
    public String id() {
        return "bce_with_logits";
    }

    @Override
    public float value(Kernels kernels, float[] output, Batch batch, int cols) {
        float[] y = Losses.requireTargets(batch, cols, id());
        int n = batch.rows() * cols;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = output[i];
            sum += Math.max(x, 0) - x * y[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return (float) (sum / n);
    }

    @Override
    public void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput) {
        float[] y = batch.y();
        int n = batch.rows() * cols;
        for (int i = 0; i < n; i++) {
            double sigmoid = 1.0 / (1.0 + Math.exp(-output[i]));
            dOutput[i] = (float) ((sigmoid - y[i]) / n);
        }
    }
}
