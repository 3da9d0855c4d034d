// The GEMMs against a double-precision reference, and the vector GEMM against its scalar twin, on awkward shapes.
package org.stepwise.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final float SENTINEL = 7777f;
    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();

    /** Sizes around the register tile, the vector width and the cache blocks, plus primes and 1. */
    static Stream<Arguments> shapes() {
        int[] sizes = {1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 32, 33, 47, 48, 49, 64, 97, 127};
        SplittableRandom random = new SplittableRandom(42);
        List<Arguments> shapes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            shapes.add(Arguments.of(sizes[random.nextInt(sizes.length)], sizes[random.nextInt(sizes.length)],
                    sizes[random.nextInt(sizes.length)]));
        }
        // Crossing the k, m and n blocks (KC 256, MC at least 120, NC at least 1024 on any vector width).
        shapes.add(Arguments.of(130, 70, 300));
        shapes.add(Arguments.of(241, 33, 513));
        shapes.add(Arguments.of(9, 2100, 7));
        shapes.add(Arguments.of(64, 128, 784));
        shapes.add(Arguments.of(64, 10, 128));
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @MethodSource("shapes")
    void vectorGemmMatchesScalarTwinInEveryLayout(int m, int n, int k) {
        for (GemmLayout layout : GemmLayout.values()) {
            for (boolean accumulate : new boolean[] {false, true}) {
                for (boolean withBias : new boolean[] {false, true}) {
                    compareTwins(layout, m, n, k, accumulate, withBias);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}×{2}×{3}")
    @CsvSource({"AB, 3, 4, 5", "ATB, 3, 4, 5", "ABT, 3, 4, 5", "AB, 1, 1, 1", "ATB, 17, 33, 9", "ABT, 33, 17, 65",
            "AB, 50, 61, 300"})
    void scalarGemmMatchesDoublePrecisionReference(GemmLayout layout, int m, int n, int k) {
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        float[] bias = random(n, 3);
        float[] c = random(m * n, 4);
        double[] expected = reference(layout, m, n, k, a, b, c, bias, true);
        scalar.gemm(layout, m, n, k, a, 0, b, 0, c, 0, bias, true);
        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], c[i], 1e-6 * k * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    @Test
    void layoutsAgreeOnAHandComputedProduct() {
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: A·B = [[19, 22], [43, 50]], Aᵀ·B = [[26, 30], [38, 44]],
        // A·Bᵀ = [[17, 23], [39, 53]].
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        for (Kernels kernels : List.of(scalar, vector)) {
            float[] c = new float[4];
            kernels.gemm(GemmLayout.AB, 2, 2, 2, a, b, c, false);
            assertArrayEqualsExactly(new float[] {19, 22, 43, 50}, c);
            kernels.gemm(GemmLayout.ATB, 2, 2, 2, a, b, c, false);
            assertArrayEqualsExactly(new float[] {26, 30, 38, 44}, c);
            kernels.gemm(GemmLayout.ABT, 2, 2, 2, a, b, c, false);
            assertArrayEqualsExactly(new float[] {17, 23, 39, 53}, c);
            kernels.gemm(GemmLayout.AB, 2, 2, 2, a, 0, b, 0, c, 0, new float[] {100, 200}, true);
            assertArrayEqualsExactly(new float[] {17 + 19 + 100, 23 + 22 + 200, 39 + 43 + 100, 53 + 50 + 200}, c);
        }
    }

    @Test
    void aBufferTooSmallIsRejectedWithTheSizes() {
        for (Kernels kernels : List.of(scalar, vector)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.gemm(GemmLayout.AB, 4, 4, 4, new float[15], new float[16], new float[16], false));
            assertTrue(e.getMessage().contains("A needs 16 values") && e.getMessage().contains("holds 15"),
                    e.getMessage());
        }
    }

    private void compareTwins(GemmLayout layout, int m, int n, int k, boolean accumulate, boolean withBias) {
        // Operands sit at offsets inside larger buffers whose margins must stay untouched.
        int aOff = 3;
        int bOff = 5;
        int cOff = 7;
        float[] a = withMargins(random(m * k, 11), aOff);
        float[] b = withMargins(random(k * n, 12), bOff);
        float[] bias = withBias ? random(n, 13) : null;
        float[] start = withMargins(random(m * n, 14), cOff);
        float[] expected = start.clone();
        float[] actual = start.clone();
        scalar.gemm(layout, m, n, k, a, aOff, b, bOff, expected, cOff, bias, accumulate);
        vector.gemm(layout, m, n, k, a, aOff, b, bOff, actual, cOff, bias, accumulate);
        for (int i = 0; i < actual.length; i++) {
            boolean inside = i >= cOff && i < cOff + m * n;
            if (!inside && actual[i] != SENTINEL) {
                fail(layout + " " + m + "×" + n + "×" + k + " wrote outside C at " + i);
            }
            double tolerance = 1e-5 * k * Math.max(1, Math.abs(expected[i]));
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                fail(layout + " " + m + "×" + n + "×" + k + " accumulate=" + accumulate + " bias=" + withBias
                        + ": at " + (i - cOff) + " vector " + actual[i] + " but scalar " + expected[i]);
            }
        }
    }

    private static double[] reference(GemmLayout layout, int m, int n, int k, float[] a, float[] b, float[] c,
                                      float[] bias, boolean accumulate) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = (accumulate ? c[i * n + j] : 0) + (bias == null ? 0 : bias[j]);
                for (int p = 0; p < k; p++) {
                    double aip = layout == GemmLayout.ATB ? a[p * m + i] : a[i * k + p];
                    double bpj = layout == GemmLayout.ABT ? b[j * k + p] : b[p * n + j];
                    sum += aip * bpj;
                }
                out[i * n + j] = sum;
            }
        }
        return out;
    }

    private static float[] withMargins(float[] values, int offset) {
        float[] padded = new float[values.length + offset + 9];
        java.util.Arrays.fill(padded, SENTINEL);
        System.arraycopy(values, 0, padded, offset, values.length);
        return padded;
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static void assertArrayEqualsExactly(float[] expected, float[] actual) {
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    }
}
