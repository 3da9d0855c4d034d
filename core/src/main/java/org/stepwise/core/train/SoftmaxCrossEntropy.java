// Softmax + cross-entropy on logits, fused, as PyTorch's CrossEntropyLoss: mean over samples of −log softmax(x)[label].
//
// The probabilities of the last value() are kept for gradient(): (p − onehot) / rows.
package org.stepwise.core.train;

import org.stepwise.core.kernels.Kernels;

public final class SoftmaxCrossEntropy implements Loss {
    private float[] probs = new float[0];

    @Override
    public String id() {
        return "softmax_cross_entropy";
    }

    @Override
    public float value(Kernels kernels, float[] output, Batch batch, int cols) {
        int[] labels = Losses.requireLabels(batch, id());
        int n = batch.rows() * cols;
        if (probs.length < n) {
            probs = new float[n];
        }
        return kernels.softmaxCrossEntropy(output, labels, probs, batch.rows(), cols);
    }

    @Override
    public void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput) {
        kernels.softmaxCrossEntropyBackward(probs, batch.labels(), dOutput, batch.rows(), cols);
    }

    /** The probabilities of the last value() call, (rows, cols); live. */
    public float[] probabilities() {
        return probs;
    }
}
