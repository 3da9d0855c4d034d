// Global-norm clipping by hand: the norm spans all parameters, clipped gradients end at maxNorm, small ones stay.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

class GradientClippingTest {

    /** A weight with gradient (3) and a bias with gradient (4): a global norm of 5, though neither alone is. */
    private final Param weight = param("weight", 3f);
    private final Param bias = param("bias", 4f);
    private final List<Param> params = List.of(weight, bias);

    @Test
    void clippingReturnsTheNormBeforeAndScalesAllGradientsByOneFactor() {
        assertEquals(5f, GradientClipping.clipGlobalNorm(params, 1f));
        float scale = (float) (1 / (5 + 1e-6));
        assertArrayEquals(new float[] {3 * scale}, weight.grad());
        assertArrayEquals(new float[] {4 * scale}, bias.grad());
        double clipped = Math.hypot(weight.grad()[0], bias.grad()[0]);
        assertEquals(1.0, clipped, 1e-6); // exactly maxNorm but for PyTorch's 1e-6 guard
        assertEquals(0.6f / 0.8f, weight.grad()[0] / bias.grad()[0], 1e-7f); // the direction is kept
    }

    @Test
    void gradientsWithinTheLimitAreLeftUntouched() {
        assertEquals(5f, GradientClipping.clipGlobalNorm(params, 5f));
        assertEquals(5f, GradientClipping.clipGlobalNorm(params, 10f));
        assertArrayEquals(new float[] {3f}, weight.grad());
        assertArrayEquals(new float[] {4f}, bias.grad());
    }

    @Test
    void aLimitThatIsNotPositiveIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(params, 0f));
        assertEquals("The gradient clipping norm must be a finite number > 0, not 0.0", e.getMessage());
    }

    private static Param param(String name, float grad) {
        Param p = new Param(name, Shape.of(1), name.equals("weight"));
        p.grad()[0] = grad;
        return p;
    }
}
