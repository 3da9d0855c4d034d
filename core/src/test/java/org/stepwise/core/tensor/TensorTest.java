// Tensor and Shape: row-major indexing and error messages that name the shapes involved.
package org.stepwise.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void shapeMismatchMessageNamesBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Shape.of(64, 128).requireEqual(Shape.of(64, 10), "Dense 'hidden2'"));
        assertEquals("Dense 'hidden2' expects shape (64, 128) but receives (64, 10)", e.getMessage());
        assertDoesNotThrow(() -> Shape.of(2, 3).requireEqual(Shape.of(2, 3), "Dense 'out'"));
    }

    @Test
    void shapeRejectsEmptyAndNonPositiveDimensions() {
        assertEquals("A shape needs at least one dimension", assertThrows(ShapeException.class, Shape::of).getMessage());
        assertEquals("Every dimension must be positive, but the shape is (3, 0)",
                assertThrows(ShapeException.class, () -> Shape.of(3, 0)).getMessage());
    }

    @Test
    void shapeSizeIsTheProductOfItsDimensions() {
        Shape shape = Shape.of(2, 3, 4);
        assertEquals(24, shape.size());
        assertEquals(3, shape.rank());
        assertEquals("(2, 3, 4)", shape.toString());
    }

    @Test
    void getAndSetUseRowMajorOffsets() {
        float[] data = new float[24];
        Tensor t = Tensor.wrap(data, 2, 3, 4);
        t.set(7f, 1, 2, 3);
        t.set(5f, 0, 1, 2);
        assertEquals(7f, data[(1 * 3 + 2) * 4 + 3]);
        assertEquals(5f, data[(0 * 3 + 1) * 4 + 2]);
        assertEquals(7f, t.get(1, 2, 3));
    }

    @Test
    void reshapeSharesDataWhenSizesAgree() {
        Tensor t = Tensor.wrap(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
        Tensor r = t.reshape(3, 2);
        assertSame(t.data(), r.data());
        assertEquals(Shape.of(3, 2), r.shape());
        assertEquals(4f, r.get(1, 1));
    }

    @Test
    void reshapeToADifferentSizeNamesBothShapesAndCounts() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertEquals("Cannot reshape (2, 3) (6 values) to (4, 2) (8 values)", e.getMessage());
    }

    @Test
    void wrapRejectsDataOfTheWrongLength() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.wrap(new float[5], 2, 3));
        assertEquals("A tensor of shape (2, 3) needs 6 values but receives 5", e.getMessage());
    }

    @Test
    void indexOutsideTheShapeIsRejected() {
        Tensor t = Tensor.zeros(2, 3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 3));
        assertEquals("Index [0, 3] is outside the shape (2, 3)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.set(1f, -1, 0));
    }

    @Test
    void indexOfTheWrongRankIsRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).get(1));
        assertEquals("Index of rank 1 used on a tensor of shape (2, 3)", e.getMessage());
    }

    @Test
    void uniformIsSeededAndWithinRange() {
        Tensor a = Tensor.uniform(42, -1f, 1f, 4, 5);
        Tensor b = Tensor.uniform(42, -1f, 1f, 4, 5);
        assertArrayEquals(a.data(), b.data());
        for (float v : a.data()) {
            assertEquals(true, v >= -1f && v < 1f, "value " + v);
        }
    }

    @Test
    void copyDoesNotShareData() {
        Tensor t = Tensor.zeros(2);
        Tensor c = t.copy();
        c.set(3f, 0);
        assertEquals(0f, t.get(0));
    }
}
