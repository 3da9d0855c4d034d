// One evaluation of a network over one split: core's metrics plus what the views need beyond them, the prediction
// and confidence of every example, so a confusion-matrix cell can list its examples. Free of JavaFX; it runs on the
// worker thread over a network of its own.
package org.stepwise.app.studio.evaluation;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.stepwise.app.studio.inference.Probabilities;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.InferenceProfile;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.graph.Network;

/**
 * @param outputs    the network's outputs, (n, width)
 * @param predicted  the predicted class of each example (classification), else null
 * @param confidence the probability of the predicted class (classification), else null
 */
public record EvaluationRun(Dataset data, Metrics metrics, float[] outputs, int width, int[] predicted,
                            float[] confidence, InferenceProfile profile) {

    /**
     * Runs every example of {@code data} through {@code net} in batches, then measures the network's cost.
     *
     * @param progress told the fraction done after each batch, on the calling thread
     */
    public static EvaluationRun of(Network net, Dataset data, DoubleConsumer progress) {
        int width = net.output().size();
        int f = data.features();
        float[] outputs = new float[data.n() * width];
        for (int start = 0; start < data.n(); start += Evaluator.DEFAULT_BATCH_SIZE) {
            int rows = Math.min(Evaluator.DEFAULT_BATCH_SIZE, data.n() - start);
            float[] x = Arrays.copyOfRange(data.x(), start * f, (start + rows) * f);
            System.arraycopy(net.predict(x, rows), 0, outputs, start * width, rows * width);
            progress.accept((double) (start + rows) / data.n());
        }
        InferenceProfile profile = InferenceProfile.measure(net);
        if (!data.isClassification()) {
            return new EvaluationRun(data, RegressionMetrics.of(outputs, data.y(), data.n(), width, Double.NaN),
                    outputs, width, null, null, profile);
        }
        boolean oneLogit = data.isOneLogitBinary(width);
        if (!oneLogit && width != data.classes()) {
            throw new IllegalArgumentException("The network gives " + width + " values per example but the data has "
                    + data.classes() + " classes");
        }
        int[] predicted = new int[data.n()];
        float[] confidence = new float[data.n()];
        for (int i = 0; i < data.n(); i++) {
            float[] p = Probabilities.of(outputs, i * width, width);
            predicted[i] = Probabilities.best(p);
            confidence[i] = p[predicted[i]];
        }
        Metrics metrics = oneLogit
                ? ClassificationMetrics.ofOneLogit(outputs, data.labels(), data.n(), Evaluator.DEFAULT_TOP_K,
                        Double.NaN)
                : ClassificationMetrics.of(outputs, data.labels(), data.n(), width, Evaluator.DEFAULT_TOP_K,
                        Double.NaN);
        return new EvaluationRun(data, metrics, outputs, width, predicted, confidence, profile);
    }

    /** The indices of the examples of class {@code actual} predicted as {@code guess}, in data order. */
    public int[] examples(int actual, int guess) {
        return java.util.stream.IntStream.range(0, data.n())
                .filter(i -> data.labels()[i] == actual && predicted[i] == guess).toArray();
    }
}
