// A read-only window on a live (rows, cols) buffer of the engine: read it during a phase callback or copy it out.
package org.stepwise.core.stepper;

import org.stepwise.core.tensor.Shape;

public final class TensorView {
    private final float[] data;
    private final int offset;
    private final int rows;
    private final int cols;
    private final Shape sampleShape;

    TensorView(float[] data, int offset, int rows, int cols, Shape sampleShape) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.sampleShape = sampleShape;
    }

    /** Samples in the batch (1 for parameters). */
    public int rows() {
        return rows;
    }

    /** Values per row. */
    public int cols() {
        return cols;
    }

    /** The shape of one row: (units), (channels, height, width), or a parameter's own shape. */
    public Shape sampleShape() {
        return sampleShape;
    }

    public float get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + rows + "×" + cols);
        }
        return data[offset + row * cols + col];
    }

    /** Copies all rows into {@code target} (at least rows·cols long) and returns it. */
    public float[] copyTo(float[] target) {
        System.arraycopy(data, offset, target, 0, rows * cols);
        return target;
    }

    public float[] copy() {
        return copyTo(new float[rows * cols]);
    }
}
