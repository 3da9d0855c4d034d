// Every vector kernel against its scalar twin on seeded random inputs, at sizes that exercise the scalar tails.
package org.stepwise.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VectorKernelsTest {

    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = new VectorKernels();

    /** Whole vectors, one lane short and over, at 8 and 16 lanes, and one long odd size. */
    static IntStream sizes() {
        return IntStream.of(1, 2, 3, 7, 15, 16, 17, 31, 33, 100, 1023);
    }

    @Test
    void describesItsLanes() {
        assertEquals("vector", VECTOR.name());
        assertEquals(VectorKernels.SPECIES.length(), VECTOR.lanes());
        assertEquals("vector: FloatVector " + VectorKernels.SPECIES.vectorBitSize() + "-bit, " + VECTOR.lanes()
                + " lanes", VECTOR.description());
    }

    // ---- element-wise -----------------------------------------------------------------------------------------

    interface Unary {
        void apply(Kernels k, float[] x, float[] y, int n);
    }

    interface Binary {
        void apply(Kernels k, float[] x, float[] dy, float[] dx, int n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activationsMatchTheScalarTwin(int n) {
        assertUnaryTwins("relu", n, Kernels::relu);
        assertUnaryTwins("leakyRelu", n, (k, x, y, m) -> k.leakyRelu(x, y, m, 0.01f));
        assertUnaryTwins("sigmoid", n, Kernels::sigmoid);
        assertUnaryTwins("tanh", n, Kernels::tanh);
        assertUnaryTwins("gelu", n, Kernels::gelu);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activationBackwardsMatchTheScalarTwin(int n) {
        assertBinaryTwins("reluBackward", n, Kernels::reluBackward);
        assertBinaryTwins("leakyReluBackward", n, (k, x, dy, dx, m) -> k.leakyReluBackward(x, dy, dx, m, 0.2f));
        assertBinaryTwins("sigmoidBackward", n, Kernels::sigmoidBackward);
        assertBinaryTwins("tanhBackward", n, Kernels::tanhBackward);
        assertBinaryTwins("geluBackward", n, Kernels::geluBackward);
    }

    private static void assertUnaryTwins(String what, int n, Unary kernel) {
        float[] x = activationInputs(new SplittableRandom(n), n);
        float[] expected = filled(n + 1, 42f);
        float[] actual = filled(n + 1, 42f);
        kernel.apply(SCALAR, x, expected, n);
        kernel.apply(VECTOR, x, actual, n);
        assertTwins(what + " n=" + n, expected, actual);
    }

    private static void assertBinaryTwins(String what, int n, Binary kernel) {
        SplittableRandom random = new SplittableRandom(n);
        float[] x = activationInputs(random, n);
        float[] dy = uniform(random, n, -2f, 2f);
        float[] expected = filled(n + 1, 42f);
        float[] actual = filled(n + 1, 42f);
        kernel.apply(SCALAR, x, dy, expected, n);
        kernel.apply(VECTOR, x, dy, actual, n);
        assertTwins(what + " n=" + n, expected, actual);
    }

    /** Spread over both tails of the saturating functions, with exact zeros where relu's kink lies. */
    private static float[] activationInputs(SplittableRandom random, int n) {
        float[] x = uniform(random, n, -9f, 9f);
        for (int i = 0; i < n; i += 5) {
            x[i] = 0f;
        }
        return x;
    }

    // ---- softmax and cross-entropy ----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("sizes")
    void softmaxAndCrossEntropyMatchTheScalarTwin(int cols) {
        int rows = 3;
        SplittableRandom random = new SplittableRandom(cols);
        float[] logits = uniform(random, rows * cols, -20f, 20f);
        logits[0] = 80f; // beyond float exp's range unless the row max is subtracted
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
        }
        float[] expected = new float[rows * cols];
        float[] actual = new float[rows * cols];
        SCALAR.softmaxRows(logits, expected, rows, cols);
        VECTOR.softmaxRows(logits, actual, rows, cols);
        assertTwins("softmaxRows cols=" + cols, expected, actual);

        float expectedLoss = SCALAR.softmaxCrossEntropy(logits, labels, expected, rows, cols);
        float actualLoss = VECTOR.softmaxCrossEntropy(logits, labels, actual, rows, cols);
        assertTwins("softmaxCrossEntropy probs cols=" + cols, expected, actual);
        assertTwins("softmaxCrossEntropy loss cols=" + cols, new float[] {expectedLoss}, new float[] {actualLoss});

        float[] expectedGrad = new float[rows * cols];
        float[] actualGrad = new float[rows * cols];
        SCALAR.softmaxCrossEntropyBackward(expected, labels, expectedGrad, rows, cols);
        VECTOR.softmaxCrossEntropyBackward(expected, labels, actualGrad, rows, cols);
        assertTwins("softmaxCrossEntropyBackward cols=" + cols, expectedGrad, actualGrad);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void causalSoftmaxAndItsBackwardMatchTheScalarTwin(int n) {
        if (n > 100) {
            return; // an n×n block of 1023² is more than the twins need to meet every tail
        }
        SplittableRandom random = new SplittableRandom(n);
        int offset = 5;
        float[] scores = uniform(random, offset + n * n, -6f, 6f);
        float[] expected = new float[offset + n * n];
        float[] actual = new float[offset + n * n];
        SCALAR.causalSoftmax(scores, expected, offset, n);
        VECTOR.causalSoftmax(scores, actual, offset, n);
        assertTwins("causalSoftmax n=" + n, expected, actual);
        float[] dProbs = uniform(random, offset + n * n, -1f, 1f);
        float[] expectedGrad = new float[offset + n * n];
        float[] actualGrad = new float[offset + n * n];
        SCALAR.causalSoftmaxBackward(expected, dProbs, expectedGrad, offset, n);
        VECTOR.causalSoftmaxBackward(expected, dProbs, actualGrad, offset, n);
        assertTwins("causalSoftmaxBackward n=" + n, expectedGrad, actualGrad);
    }

    @Test
    void vectorCrossEntropyRejectsOutOfRangeLabelsLikeTheScalarOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VECTOR.softmaxCrossEntropy(new float[4], new int[] {1, 2}, new float[4], 2, 2));
        assertEquals("Row 1 has label 2, but labels must lie in [0, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> VECTOR.softmaxCrossEntropyBackward(new float[4], new int[] {-1, 0}, new float[4], 2, 2));
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("sizes")
    void reductionsMatchTheScalarTwin(int cols) {
        int rows = 5;
        SplittableRandom random = new SplittableRandom(cols);
        float[] a = uniform(random, rows * cols, -1f, 1f);
        float[] expected = new float[rows];
        float[] actual = new float[rows];
        SCALAR.rowSums(a, rows, cols, expected);
        VECTOR.rowSums(a, rows, cols, actual);
        assertTwins("rowSums cols=" + cols, expected, actual);

        for (boolean accumulate : new boolean[] {false, true}) {
            float[] start = uniform(random, cols + 1, -1f, 1f);
            float[] expectedCols = start.clone();
            float[] actualCols = start.clone();
            SCALAR.colSums(a, rows, cols, expectedCols, accumulate);
            VECTOR.colSums(a, rows, cols, actualCols, accumulate);
            assertTwins("colSums accumulate=" + accumulate + " cols=" + cols, expectedCols, actualCols);
        }

        int[] expectedArgmax = new int[rows];
        int[] actualArgmax = new int[rows];
        a[cols - 1] = a[0] = 5f; // a tie in row 0
        SCALAR.argmaxRows(a, rows, cols, expectedArgmax);
        VECTOR.argmaxRows(a, rows, cols, actualArgmax);
        assertArrayEquals(expectedArgmax, actualArgmax, "argmaxRows cols=" + cols);
    }

    // ---- convolution and pooling ------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"1, 3, 3, 2, 2, 1, 0", "2, 5, 4, 3, 3, 1, 1", "3, 17, 9, 3, 2, 2, 1"})
    void im2colAndCol2imMatchTheScalarTwin(int c, int h, int w, int kh, int kw, int stride, int padding) {
        ConvGeometry g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        SplittableRandom random = new SplittableRandom(h);
        float[] image = uniform(random, 2 + g.imageSize(), -1f, 1f);
        float[] expected = new float[g.columnRows() * g.columnCols()];
        float[] actual = new float[expected.length];
        SCALAR.im2col(image, 2, g, expected);
        VECTOR.im2col(image, 2, g, actual);
        assertTwins("im2col", expected, actual);

        float[] expectedImage = image.clone();
        float[] actualImage = image.clone();
        SCALAR.col2im(expected, g, expectedImage, 2);
        VECTOR.col2im(expected, g, actualImage, 2);
        assertTwins("col2im", expectedImage, actualImage);
    }

    @Test
    void maxPoolTiesGoToTheFirstValueInBothTwins() {
        PoolGeometry g = new PoolGeometry(1, 4, 4, 2, 2);
        float[] input = new float[16];
        int[] scalarArgmax = new int[4];
        int[] vectorArgmax = new int[4];
        SCALAR.maxPool(input, 0, g, new float[4], 0, scalarArgmax, 0);
        VECTOR.maxPool(input, 0, g, new float[4], 0, vectorArgmax, 0);
        assertArrayEquals(new int[] {0, 2, 8, 10}, scalarArgmax);
        assertArrayEquals(scalarArgmax, vectorArgmax);
    }

    @ParameterizedTest
    @CsvSource({"1, 4, 4, 2, 2", "3, 7, 5, 3, 2", "2, 17, 16, 2, 1", "2, 9, 9, 2, 2", "6, 28, 28, 2, 2"})
    void maxPoolMatchesTheScalarTwin(int c, int h, int w, int size, int stride) {
        PoolGeometry g = new PoolGeometry(c, h, w, size, stride);
        SplittableRandom random = new SplittableRandom(h);
        float[] input = uniform(random, 1 + g.inputSize(), -1f, 1f);
        float[] expected = new float[g.outputSize()];
        float[] actual = new float[g.outputSize()];
        int[] expectedArgmax = new int[g.outputSize()];
        int[] actualArgmax = new int[g.outputSize()];
        SCALAR.maxPool(input, 1, g, expected, 0, expectedArgmax, 0);
        VECTOR.maxPool(input, 1, g, actual, 0, actualArgmax, 0);
        assertTwins("maxPool", expected, actual);
        assertArrayEquals(expectedArgmax, actualArgmax);

        float[] dOutput = uniform(random, g.outputSize(), -1f, 1f);
        float[] expectedInput = new float[1 + g.inputSize()];
        float[] actualInput = new float[1 + g.inputSize()];
        SCALAR.maxPoolBackward(dOutput, 0, expectedArgmax, 0, g, expectedInput, 1);
        VECTOR.maxPoolBackward(dOutput, 0, expectedArgmax, 0, g, actualInput, 1);
        assertTwins("maxPoolBackward", expectedInput, actualInput);
    }

    // ---- optimizers: three steps each, so state carried between steps is compared too ------------------------

    @ParameterizedTest
    @MethodSource("sizes")
    void optimizerUpdatesMatchTheScalarTwin(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] w0 = uniform(random, n, -1f, 1f);
        float[][] grads = {uniform(random, n, -1f, 1f), uniform(random, n, -1f, 1f), uniform(random, n, -1f, 1f)};

        float[] ws = w0.clone();
        float[] wv = w0.clone();
        for (float[] g : grads) {
            SCALAR.sgdUpdate(ws, g, n, 0.05f, 0.01f);
            VECTOR.sgdUpdate(wv, g, n, 0.05f, 0.01f);
        }
        assertTwins("sgd n=" + n, ws, wv);

        for (boolean nesterov : new boolean[] {false, true}) {
            ws = w0.clone();
            wv = w0.clone();
            float[] vs = new float[n];
            float[] vv = new float[n];
            for (float[] g : grads) {
                SCALAR.momentumUpdate(ws, g, vs, n, 0.05f, 0.9f, 0.01f, nesterov);
                VECTOR.momentumUpdate(wv, g, vv, n, 0.05f, 0.9f, 0.01f, nesterov);
            }
            assertTwins("momentum nesterov=" + nesterov + " n=" + n, ws, wv);
            assertTwins("velocity nesterov=" + nesterov + " n=" + n, vs, vv);
        }

        ws = w0.clone();
        wv = w0.clone();
        float[] sqs = new float[n];
        float[] sqv = new float[n];
        for (float[] g : grads) {
            SCALAR.rmspropUpdate(ws, g, sqs, n, 0.01f, 0.99f, 1e-8f, 0.01f);
            VECTOR.rmspropUpdate(wv, g, sqv, n, 0.01f, 0.99f, 1e-8f, 0.01f);
        }
        assertTwins("rmsprop n=" + n, ws, wv);
        assertTwins("rmsprop square average n=" + n, sqs, sqv);

        for (boolean decoupled : new boolean[] {false, true}) {
            ws = w0.clone();
            wv = w0.clone();
            float[] ms = new float[n], mv = new float[n], vs = new float[n], vv = new float[n];
            for (int t = 1; t <= grads.length; t++) {
                AdamStep step = new AdamStep(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled, t);
                SCALAR.adamUpdate(ws, grads[t - 1], ms, vs, n, step);
                VECTOR.adamUpdate(wv, grads[t - 1], mv, vv, n, step);
            }
            assertTwins("adam decoupled=" + decoupled + " n=" + n, ws, wv);
            assertTwins("adam m decoupled=" + decoupled + " n=" + n, ms, mv);
            assertTwins("adam v decoupled=" + decoupled + " n=" + n, vs, vv);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** |actual − expected| ≤ 1e-5 · max(1, |expected|) everywhere, including the untouched sentinel past n. */
    private static void assertTwins(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * Math.max(1.0, Math.abs(expected[i]));
            int at = i;
            assertTrue(Math.abs((double) actual[i] - expected[i]) <= tolerance,
                    () -> what + " [" + at + "]: scalar " + expected[at] + ", vector " + actual[at]);
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] uniform(SplittableRandom random, int n, float lo, float hi) {
        return ScalarKernelsTest.uniform(random, n, lo, hi);
    }
}
