// Regression metrics by hand, including the R² convention for a constant target and the multi-output average.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void mseMaeAndR2MatchHandComputation() {
        // Errors 0, −1, 1, −2; the targets' mean is 3, so their total sum of squares is 4 + 0 + 1 + 9 = 14.
        RegressionMetrics m = RegressionMetrics.of(new float[] {1, 2, 3, 4}, new float[] {1, 3, 2, 6}, 4, 1,
                Double.NaN);
        assertEquals(1.5, m.mse(), EPS);
        assertEquals(1.0, m.mae(), EPS);
        assertEquals(1 - 6.0 / 14, m.r2(), EPS);
        assertEquals(-1.5, m.score(), EPS, "without a loss the score is −MSE");
    }

    @Test
    void constantTargetHasR2OneWhenExactAndZeroOtherwise() {
        float[] constant = {2, 2, 2};
        assertEquals(1, RegressionMetrics.of(new float[] {2, 2, 2}, constant, 3, 1, 0).r2(), EPS);
        assertEquals(0, RegressionMetrics.of(new float[] {1, 2, 3}, constant, 3, 1, 0).r2(), EPS);
    }

    @Test
    void severalOutputsAverageTheirR2AndPoolTheirErrors() {
        // Output 0 is predicted exactly (R² 1); output 1 has a constant target and is missed by 1 (R² 0).
        float[] predicted = {1, 5, 2, 5, 3, 5};
        float[] targets = {1, 4, 2, 4, 3, 4};
        RegressionMetrics m = RegressionMetrics.of(predicted, targets, 3, 2, 0.75);
        assertEquals(0.5, m.r2(), EPS);
        assertEquals(0.5, m.mse(), EPS);
        assertEquals(0.5, m.mae(), EPS);
        assertEquals(-0.75, m.score(), EPS, "with a loss the score is −loss");
    }
}
