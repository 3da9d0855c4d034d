// Checks the scalar reference against independent truths: hand-computed cases, finite differences, adjointness.
package org.stepwise.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarKernelsTest {

    private static final ScalarKernels K = new ScalarKernels();
    private static final float EXACT = 0f;
    private static final float CLOSE = 1e-6f;

    /** Points away from the kinks of relu and leaky relu, where finite differences are meaningless. */
    private static final float[] POINTS = {-4.2f, -2.5f, -1.1f, -0.3f, 0.2f, 0.7f, 1.6f, 3.3f};

    // ---- activations: hand cases ------------------------------------------------------------------------------

    @Test
    void causalSoftmaxLetsEachRowSeeOnlyItselfAndEarlierPositions() {
        Kernels k = new ScalarKernels();
        // one 3×3 block after two values that must stay untouched
        float[] scores = {9, 9, 5, 7, -1, 0, 0, 8, 1, 2, 3};
        float[] probs = new float[11];
        probs[0] = -3;
        k.causalSoftmax(scores, probs, 2, 3);
        double e1 = Math.exp(1);
        double e2 = Math.exp(2);
        double e3 = Math.exp(3);
        assertArrayEquals(new float[] {-3, 0, 1, 0, 0, 0.5f, 0.5f, 0,
            (float) (e1 / (e1 + e2 + e3)), (float) (e2 / (e1 + e2 + e3)), (float) (e3 / (e1 + e2 + e3))}, probs,
                1e-6f);
        // backward of row 1 (p = ½, ½), with dP = (2, 4): dS = p ⊙ (dP − 3) = (−½, ½); masked entries 0
        float[] dProbs = {0, 0, 1, 5, 5, 2, 4, 5, 0, 0, 0};
        float[] dScores = new float[11];
        k.causalSoftmaxBackward(probs, dProbs, dScores, 2, 3);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, -0.5f, 0.5f, 0}, Arrays.copyOf(dScores, 8), 1e-6f);
    }

    @Test
    void reluZeroesNegativesAndKeepsPositives() {
        float[] y = new float[5];
        K.relu(new float[] {-2f, -0.5f, 0f, 0.5f, 3f}, y, 5);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 3f}, y, EXACT);
    }

    @Test
    void reluBackwardPassesGradientOnlyWherePositiveAndZeroAtTheKink() {
        float[] dx = new float[3];
        K.reluBackward(new float[] {-1f, 0f, 2f}, new float[] {5f, 6f, 7f}, dx, 3);
        assertArrayEquals(new float[] {0f, 0f, 7f}, dx, EXACT);
    }

    @Test
    void leakyReluScalesNegativesBySlope() {
        float[] y = new float[5];
        K.leakyRelu(new float[] {-2f, -0.5f, 0f, 0.5f, 3f}, y, 5, 0.1f);
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0f, 0.5f, 3f}, y, CLOSE);
    }

    @Test
    void kernelsTouchOnlyTheFirstNValues() {
        float[] y = {9f, 9f, 9f};
        K.relu(new float[] {1f, 2f, 3f}, y, 2);
        assertArrayEquals(new float[] {1f, 2f, 9f}, y, EXACT);
    }

    @Test
    void sigmoidTanhAndGeluMatchKnownValues() {
        float[] x = {0f, 1f, -1f, 2f, -3f};
        float[] y = new float[5];
        K.sigmoid(x, y, 2);
        assertEquals(0.5f, y[0], EXACT);
        assertEquals(0.7310585786f, y[1], CLOSE); // 1 / (1 + e^-1)
        K.tanh(x, y, 2);
        assertEquals(0f, y[0], EXACT);
        assertEquals(0.7615941560f, y[1], CLOSE);
        // PyTorch gelu(x, approximate="tanh") for 0, 1, -1, 2, -3.
        K.gelu(x, y, 5);
        assertArrayEquals(new float[] {0f, 0.8411920f, -0.1588080f, 1.9545977f, -0.0036373921f}, y, CLOSE);
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        float[] y = new float[2];
        K.sigmoid(new float[] {-200f, 200f}, y, 2);
        assertArrayEquals(new float[] {0f, 1f}, y, EXACT);
    }

    // ---- activations: backward against central differences of forward ----------------------------------------

    @Test
    void reluBackwardMatchesFiniteDifferences() {
        assertGradcheck(K::relu, (x, y, dy, dx, n) -> K.reluBackward(x, dy, dx, n));
    }

    @Test
    void leakyReluBackwardMatchesFiniteDifferences() {
        assertGradcheck((x, y, n) -> K.leakyRelu(x, y, n, 0.1f),
                (x, y, dy, dx, n) -> K.leakyReluBackward(x, dy, dx, n, 0.1f));
    }

    @Test
    void sigmoidBackwardMatchesFiniteDifferences() {
        assertGradcheck(K::sigmoid, (x, y, dy, dx, n) -> K.sigmoidBackward(y, dy, dx, n));
    }

    @Test
    void tanhBackwardMatchesFiniteDifferences() {
        assertGradcheck(K::tanh, (x, y, dy, dx, n) -> K.tanhBackward(y, dy, dx, n));
    }

    @Test
    void geluBackwardMatchesFiniteDifferences() {
        assertGradcheck(K::gelu, (x, y, dy, dx, n) -> K.geluBackward(x, dy, dx, n));
    }

    interface Forward {
        void apply(float[] x, float[] y, int n);
    }

    interface Backward {
        void apply(float[] x, float[] y, float[] dy, float[] dx, int n);
    }

    /** dx[i] must equal dy[i] · (f(x+h) − f(x−h)) / 2h at every point of POINTS, within 1e-3 relative. */
    private static void assertGradcheck(Forward forward, Backward backward) {
        int n = POINTS.length;
        float[] y = new float[n];
        float[] dy = new float[n];
        float[] dx = new float[n];
        for (int i = 0; i < n; i++) {
            dy[i] = 0.5f + 0.25f * i * (i % 2 == 0 ? 1 : -1);
        }
        forward.apply(POINTS, y, n);
        backward.apply(POINTS, y, dy, dx, n);
        float h = 1e-2f;
        for (int i = 0; i < n; i++) {
            float[] plus = {POINTS[i] + h};
            float[] minus = {POINTS[i] - h};
            float[] fPlus = new float[1];
            float[] fMinus = new float[1];
            forward.apply(plus, fPlus, 1);
            forward.apply(minus, fMinus, 1);
            double expected = dy[i] * ((double) fPlus[0] - fMinus[0]) / ((double) plus[0] - minus[0]);
            assertClose(expected, dx[i], 1e-3, "dx at x=" + POINTS[i]);
        }
    }

    // ---- softmax and cross-entropy ----------------------------------------------------------------------------

    @Test
    void softmaxOfOneTwoThreeMatchesKnownProbabilities() {
        float[] probs = new float[3];
        K.softmaxRows(new float[] {1f, 2f, 3f}, probs, 1, 3);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, probs, CLOSE);
    }

    @Test
    void softmaxSurvivesHugeLogitsBySubtractingTheRowMax() {
        float[] probs = new float[4];
        K.softmaxRows(new float[] {1000f, 1001f, -1000f, -999f}, probs, 2, 2);
        // Each row is softmax([0, 1]) = [1/(1+e), e/(1+e)].
        assertArrayEquals(new float[] {0.26894142f, 0.73105858f, 0.26894142f, 0.73105858f}, probs, CLOSE);
    }

    @Test
    void crossEntropyIsTheMeanOfMinusLogProbOfTheLabel() {
        // Row 0: −log softmax([1, 2, 3])[2] = 0.40760596; row 1: −log(1/3) = 1.09861229; mean 0.75310912.
        float[] probs = new float[6];
        float loss = K.softmaxCrossEntropy(new float[] {1f, 2f, 3f, 0f, 0f, 0f}, new int[] {2, 0}, probs, 2, 3);
        assertEquals(0.75310912f, loss, CLOSE);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f, 1f / 3, 1f / 3, 1f / 3}, probs, CLOSE);
    }

    @Test
    void crossEntropyStaysFiniteWhenTheLabelProbabilityUnderflows() {
        float[] probs = new float[2];
        float loss = K.softmaxCrossEntropy(new float[] {1000f, 0f}, new int[] {1}, probs, 1, 2);
        assertEquals(1000f, loss, CLOSE);
        assertArrayEquals(new float[] {1f, 0f}, probs, EXACT);
    }

    @Test
    void crossEntropyBackwardMatchesFiniteDifferencesOfTheLoss() {
        int rows = 3, cols = 4;
        int[] labels = {2, 0, 3};
        float[] logits = uniform(new SplittableRandom(7), rows * cols, -2f, 2f);
        float[] probs = new float[rows * cols];
        float[] dLogits = new float[rows * cols];
        K.softmaxCrossEntropy(logits, labels, probs, rows, cols);
        K.softmaxCrossEntropyBackward(probs, labels, dLogits, rows, cols);
        float h = 1e-2f;
        for (int i = 0; i < logits.length; i++) {
            float original = logits[i];
            logits[i] = original + h;
            double plus = K.softmaxCrossEntropy(logits, labels, new float[rows * cols], rows, cols);
            logits[i] = original - h;
            double minus = K.softmaxCrossEntropy(logits, labels, new float[rows * cols], rows, cols);
            logits[i] = original;
            double expected = (plus - minus) / ((double) (original + h) - (original - h));
            assertClose(expected, dLogits[i], 1e-3, "dLogits[" + i + "]");
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 'Row 1 has label 5, but labels must lie in [0, 3)'",
                "-1, 'Row 1 has label -1, but labels must lie in [0, 3)'"})
    void outOfRangeLabelIsRejectedNamingRowAndLabel(int badLabel, String message) {
        int[] labels = {0, badLabel};
        float[] logits = new float[6];
        IllegalArgumentException forward = assertThrows(IllegalArgumentException.class,
                () -> K.softmaxCrossEntropy(logits, labels, new float[6], 2, 3));
        assertEquals(message, forward.getMessage());
        IllegalArgumentException backward = assertThrows(IllegalArgumentException.class,
                () -> K.softmaxCrossEntropyBackward(logits, labels, new float[6], 2, 3));
        assertEquals(message, backward.getMessage());
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @Test
    void rowSumsAddEachRow() {
        float[] out = new float[2];
        K.rowSums(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3, out);
        assertArrayEquals(new float[] {6f, 15f}, out, EXACT);
    }

    @Test
    void colSumsOverwriteOrAccumulateAsAsked() {
        float[] a = {1f, 2f, 3f, 4f, 5f, 6f};
        float[] out = {10f, 20f, 30f};
        K.colSums(a, 2, 3, out, true);
        assertArrayEquals(new float[] {15f, 27f, 39f}, out, EXACT);
        K.colSums(a, 2, 3, out, false);
        assertArrayEquals(new float[] {5f, 7f, 9f}, out, EXACT);
    }

    @Test
    void argmaxPicksTheFirstOfTiedMaxima() {
        int[] out = new int[3];
        K.argmaxRows(new float[] {1f, 3f, 3f, 2f, 5f, 5f, 0f, 0f, -1f, -2f, -1f, -3f}, 3, 4, out);
        assertArrayEquals(new int[] {1, 0, 0}, out);
    }

    // ---- convolution and pooling ------------------------------------------------------------------------------

    @Test
    void im2colWithPaddingAndStrideTwoReadsZerosOutsideTheImage() {
        // A 3×3 image 1..9, 2×2 kernel, stride 2, padding 1: 2×2 outputs whose windows start at (−1, −1),
        // (−1, 1), (1, −1), (1, 1); each row of columns is one kernel cell (i, j) over the four outputs.
        ConvGeometry g = new ConvGeometry(1, 3, 3, 2, 2, 2, 1);
        float[] image = {99f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f};
        float[] columns = new float[g.columnRows() * g.columnCols()];
        K.im2col(image, 1, g, columns);
        assertArrayEquals(new float[] {
                0f, 0f, 0f, 5f,
                0f, 0f, 4f, 6f,
                0f, 2f, 0f, 8f,
                1f, 3f, 7f, 9f}, columns, EXACT);
        // These windows tile the image exactly once, so col2im undoes im2col here.
        float[] back = new float[10];
        K.col2im(columns, g, back, 1);
        assertArrayEquals(new float[] {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f}, back, EXACT);
    }

    @Test
    void col2imAddsOverlappingWindowsTogether() {
        // A 2×2 kernel sliding with stride 1 over 3×3 covers the centre four times, edges twice, corners once.
        ConvGeometry g = new ConvGeometry(1, 3, 3, 2, 2, 1, 0);
        float[] ones = new float[g.columnRows() * g.columnCols()];
        Arrays.fill(ones, 1f);
        float[] image = new float[9];
        K.col2im(ones, g, image, 0);
        assertArrayEquals(new float[] {1f, 2f, 1f, 2f, 4f, 2f, 1f, 2f, 1f}, image, EXACT);
    }

    @ParameterizedTest
    @CsvSource({"1, 3, 3, 2, 2, 1, 0", "2, 5, 4, 3, 3, 1, 1", "3, 7, 6, 3, 2, 2, 1", "2, 4, 4, 1, 1, 1, 0",
                "1, 5, 5, 3, 3, 3, 2"})
    void col2imIsTheAdjointOfIm2col(int c, int h, int w, int kh, int kw, int stride, int padding) {
        ConvGeometry g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        SplittableRandom random = new SplittableRandom(h * 31 + w);
        int offset = 3;
        float[] x = uniform(random, offset + g.imageSize(), -1f, 1f);
        float[] y = uniform(random, g.columnRows() * g.columnCols(), -1f, 1f);
        float[] columns = new float[y.length];
        float[] image = new float[x.length];
        K.im2col(x, offset, g, columns);
        K.col2im(y, g, image, offset);
        double left = 0;
        for (int i = 0; i < y.length; i++) {
            left += (double) columns[i] * y[i];
        }
        double right = 0;
        for (int i = offset; i < x.length; i++) {
            right += (double) x[i] * image[i];
        }
        assertClose(right, left, 1e-5, "<im2col(x), y> against <x, col2im(y)>");
    }

    @Test
    void maxPoolKeepsEachWindowsFirstMaximumAndRoutesGradientsBack() {
        PoolGeometry g = new PoolGeometry(2, 4, 4, 2, 2);
        float[] input = new float[3 + 32];
        float[] channel0 = {
                1f, 3f, 2f, 0f,
                4f, 2f, 9f, 9f,
                0f, 0f, 5f, 1f,
                0f, 0f, 1f, 5f};
        System.arraycopy(channel0, 0, input, 3, 16);
        for (int i = 0; i < 16; i++) {
            input[3 + 16 + i] = -i; // channel 1 decreases, so each window's top-left cell wins
        }
        float[] output = new float[2 + 8];
        int[] argmax = new int[1 + 8];
        K.maxPool(input, 3, g, output, 2, argmax, 1);
        assertArrayEquals(new float[] {0f, 0f, 4f, 9f, 0f, 5f, 0f, -2f, -8f, -10f}, output, EXACT);
        assertArrayEquals(new int[] {0, 4, 6, 8, 10, 16, 18, 24, 26}, argmax);

        float[] dOutput = {0f, 0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f};
        float[] dInput = new float[3 + 32];
        K.maxPoolBackward(dOutput, 2, argmax, 1, g, dInput, 3);
        float[] expected = new float[3 + 32];
        int[] winners = {4, 6, 8, 10, 16, 18, 24, 26};
        for (int o = 0; o < winners.length; o++) {
            expected[3 + winners[o]] = o + 1;
        }
        assertArrayEquals(expected, dInput, EXACT);
    }

    @Test
    void maxPoolBackwardAddsWhenOverlappingWindowsShareAWinner() {
        PoolGeometry g = new PoolGeometry(1, 2, 3, 2, 1);
        float[] output = new float[2];
        int[] argmax = new int[2];
        K.maxPool(new float[] {0f, 9f, 0f, 0f, 0f, 0f}, 0, g, output, 0, argmax, 0);
        assertArrayEquals(new int[] {1, 1}, argmax);
        float[] dInput = new float[6];
        K.maxPoolBackward(new float[] {1f, 2f}, 0, argmax, 0, g, dInput, 0);
        assertArrayEquals(new float[] {0f, 3f, 0f, 0f, 0f, 0f}, dInput, EXACT);
    }

    // ---- optimizers: two steps with g = 0.5 then 0.25 from w = 1, by hand with PyTorch's formulas -------------

    @Test
    void sgdStepsAgainstGradientPlusWeightDecay() {
        float[] w = {1f};
        K.sgdUpdate(w, new float[] {0.5f}, 1, 0.1f, 0.01f);
        assertEquals(0.949f, w[0], CLOSE); // 1 − 0.1·(0.5 + 0.01·1)
    }

    @Test
    void momentumAccumulatesVelocity() {
        float[] w = {1f};
        float[] v = {0f};
        K.momentumUpdate(w, new float[] {0.5f}, v, 1, 0.1f, 0.9f, 0f, false);
        assertEquals(0.5f, v[0], CLOSE);
        assertEquals(0.95f, w[0], CLOSE);
        K.momentumUpdate(w, new float[] {0.5f}, v, 1, 0.1f, 0.9f, 0f, false);
        assertEquals(0.95f, v[0], CLOSE);  // 0.9·0.5 + 0.5
        assertEquals(0.855f, w[0], CLOSE); // 0.95 − 0.1·0.95
    }

    @Test
    void nesterovLooksAheadAlongTheVelocity() {
        float[] w = {1f};
        float[] v = {0f};
        K.momentumUpdate(w, new float[] {0.5f}, v, 1, 0.1f, 0.9f, 0f, true);
        assertEquals(0.905f, w[0], CLOSE);  // 1 − 0.1·(0.5 + 0.9·0.5)
        K.momentumUpdate(w, new float[] {0.5f}, v, 1, 0.1f, 0.9f, 0f, true);
        assertEquals(0.7695f, w[0], CLOSE); // 0.905 − 0.1·(0.5 + 0.9·0.95)
    }

    @Test
    void momentumAddsWeightDecayToTheGradient() {
        float[] w = {2f};
        float[] v = {0f};
        K.momentumUpdate(w, new float[] {0.5f}, v, 1, 0.1f, 0.9f, 0.25f, false);
        assertEquals(1f, v[0], CLOSE);   // 0.5 + 0.25·2
        assertEquals(1.9f, w[0], CLOSE);
    }

    @ParameterizedTest
    @CsvSource({
            // w, weightDecay, square average after step 1, w after step 1, w after step 2
            "1, 0,   0.025, 0.68377225, 0.53633031",
            "2, 0.5, 0.225, 1.68377224, 1.49126934"})
    void rmspropDividesByTheRootOfTheRunningSquareAverage(float w0, float weightDecay, float sq1, float w1,
                                                          float w2) {
        // Step 1: sq = (1 − α)·d², so RMSprop moves by lr / √(1 − α) = 0.1 / √0.1 whatever d is.
        float[] w = {w0};
        float[] sq = {0f};
        K.rmspropUpdate(w, new float[] {0.5f}, sq, 1, 0.1f, 0.9f, 1e-8f, weightDecay);
        assertEquals(sq1, sq[0], CLOSE);
        assertEquals(w1, w[0], CLOSE);
        K.rmspropUpdate(w, new float[] {0.25f}, sq, 1, 0.1f, 0.9f, 1e-8f, weightDecay);
        assertEquals(w2, w[0], 2e-6f);
    }

    @ParameterizedTest
    @CsvSource({
            // weightDecay, decoupled, w after step 1, m1, v1, w after step 2
            "0,   false, 0.900000002,  0.05, 0.00025, 0.80678204",
            "0.1, false, 0.9000000017, 0.06, 0.00036, 0.80500977",
            "0.1, true,  0.890000002,  0.05, 0.00025, 0.78788204"})
    void adamAppliesBiasCorrectionAndEitherWeightDecay(float weightDecay, boolean decoupled, float w1, float m1,
                                                       float v1, float w2) {
        // Step 1: m̂ = g and v̂ = g², so Adam moves by lr·g/|g| = 0.1 whatever g is; AdamW first shrinks w by 1%.
        float[] w = {1f};
        float[] m = {0f};
        float[] v = {0f};
        K.adamUpdate(w, new float[] {0.5f}, m, v, 1, new AdamStep(0.1f, 0.9f, 0.999f, 1e-8f, weightDecay,
                decoupled, 1));
        assertEquals(w1, w[0], CLOSE);
        assertEquals(m1, m[0], CLOSE);
        assertEquals(v1, v[0], 1e-4f * v1); // 1 − 0.999f is 1e-3 only to four digits in float
        K.adamUpdate(w, new float[] {0.25f}, m, v, 1, new AdamStep(0.1f, 0.9f, 0.999f, 1e-8f, weightDecay,
                decoupled, 2));
        assertEquals(w2, w[0], 2e-6f);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static float[] uniform(SplittableRandom random, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * (float) random.nextDouble();
        }
        return a;
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        double tolerance = relative * Math.max(Math.abs(expected), 1e-2);
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + " but was " + actual + " (tolerance " + tolerance + ")");
    }
}
