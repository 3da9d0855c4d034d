// Dynamic loss scaling: an overflow skips the step and halves the scale; clean steps unscale exactly and, after the
// growth interval, double it; and a gradient that fp16 would flush to zero survives when scaled.
package org.stepwise.core.precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossScalerTest {

    @Test
    void anOverflowSkipsTheStepAndHalvesTheScale() {
        LossScaler s = new LossScaler(1024f, 2f, 0.5f, 3);
        float[] g = {1f, Float.POSITIVE_INFINITY};
        assertFalse(s.unscale(List.of(g)));
        assertEquals(512f, s.scale());
        assertEquals(1f, g[0], "a skipped step leaves the gradients alone");
        assertEquals(1, s.skippedSteps());
    }

    @Test
    void cleanStepsUnscaleExactlyAndGrowTheScaleAfterTheInterval() {
        LossScaler s = new LossScaler(1024f, 2f, 0.5f, 3);
        for (int step = 1; step <= 3; step++) {
            float[] g = {1024f * 0.3f, -1024f * 1e-6f};
            assertTrue(s.unscale(List.of(g)));
            assertArrayEquals(new float[] {0.3f, -1e-6f}, g, 0f);
        }
        assertEquals(2048f, s.scale());
        assertEquals(3, s.steps());
    }

    @Test
    void scalingKeepsAGradientThatFp16WouldFlushToZero() {
        float gradient = 1e-8f; // under fp16's smallest subnormal, 2⁻²⁴ ≈ 6e−8
        assertEquals(0f, Precision.FP16.round(gradient));
        LossScaler s = LossScaler.standard();
        float[] g = {Precision.FP16.round(gradient * s.scale())};
        assertTrue(s.unscale(List.of(g)));
        assertEquals(gradient, g[0], gradient * 1e-3);
    }
}
