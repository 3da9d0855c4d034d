// The learning-rate schedules at chosen steps, by hand: step boundaries, cosine ends and middle, warm-up hand-over.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

    private static final float CLOSE = 1e-7f;

    @ParameterizedTest
    @CsvSource({"0", "1", "1000000"})
    void constantKeepsTheBaseRate(long step) {
        assertEquals(0.1f, new ConstantSchedule().rate(0.1f, step));
    }

    @ParameterizedTest
    @CsvSource({"0, 0.1", "2, 0.1", "3, 0.05", "5, 0.05", "6, 0.025", "9, 0.0125"})
    void stepDecayHalvesTheRateEveryThreeSteps(long step, float rate) {
        assertEquals(rate, new StepSchedule(3, 0.5f).rate(0.1f, step), CLOSE);
    }

    @ParameterizedTest
    @CsvSource({
            "0,   0.1",
            "25,  0.0868198052", // 0.01 + 0.09 · (1 + cos(π/4)) / 2
            "50,  0.055",        // halfway: the mean of base and minimum
            "100, 0.01",
            "150, 0.01"})        // held at the minimum after the end
    void cosineFallsFromTheBaseToTheMinimum(long step, float rate) {
        assertEquals(rate, new CosineSchedule(100, 0.01f).rate(0.1f, step), CLOSE);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.025", "1, 0.05", "2, 0.075", "3, 0.1", "4, 0.1", "100, 0.1"})
    void warmupRampsLinearlyThenHandsOverToConstant(long step, float rate) {
        assertEquals(rate, new WarmupSchedule(4, new ConstantSchedule()).rate(0.1f, step), CLOSE);
    }

    @ParameterizedTest
    @CsvSource({"3, 0.1", "4, 0.1", "7, 0.055", "10, 0.01"})
    void theScheduleAfterAWarmupCountsFromItsEnd(long step, float rate) {
        assertEquals(rate, new WarmupSchedule(4, new CosineSchedule(6, 0.01f)).rate(0.1f, step), CLOSE);
    }

    @Test
    void impossibleSettingsAreRejectedWithTheirNames() {
        assertEquals("The step schedule's step_size must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new StepSchedule(0, 0.5f)).getMessage());
        assertEquals("The step schedule's gamma must be a finite number > 0, not 0.0",
                assertThrows(IllegalArgumentException.class, () -> new StepSchedule(3, 0f)).getMessage());
        assertEquals("The cosine schedule's total_steps must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0, 0f)).getMessage());
        assertEquals("The cosine schedule's min_rate must be a finite number ≥ 0, not -0.1",
                assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(10, -0.1f)).getMessage());
        assertEquals("The warm-up's warmup_steps must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new WarmupSchedule(0, new ConstantSchedule())).getMessage());
    }
}
