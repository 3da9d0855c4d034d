// Classification metrics from class scores (logits or probabilities) and labels: accuracy, top-k accuracy, the
// confusion matrix, and precision, recall and F1 per class with their macro and weighted averages. Two classes may
// also be scored by one logit per sample: class 1 when it is above 0, i.e. when σ(logit) > 0.5; a logit of exactly 0
// goes to class 0, as argmax gives ties to the lower class.
//
// Zero division follows scikit-learn's zero_division=0: a class never predicted has precision 0, a class with no
// samples has recall 0, and F1 is 0 whenever precision + recall is 0, so no metric is ever NaN. Classes with no
// samples still count in the macro average (as in scikit-learn), and weigh nothing in the weighted one.
package org.stepwise.core.eval;

/**
 * @param confusion  confusion[actual][predicted] counts, (classes, classes)
 * @param support    samples per actual class
 * @param topK       the k of {@code topKAccuracy}
 * @param macro      unweighted mean over classes
 * @param weighted   mean over classes weighted by support
 */
public record ClassificationMetrics(int samples, double loss, double accuracy, int topK, double topKAccuracy,
                                    int[][] confusion, int[] support, double[] precision, double[] recall,
                                    double[] f1, Average macro, Average weighted) implements Metrics {

    public record Average(double precision, double recall, double f1) {
    }

    @Override
    public double score() {
        return accuracy;
    }

    public int classes() {
        return support.length;
    }

    /**
     * Metrics of scores (rows, classes) against labels; the predicted class of a row is its first largest score.
     *
     * @param loss the mean loss, or NaN when not measured
     */
    public static ClassificationMetrics of(float[] scores, int[] labels, int rows, int classes, int k, double loss) {
        int[][] confusion = new int[classes][classes];
        long topKHits = 0;
        for (int r = 0; r < rows; r++) {
            checkLabel(labels[r], classes);
            confusion[labels[r]][argmax(scores, r * classes, classes)]++;
            topKHits += inTopK(scores, r * classes, classes, labels[r], k) ? 1 : 0;
        }
        return fromCounts(confusion, topKHits, k, loss);
    }

    /**
     * Metrics of one logit per sample (rows, 1) against labels 0 and 1. Top-k for k ≥ 2 counts every sample, as it
     * does for two scores: both classes are always among the best two.
     */
    public static ClassificationMetrics ofOneLogit(float[] logits, int[] labels, int rows, int k, double loss) {
        int[][] confusion = new int[2][2];
        long topKHits = countOneLogit(logits, labels, rows, k, confusion);
        return fromCounts(confusion, topKHits, k, loss);
    }

    /** Adds rows of one logit each to confusion (2, 2); returns their top-k hits. */
    static long countOneLogit(float[] logits, int[] labels, int rows, int k, int[][] confusion) {
        long topKHits = 0;
        for (int r = 0; r < rows; r++) {
            checkLabel(labels[r], 2);
            int guess = logits[r] > 0 ? 1 : 0;
            confusion[labels[r]][guess]++;
            topKHits += k >= 2 || guess == labels[r] ? 1 : 0;
        }
        return topKHits;
    }

    /** Metrics of a confusion matrix already counted (e.g. over batches), with the number of top-k hits. */
    public static ClassificationMetrics fromCounts(int[][] confusion, long topKHits, int k, double loss) {
        int classes = confusion.length;
        int[] support = new int[classes];
        int[] predicted = new int[classes];
        int samples = 0;
        int correct = 0;
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                support[a] += confusion[a][p];
                predicted[p] += confusion[a][p];
            }
            samples += support[a];
            correct += confusion[a][a];
        }
        double[] precision = new double[classes];
        double[] recall = new double[classes];
        double[] f1 = new double[classes];
        double[] macro = new double[3];
        double[] weighted = new double[3];
        for (int c = 0; c < classes; c++) {
            int tp = confusion[c][c];
            precision[c] = predicted[c] == 0 ? 0 : (double) tp / predicted[c];
            recall[c] = support[c] == 0 ? 0 : (double) tp / support[c];
            double sum = precision[c] + recall[c];
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
            macro[0] += precision[c];
            macro[1] += recall[c];
            macro[2] += f1[c];
            weighted[0] += precision[c] * support[c];
            weighted[1] += recall[c] * support[c];
            weighted[2] += f1[c] * support[c];
        }
        double perClass = classes == 0 ? 0 : 1.0 / classes;
        double perSample = samples == 0 ? 0 : 1.0 / samples;
        return new ClassificationMetrics(samples, loss, correct * perSample,
                Math.min(k, classes), topKHits * perSample, confusion, support, precision, recall,
                f1, new Average(macro[0] * perClass, macro[1] * perClass, macro[2] * perClass),
                new Average(weighted[0] * perSample, weighted[1] * perSample, weighted[2] * perSample));
    }

    /** The first index of the largest of {@code classes} scores from {@code offset}, as Kernels.argmaxRows. */
    static int argmax(float[] scores, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[offset + c] > scores[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether the label is among the k best scores. Ties rank by index, lower first, the same rule argmax uses, so
     * top-1 accuracy always equals accuracy.
     */
    static boolean inTopK(float[] scores, int offset, int classes, int label, int k) {
        float own = scores[offset + label];
        int better = 0;
        for (int c = 0; c < classes; c++) {
            float s = scores[offset + c];
            if (s > own || (s == own && c < label)) {
                better++;
            }
        }
        return better < k;
    }

    static void checkLabel(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("The label " + label + " is not a class of " + classes
                    + " (0 to " + (classes - 1) + ")");
        }
    }
}
