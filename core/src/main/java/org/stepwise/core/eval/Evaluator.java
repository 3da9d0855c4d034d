// Runs a network in inference mode over a whole dataset, batch by batch, and measures it.
//
// The batches come in dataset order from a reused Batcher, so a pass allocates nothing per batch; the only new
// objects are the result's counts. It changes no weights, optimizer state or running statistics, so it may run
// between any two training steps, but not in the middle of one: it overwrites the nodes' activation buffers.
package org.stepwise.core.eval;

import java.util.IdentityHashMap;
import java.util.Map;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.Network;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.Loss;

public final class Evaluator {
    /** Rows per inference batch when none is chosen: large enough to be fast, small enough to keep buffers small. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_TOP_K = 2;

    private final int batchSize;
    private final int topK;
    private final Map<Dataset, Batcher> batchers = new IdentityHashMap<>();
    private final int[] predicted;

    public Evaluator() {
        this(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K);
    }

    /** @param topK the k of top-k accuracy; capped at the number of classes */
    public Evaluator(int batchSize, int topK) {
        if (batchSize <= 0 || topK <= 0) {
            throw new IllegalArgumentException("The evaluation batch size and top-k must be at least 1, not "
                    + batchSize + " and " + topK);
        }
        this.batchSize = batchSize;
        this.topK = topK;
        this.predicted = new int[batchSize];
    }

    /**
     * Classification metrics for data with labels, regression metrics for data with targets. Two classes may be
     * scored by one logit per sample instead of two scores; the loss for that is bce_with_logits.
     *
     * @param loss the loss to report, as the mean over samples; null for none (the loss is then NaN). It may be
     *             the stepper's own instance, since evaluation runs between steps.
     */
    public Metrics evaluate(Network net, Dataset data, Loss loss) {
        Batcher b = batcherFor(data);
        int cols = net.output().size();
        if (data.isOneLogitBinary(cols)) {
            return classifyOneLogit(net, data, b, loss);
        }
        if (data.labelsPerSample() > 1) {
            return classifyPositions(net, data, b, loss, cols);
        }
        if (data.isClassification() && cols != data.classes()) {
            throw new IllegalArgumentException("The network's output '" + net.output().name() + "' has " + cols
                    + " values per sample but the dataset '" + data.name() + "' has " + data.classes()
                    + " classes; classification needs one score per class" + (data.classes() == 2
                    ? ", or one logit for two classes" : ""));
        }
        if (!data.isClassification() && cols != data.outputs()) {
            throw new IllegalArgumentException("The network's output '" + net.output().name() + "' has " + cols
                    + " values per sample but the dataset '" + data.name() + "' has " + data.outputs()
                    + " targets per sample");
        }
        return data.isClassification() ? classify(net, data, b, loss, cols) : regress(net, data, b, loss, cols);
    }

    private ClassificationMetrics classify(Network net, Dataset data, Batcher b, Loss loss, int classes) {
        int[][] confusion = new int[classes][classes];
        long topKHits = 0;
        double lossSum = 0;
        for (int i = 0; i < b.batchesPerEpoch(); i++) {
            Batch batch = b.batch(0, i);
            float[] out = net.predict(batch.x(), batch.rows());
            if (loss != null) {
                lossSum += (double) loss.value(net.kernels(), out, batch, classes) * batch.rows();
            }
            net.kernels().argmaxRows(out, batch.rows(), classes, predicted);
            for (int r = 0; r < batch.rows(); r++) {
                int label = batch.labels()[r];
                ClassificationMetrics.checkLabel(label, classes);
                confusion[label][predicted[r]]++;
                topKHits += ClassificationMetrics.inTopK(out, r * classes, classes, label, topK) ? 1 : 0;
            }
        }
        return ClassificationMetrics.fromCounts(confusion, topKHits, topK, meanLoss(loss, lossSum, data.n()));
    }

    // k labels per sample (next-token data): the output (rows, k·classes) is read as rows·k rows of class scores, and
    // accuracy counts positions. The loss is still the mean over samples of the loss's own mean over positions.
    private ClassificationMetrics classifyPositions(Network net, Dataset data, Batcher b, Loss loss, int cols) {
        int k = data.labelsPerSample();
        int classes = data.classes();
        if (cols != k * classes) {
            throw new IllegalArgumentException("The network's output '" + net.output().name() + "' has " + cols
                    + " values per sample but the dataset '" + data.name() + "' needs " + k + " positions × "
                    + classes + " classes = " + k * classes);
        }
        int[][] confusion = new int[classes][classes];
        long topKHits = 0;
        double lossSum = 0;
        int[] guesses = new int[b.batchSize() * k];
        for (int i = 0; i < b.batchesPerEpoch(); i++) {
            Batch batch = b.batch(0, i);
            float[] out = net.predict(batch.x(), batch.rows());
            if (loss != null) {
                lossSum += (double) loss.value(net.kernels(), out, batch, cols) * batch.rows();
            }
            int rows = batch.rows() * k;
            net.kernels().argmaxRows(out, rows, classes, guesses);
            for (int r = 0; r < rows; r++) {
                int label = batch.labels()[r];
                ClassificationMetrics.checkLabel(label, classes);
                confusion[label][guesses[r]]++;
                topKHits += ClassificationMetrics.inTopK(out, r * classes, classes, label, topK) ? 1 : 0;
            }
        }
        return ClassificationMetrics.fromCounts(confusion, topKHits, topK, meanLoss(loss, lossSum, data.n()));
    }

    // Two classes, one logit per sample (rows, 1): the same counts, with the class read off the logit's sign.
    private ClassificationMetrics classifyOneLogit(Network net, Dataset data, Batcher b, Loss loss) {
        int[][] confusion = new int[2][2];
        long topKHits = 0;
        double lossSum = 0;
        for (int i = 0; i < b.batchesPerEpoch(); i++) {
            Batch batch = b.batch(0, i);
            float[] out = net.predict(batch.x(), batch.rows());
            if (loss != null) {
                lossSum += (double) loss.value(net.kernels(), out, batch, 1) * batch.rows();
            }
            topKHits += ClassificationMetrics.countOneLogit(out, batch.labels(), batch.rows(), topK, confusion);
        }
        return ClassificationMetrics.fromCounts(confusion, topKHits, topK, meanLoss(loss, lossSum, data.n()));
    }

    private RegressionMetrics regress(Network net, Dataset data, Batcher b, Loss loss, int outputs) {
        double[] squared = new double[outputs];
        double absolute = 0;
        double lossSum = 0;
        for (int i = 0; i < b.batchesPerEpoch(); i++) {
            Batch batch = b.batch(0, i);
            float[] out = net.predict(batch.x(), batch.rows());
            if (loss != null) {
                lossSum += (double) loss.value(net.kernels(), out, batch, outputs) * batch.rows();
            }
            float[] y = batch.y();
            for (int j = 0; j < batch.rows() * outputs; j++) {
                double d = (double) out[j] - y[j];
                squared[j % outputs] += d * d;
                absolute += Math.abs(d);
            }
        }
        return RegressionMetrics.fromSums(squared, absolute, data.y(), data.n(), outputs,
                meanLoss(loss, lossSum, data.n()));
    }

    private static double meanLoss(Loss loss, double sum, int n) {
        return loss == null || n == 0 ? Double.NaN : sum / n;
    }

    // One batcher per dataset, kept because the same training and validation sets come back after every epoch.
    private Batcher batcherFor(Dataset data) {
        return batchers.computeIfAbsent(data, d -> new Batcher(d, batchSize, 0, false));
    }
}
