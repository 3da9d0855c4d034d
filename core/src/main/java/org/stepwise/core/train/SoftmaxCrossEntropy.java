// Softmax + cross-entropy on logits, fused, as PyTorch's CrossEntropyLoss: mean over samples of −log softmax(x)[label].
//
// The probabilities of the last value() are kept for gradient(): (p − onehot) / rows.
//
// A batch with k labels per row (next-token data) is read as rows·k rows of cols/k classes, and the loss is the mean
// over every position, as PyTorch's cross_entropy(logits.view(-1, V), targets.view(-1)).
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
        int k = batch.labelsPerRow();
        if (cols % k != 0) {
            throw new IllegalArgumentException("The output has " + cols + " values per sample, which do not split into "
                    + k + " positions");
        }
        return kernels.softmaxCrossEntropy(output, labels, probs, batch.rows() * k, cols / k);
    }

    @Override
    public void gradient(Kernels kernels, float[] output, Batch batch, int cols, float[] dOutput) {
        int k = batch.labelsPerRow();
        kernels.softmaxCrossEntropyBackward(probs, batch.labels(), dOutput, batch.rows() * k, cols / k);
    }

    /** The probabilities of the last value() call, (rows, cols); live. */
    public float[] probabilities() {
        return probs;
    }
}
