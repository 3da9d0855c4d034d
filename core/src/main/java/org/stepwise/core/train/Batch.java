// One batch of training data: inputs and targets, row-major, for {@code rows} samples.
//
// Classification uses labels (one class index per sample); regression and binary targets use y (rows, outputs).
// A two-class batch may carry both: the labels, and y = 0 or 1 per sample for a single logit.
// Next-token data carries one label per position: labelsPerRow of them per sample, sample-major.
package org.stepwise.core.train;

public record Batch(float[] x, int[] labels, float[] y, int rows, int labelsPerRow) {
    public Batch {
        if (labelsPerRow < 1) {
            throw new IllegalArgumentException("A batch needs at least 1 label per row, not " + labelsPerRow);
        }
    }

    public Batch(float[] x, int[] labels, float[] y, int rows) {
        this(x, labels, y, rows, 1);
    }

    public static Batch classification(float[] x, int[] labels, int rows) {
        return new Batch(x, labels, null, rows);
    }

    public static Batch regression(float[] x, float[] y, int rows) {
        return new Batch(x, null, y, rows);
    }
}
