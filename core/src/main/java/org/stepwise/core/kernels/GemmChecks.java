// Argument checks shared by both GEMMs, so a bad call fails with sizes in the message instead of deep in a loop.
package org.stepwise.core.kernels;

final class GemmChecks {
    private GemmChecks() {
    }

    static void check(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                      float[] c, int cOffset, float[] bias) {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("GEMM sizes must be positive: m=" + m + ", n=" + n + ", k=" + k);
        }
        require("A", a, aOffset, (long) m * k, layout);
        require("B", b, bOffset, (long) k * n, layout);
        require("C", c, cOffset, (long) m * n, layout);
        if (bias != null && bias.length < n) {
            throw new IllegalArgumentException("GEMM bias needs " + n + " values but has " + bias.length);
        }
    }

    private static void require(String name, float[] array, int offset, long needed, GemmLayout layout) {
        if (offset < 0 || offset + needed > array.length) {
            throw new IllegalArgumentException("GEMM " + layout + ": " + name + " needs " + needed
                    + " values from offset " + offset + " but its buffer holds " + array.length);
        }
    }
}
