// Classification metrics against a hand-computed three-class example, top-k, ties and the zero-division convention,
// and the same figures for two classes scored by one logit.
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

    @Test
    void oneLogitPredictsClassOneAboveZeroAndClassZeroAtOrBelow() {
        // Labels 0 0 0 1 1; the logit 0 is a tie (σ = 0.5) and goes to class 0, as argmax's ties go to the lower class.
        float[] logits = {-2, 0, 1.5f, 3, -0.5f};
        int[] labels = {0, 0, 0, 1, 1};
        ClassificationMetrics m = ClassificationMetrics.ofOneLogit(logits, labels, 5, 1, 0.4);
        assertArrayEquals(new int[] {2, 1}, m.confusion()[0]);
        assertArrayEquals(new int[] {1, 1}, m.confusion()[1]);
        assertEquals(2, m.classes());
        assertEquals(0.6, m.accuracy(), EPS);
        assertEquals(0.6, m.topKAccuracy(), EPS, "top-1 is the accuracy");
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 2}, m.precision(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 2}, m.recall(), EPS);
        assertEquals(0.4, m.loss(), EPS);
    }

    @Test
    void oneLogitGivesWhatTheEquivalentTwoScoresGive() {
        // Scores (0, logit) have the same softmax as σ(logit) for class 1, so every figure must agree, top-2 too.
        float[] logits = {-2, 0, 1.5f, 3, -0.5f, 0.25f};
        int[] labels = {0, 0, 0, 1, 1, 1};
        float[] pairs = new float[2 * logits.length];
        for (int r = 0; r < logits.length; r++) {
            pairs[2 * r + 1] = logits[r];
        }
        for (int k = 1; k <= 3; k++) {
            ClassificationMetrics one = ClassificationMetrics.ofOneLogit(logits, labels, 6, k, Double.NaN);
            ClassificationMetrics two = ClassificationMetrics.of(pairs, labels, 6, 2, k, Double.NaN);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(two.confusion()[c], one.confusion()[c]);
            }
            assertEquals(two.topK(), one.topK(), "k is capped at two classes");
            assertEquals(two.topKAccuracy(), one.topKAccuracy(), EPS, "top-" + k);
            assertEquals(two.macro(), one.macro());
        }
        assertEquals(1.0, ClassificationMetrics.ofOneLogit(logits, labels, 6, 2, Double.NaN).topKAccuracy(), EPS,
                "both of two classes are always in the top two");
    }
}
