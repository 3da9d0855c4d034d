// Classification metrics against a hand-computed three-class example, top-k, ties and the zero-division convention.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    // (label, predicted, second best) per row. Confusion[actual][predicted]:
    //   actual 0: 2 1 0   actual 1: 1 1 0   actual 2: 1 1 3; predicted column totals 4, 3, 3.
    private static final int[][] ROWS = {
            {0, 0, 1}, {0, 0, 2}, {0, 1, 0},
            {1, 1, 0}, {1, 0, 2},
            {2, 2, 0}, {2, 2, 1}, {2, 2, 1}, {2, 1, 0}, {2, 0, 2}};

    private static ClassificationMetrics example(int k) {
        float[] scores = new float[ROWS.length * 3];
        int[] labels = new int[ROWS.length];
        for (int r = 0; r < ROWS.length; r++) {
            labels[r] = ROWS[r][0];
            scores[r * 3 + ROWS[r][1]] = 3f;
            scores[r * 3 + ROWS[r][2]] = 2f;
            scores[r * 3 + 3 - ROWS[r][1] - ROWS[r][2]] = 1f;
        }
        return ClassificationMetrics.of(scores, labels, ROWS.length, 3, k, 0.25);
    }

    @Test
    void confusionMatrixCountsActualByPredicted() {
        ClassificationMetrics m = example(1);
        assertArrayEquals(new int[] {2, 1, 0}, m.confusion()[0]);
        assertArrayEquals(new int[] {1, 1, 0}, m.confusion()[1]);
        assertArrayEquals(new int[] {1, 1, 3}, m.confusion()[2]);
        assertArrayEquals(new int[] {3, 2, 5}, m.support());
        assertEquals(10, m.samples());
        assertEquals(0.6, m.accuracy(), EPS);
        assertEquals(0.25, m.loss(), EPS);
    }

    @Test
    void perClassPrecisionRecallAndF1MatchHandComputation() {
        ClassificationMetrics m = example(1);
        assertArrayEquals(new double[] {2.0 / 4, 1.0 / 3, 3.0 / 3}, m.precision(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 2, 3.0 / 5}, m.recall(), EPS);
        assertArrayEquals(new double[] {4.0 / 7, 2.0 / 5, 3.0 / 4}, m.f1(), EPS);
    }

    @Test
    void macroAveragesWeighClassesEquallyAndWeightedOnesBySupport() {
        ClassificationMetrics m = example(1);
        assertEquals(11.0 / 18, m.macro().precision(), EPS);
        assertEquals(53.0 / 90, m.macro().recall(), EPS);
        assertEquals(241.0 / 420, m.macro().f1(), EPS);
        assertEquals(43.0 / 60, m.weighted().precision(), EPS);
        assertEquals(0.6, m.weighted().recall(), EPS, "weighted recall is always the accuracy");
        assertEquals(877.0 / 1400, m.weighted().f1(), EPS);
    }

    @Test
    void topTwoAccuracyCountsTheSecondBestScore() {
        assertEquals(0.6, example(1).topKAccuracy(), EPS);
        assertEquals(0.8, example(2).topKAccuracy(), EPS);
        assertEquals(1.0, example(3).topKAccuracy(), EPS);
        assertEquals(3, example(5).topK(), "k is capped at the number of classes");
    }

    @Test
    void tiedScoresRankByIndexSoTopOneEqualsAccuracy() {
        float[] scores = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        int[] labels = {0, 1, 2};
        ClassificationMetrics top1 = ClassificationMetrics.of(scores, labels, 3, 3, 1, Double.NaN);
        ClassificationMetrics top2 = ClassificationMetrics.of(scores, labels, 3, 3, 2, Double.NaN);
        assertEquals(1.0 / 3, top1.accuracy(), EPS);
        assertEquals(top1.accuracy(), top1.topKAccuracy(), EPS);
        assertEquals(2.0 / 3, top2.topKAccuracy(), EPS);
    }

    @Test
    void classesWithoutPredictionsOrSamplesScoreZeroInsteadOfNaN() {
        // Labels 0, 0, 1, all predicted 0: class 1 is never predicted, class 2 has no samples and no predictions.
        float[] scores = {5, 0, 0, 5, 0, 0, 5, 0, 0};
        ClassificationMetrics m = ClassificationMetrics.of(scores, new int[] {0, 0, 1}, 3, 3, 1, Double.NaN);
        assertArrayEquals(new double[] {2.0 / 3, 0, 0}, m.precision(), EPS);
        assertArrayEquals(new double[] {1, 0, 0}, m.recall(), EPS);
        assertArrayEquals(new double[] {0.8, 0, 0}, m.f1(), EPS);
        assertEquals(0.8 / 3, m.macro().f1(), EPS, "a class without samples still counts in the macro average");
        assertEquals(1.6 / 3, m.weighted().f1(), EPS);
        assertTrue(Double.isNaN(m.loss()), "no loss was given");
    }

    @Test
    void noSamplesGiveZerosEverywhere() {
        ClassificationMetrics m = ClassificationMetrics.of(new float[0], new int[0], 0, 3, 2, Double.NaN);
        assertEquals(0, m.accuracy());
        assertEquals(0, m.topKAccuracy());
        assertEquals(new ClassificationMetrics.Average(0, 0, 0), m.macro());
        assertEquals(new ClassificationMetrics.Average(0, 0, 0), m.weighted());
    }
}
