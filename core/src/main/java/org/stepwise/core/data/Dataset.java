// A dataset in memory: n samples of one per-sample shape, with class labels or numeric targets.
package org.stepwise.core.data;

import org.stepwise.core.tensor.Shape;

/**
 * @param x       (n, features) row-major
 * @param labels  class index per sample, or null for regression
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
        return labels != null && classes == 2 && outputUnits == 1;
    }

    /** Target values per sample: 1 label, or y's width. */
    public int outputs() {
        return labels != null ? 1 : y.length / n;
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
            int[] sl = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                sl[i] = labels[indices[i]];
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
