// A dataset in memory: n samples of one per-sample shape, with class labels or numeric targets.
//
// A sample usually has one label. A text sample has one per position (the next token after each), so labels may hold
// k per sample, sample-major: labels[s·k + j]. Every sample has the same k.
package org.stepwise.core.data;

import org.stepwise.core.tensor.Shape;

/**
 * @param x       (n, features) row-major
 * @param labels  class index per sample (or k per sample, sample-major), or null for regression
 * @param y       (n, outputs) targets, or null for classification
 * @param classes number of classes (0 for regression)
 */
public record Dataset(String name, Shape featureShape, float[] x, int[] labels, float[] y, int n, int classes) {
    public Dataset {
        if (x.length != n * featureShape.size()) {
            throw new IllegalArgumentException("Dataset '" + name + "' has " + x.length + " feature values but "
                    + n + " samples of shape " + featureShape + " need " + n * featureShape.size());
        }
        if ((labels == null) == (y == null)) {
            throw new IllegalArgumentException("Dataset '" + name + "' needs either class labels or targets");
        }
        if (labels != null && (n == 0 ? labels.length != 0 : labels.length % n != 0 || labels.length == 0)) {
            throw new IllegalArgumentException("Dataset '" + name + "' has " + labels.length + " labels for " + n
                    + " samples; every sample needs the same number of labels");
        }
    }

    public static Dataset classification(String name, Shape featureShape, float[] x, int[] labels, int classes) {
        return new Dataset(name, featureShape, x, labels, null, labels.length, classes);
    }

    public static Dataset regression(String name, Shape featureShape, float[] x, float[] y, int n) {
        return new Dataset(name, featureShape, x, null, y, n, 0);
    }

    public boolean isClassification() {
        return labels != null;
    }

    /**
     * Whether a network with this many output units classifies this data by one logit, as TensorFlow Playground
     * does: two classes, one unit, class 1 when the logit is above 0.
     */
    public boolean isOneLogitBinary(int outputUnits) {
        return labels != null && classes == 2 && outputUnits == 1 && labelsPerSample() == 1;
    }

    /** Target values per sample: the labels per sample, or y's width. */
    public int outputs() {
        return labels != null ? labelsPerSample() : y.length / n;
    }

    /** Labels per sample: 1 for a classifier, the number of positions for next-token data, 0 for regression. */
    public int labelsPerSample() {
        return labels == null ? 0 : n == 0 ? 1 : labels.length / n;
    }

    public int features() {
        return featureShape.size();
    }

    /** The samples at the given indices, as a new dataset (for splits). */
    public Dataset subset(String subsetName, int[] indices) {
        int f = features();
        float[] sx = new float[indices.length * f];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(x, indices[i] * f, sx, i * f, f);
        }
        if (labels != null) {
            int k = labelsPerSample();
            int[] sl = new int[indices.length * k];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(labels, indices[i] * k, sl, i * k, k);
            }
            return new Dataset(subsetName, featureShape, sx, sl, null, indices.length, classes);
        }
        int o = outputs();
        float[] sy = new float[indices.length * o];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(y, indices[i] * o, sy, i * o, o);
        }
        return new Dataset(subsetName, featureShape, sx, null, sy, indices.length, 0);
    }
}
