// A float32 tensor: one contiguous row-major array plus a shape. Kernels work on data() directly.
package org.stepwise.core.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

public final class Tensor {
    private final Shape shape;
    private final float[] data;

    private Tensor(Shape shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    public static Tensor zeros(int... dims) {
        Shape shape = Shape.of(dims);
        return new Tensor(shape, new float[shape.size()]);
    }

    /** Wraps {@code data} without copying; its length must equal the shape's size. */
    public static Tensor wrap(float[] data, int... dims) {
        Shape shape = Shape.of(dims);
        if (data.length != shape.size()) {
            throw new ShapeException("A tensor of shape " + shape + " needs " + shape.size()
                    + " values but receives " + data.length);
        }
        return new Tensor(shape, data);
    }

    /** Uniform values in [lo, hi) from a seeded generator, for tests and initialisation. */
    public static Tensor uniform(long seed, float lo, float hi, int... dims) {
        Tensor t = zeros(dims);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * (float) random.nextDouble();
        }
        return t;
    }

    public Shape shape() {
        return shape;
    }

    public int rank() {
        return shape.rank();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int size() {
        return data.length;
    }

    /** The backing array, shared, not copied: kernels read and write it in place. */
    public float[] data() {
        return data;
    }

    /** A tensor of another shape over the same data; the sizes must agree. */
    public Tensor reshape(int... dims) {
        Shape target = Shape.of(dims);
        if (target.size() != data.length) {
            throw new ShapeException("Cannot reshape " + shape + " (" + data.length + " values) to " + target
                    + " (" + target.size() + " values)");
        }
        return new Tensor(target, data);
    }

    public float get(int... index) {
        return data[offset(index)];
    }

    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    public void fill(float value) {
        Arrays.fill(data, value);
    }

    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    private int offset(int[] index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("Index of rank " + index.length + " used on a tensor of shape " + shape);
        }
        int offset = 0;
        for (int axis = 0; axis < index.length; axis++) {
            int d = shape.dim(axis);
            if (index[axis] < 0 || index[axis] >= d) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is outside the shape " + shape);
            }
            offset = offset * d + index[axis];
        }
        return offset;
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
