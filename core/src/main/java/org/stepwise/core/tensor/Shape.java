// The dimensions of a tensor, row-major; immutable, printed as "(64, 128)" in error messages.
package org.stepwise.core.tensor;

import java.util.Arrays;

public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new ShapeException("A shape needs at least one dimension");
        }
        long size = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new ShapeException("Every dimension must be positive, but the shape is " + format(dims));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new ShapeException("The shape " + format(dims) + " has more than 2^31-1 elements");
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new ShapeException("Axis " + axis + " is outside the shape " + this);
        }
        return dims[axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** Throws a {@link ShapeException} naming both shapes unless {@code other} equals this one. */
    public void requireEqual(Shape other, String what) {
        if (!equals(other)) {
            throw new ShapeException(what + " expects shape " + this + " but receives " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return format(dims);
    }

    private static String format(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
