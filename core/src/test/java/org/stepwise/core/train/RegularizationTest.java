// L1/L2 regularization by hand: the penalty and its gradient cover weights only, with the (l2/2)·Σw² convention.
package org.stepwise.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

class RegularizationTest {

    private final Param weight = param("weight", true, 1f, -2f, 0.5f, 0f);
    private final Param bias = param("bias", false, 10f);
    private final List<Param> params = List.of(weight, bias);
    private final Regularization both = new Regularization(0.1f, 0.2f);

    @Test
    void penaltyIsL1TimesAbsoluteSumPlusHalfL2TimesSquareSumOverWeights() {
        // 0.1 · (1 + 2 + 0.5) + 0.2 / 2 · (1 + 4 + 0.25); the bias of 10 would add 1 + 10 if it counted
        assertEquals(0.35 + 0.525, both.penalty(params), 1e-7);
    }

    @Test
    void gradientsGainL1SignPlusL2WeightOnWeightsOnly() {
        weight.grad()[0] = 0.5f;
        weight.grad()[1] = 0.5f;
        weight.grad()[2] = 0.5f;
        weight.grad()[3] = 0.5f;
        bias.grad()[0] = 1f;
        both.addGradients(params);
        // 0.5 + 0.1·sign(w) + 0.2·w, with sign(0) = 0
        assertArrayEquals(new float[] {0.8f, 0f, 0.7f, 0.5f}, weight.grad(), 1e-7f);
        assertArrayEquals(new float[] {1f}, bias.grad());
    }

    @Test
    void theGradientIsTheDerivativeOfThePenalty() {
        both.addGradients(params);
        float h = 1e-3f;
        for (int i = 0; i < 3; i++) { // not at w = 0, where |w| has no derivative
            float w = weight.value()[i];
            weight.value()[i] = w + h;
            double up = both.penalty(params);
            weight.value()[i] = w - h;
            double down = both.penalty(params);
            weight.value()[i] = w;
            assertEquals((up - down) / (2 * h), weight.grad()[i], 1e-4, "weight " + i);
        }
    }

    @Test
    void negativeStrengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Regularization(-0.1f, 0f));
        assertEquals("Regularization strengths must be finite numbers ≥ 0, not l1 -0.1 and l2 0.0", e.getMessage());
    }

    private static Param param(String name, boolean isWeight, float... values) {
        Param p = new Param(name, Shape.of(values.length), isWeight);
        System.arraycopy(values, 0, p.value(), 0, values.length);
        return p;
    }
}
