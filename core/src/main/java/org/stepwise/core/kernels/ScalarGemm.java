// The algorithmic reference for every matrix product, and the fallback when the Vector API is absent.
//
// Plain loops with unit-stride inner loops (which the JIT may auto-vectorise); the vector GEMM is tested against
// this, and GemmTest checks it against a double-precision product.
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
            if (layout == GemmLayout.ABT) {
                // C[i, j] += dot(A[i, :], B[j, :]): both rows are contiguous.
                int aRow = aOffset + i * k;
                for (int j = 0; j < n; j++) {
                    int bRow = bOffset + j * k;
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        sum += a[aRow + p] * b[bRow + p];
                    }
                    c[row + j] += sum;
                }
            } else {
                // C[i, :] += A[i, p] · B[p, :]; A[i, p] sits at i·k + p, or at p·m + i when A is stored (k×m).
                int aStride = layout == GemmLayout.ATB ? m : 1;
                int aStart = aOffset + (layout == GemmLayout.ATB ? i : i * k);
                for (int p = 0; p < k; p++) {
                    float aip = a[aStart + p * aStride];
                    int bRow = bOffset + p * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }
}
