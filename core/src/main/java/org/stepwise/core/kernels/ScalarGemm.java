// The algorithmic reference for every matrix product, and the fallback when the Vector API is absent.
//
// Plain loops in i-p-j order (unit stride over B and C); the vector GEMM is tested against this.
package org.stepwise.core.kernels;

final class ScalarGemm {
    private ScalarGemm() {
    }

    static void gemm(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                     float[] c, int cOffset, float[] bias, boolean accumulate) {
        GemmChecks.check(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * n;
            for (int j = 0; j < n; j++) {
                float start = accumulate ? c[row + j] : 0f;
                c[row + j] = bias == null ? start : start + bias[j];
            }
            for (int p = 0; p < k; p++) {
                // (m×k)·(k×n): A[i,p] is A[i*k+p] except for ATB, where A is stored (k×m).
                float aip = layout == GemmLayout.ATB ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                if (layout == GemmLayout.ABT) {
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aip * b[bOffset + j * k + p];
                    }
                } else {
                    int bRow = bOffset + p * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }
}
