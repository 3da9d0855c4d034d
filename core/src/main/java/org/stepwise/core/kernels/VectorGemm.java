// The Vector-API matrix product: packed panels and a register-blocked broadcast-FMA micro-kernel.
//
// Loop nest after Goto/BLIS: B is packed in (KC × NR) column panels, A in (MR × KC) row panels, each zero-padded
// to whole panels so the micro-kernel never sees a tail; partial tiles go through a small scratch tile instead.
// Packing is also where the three layouts differ: the micro-kernel only ever computes A·B.
// Two shortcuts come first: products whose rows fit one vector (n ≤ lanes) take a narrow path with one masked vector
// per row, and other tiny products (m·n·k ≤ 4,096) use the scalar loops.
// Single-threaded; scratch buffers are per thread and reused, so a call allocates nothing after the first.
package org.stepwise.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

final class VectorGemm {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /**
     * Micro-tile: MR rows of C by NR = 2 vectors of columns. With 512-bit vectors (AVX-512, 32 registers) 8 rows;
     * with narrower ones, whose machines have 16 vector registers, 6 rows so the accumulators do not spill.
     * Measured here (one thread, GFLOPS at 256³): 8 rows 127–137 vs 6 rows 85–107 on AVX-512; under -XX:UseAVX=2
     * 6 rows 50 vs 8 rows 36–41.
     */
    static final int MR = L >= 16 ? 8 : 6;
    static final int NR = 2 * L;
    /** Blocking: a KC-deep panel of B stays in L1 across the MR-row tiles; MC×KC of packed A stays in L2. */
    static final int KC = 256;
    static final int MC = 120;
    static final int NC = 64 * NR;
    /** Packed B starts this many floats in, on a cache line: see {@link PanelAlignment}. */
    static final int B_PAD = PanelAlignment.padFloats();

    /**
     * Below this many multiply-adds (m·n·k), packing into 2-vector panels costs more than it saves, and the plain
     * loops of the scalar GEMM win: a 2-8-8-1 network's products at batch 10 are 80 to 640.
     */
    static final long SMALL_PRODUCT = 4096;

    private static final class Scratch {
        final float[] packedA = new float[MC * KC];
        final float[] packedB = new float[B_PAD + KC * NC];
        final float[] tile = new float[MR * NR];
        /** The narrow path's staged B (k×n), C (m×n) and bias, each padded by a vector; grown as needed. */
        float[] narrowB = new float[0];
        float[] narrowC = new float[0];
        final float[] narrowBias = new float[L];

        void ensureNarrow(int bSize, int cSize) {
            if (narrowB.length < bSize) {
                narrowB = new float[bSize];
            }
            if (narrowC.length < cSize) {
                narrowC = new float[cSize];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorGemm() {
    }

    static void gemm(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                     float[] c, int cOffset, float[] bias, boolean accumulate) {
        if (n <= L) {
            GemmChecks.check(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias);
            narrow(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias, accumulate);
            return;
        }
        if ((long) m * n * k <= SMALL_PRODUCT) {
            ScalarGemm.gemm(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias, accumulate);
            return;
        }
        GemmChecks.check(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias);
        prepareOutput(m, n, c, cOffset, bias, accumulate);
        Scratch s = SCRATCH.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            // Split k into equal blocks of at most KC so that no block is a thin remainder.
            int kStep = ceilDiv(k, ceilDiv(k, KC));
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                if (layout == GemmLayout.ABT) {
                    packTransposedB(b, bOffset, k, pc, kc, jc, nc, s.packedB);
                } else {
                    packB(b, bOffset, n, pc, kc, jc, nc, s.packedB);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    if (layout == GemmLayout.ATB) {
                        packTransposedA(a, aOffset, m, pc, kc, ic, mc, s.packedA);
                    } else {
                        packA(a, aOffset, k, pc, kc, ic, mc, s.packedA);
                    }
                    multiplyBlock(kc, mc, nc, s, c, cOffset + ic * n + jc, n);
                }
            }
        }
    }

    /**
     * Products whose rows fit one vector (n ≤ lanes), like a 2-8-8-1 network's or a 10-class output layer's: each row
     * of C is one masked vector, four rows at a time so that four FMA chains overlap. Written without helper methods
     * and without merging vectors across branches, so that C2 keeps every vector in a register (a first version
     * with a helper returning vectors allocated on every call).
     */
    private static void narrow(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b,
                               int bOffset, float[] c, int cOffset, float[] bias, boolean accumulate) {
        // B, C and the bias are staged in scratch padded by a whole vector: a masked access whose full vector would
        // run past the end of an array leaves the intrinsic and allocates, and the last rows of a small C always do.
        Scratch s = SCRATCH.get();
        s.ensureNarrow(k * n + L, m * n + L);
        float[] rows = s.narrowB;
        if (layout == GemmLayout.ABT) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    rows[p * n + j] = b[bOffset + j * k + p];
                }
            }
        } else {
            System.arraycopy(b, bOffset, rows, 0, k * n);
        }
        float[] out = s.narrowC;
        if (accumulate) {
            System.arraycopy(c, cOffset, out, 0, m * n);
        } else {
            java.util.Arrays.fill(out, 0, m * n, 0f);
        }
        float[] biasRow = s.narrowBias;
        java.util.Arrays.fill(biasRow, 0f);
        if (bias != null) {
            System.arraycopy(bias, 0, biasRow, 0, n);
        }
        // A[i, p] sits at i·k + p, or at p·m + i when A is stored (k×m).
        int aRowStep = layout == GemmLayout.ATB ? 1 : k;
        int aColStep = layout == GemmLayout.ATB ? m : 1;
        VectorMask<Float> mask = SPECIES.indexInRange(0, n);
        FloatVector biasV = FloatVector.fromArray(SPECIES, biasRow, 0);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOffset + i * aRowStep;
            int c0 = i * n;
            FloatVector r0 = FloatVector.fromArray(SPECIES, out, c0).add(biasV);
            FloatVector r1 = FloatVector.fromArray(SPECIES, out, c0 + n).add(biasV);
            FloatVector r2 = FloatVector.fromArray(SPECIES, out, c0 + 2 * n).add(biasV);
            FloatVector r3 = FloatVector.fromArray(SPECIES, out, c0 + 3 * n).add(biasV);
            for (int p = 0; p < k; p++) {
                FloatVector bp = FloatVector.fromArray(SPECIES, rows, p * n);
                int ap = a0 + p * aColStep;
                r0 = bp.fma(FloatVector.broadcast(SPECIES, a[ap]), r0);
                r1 = bp.fma(FloatVector.broadcast(SPECIES, a[ap + aRowStep]), r1);
                r2 = bp.fma(FloatVector.broadcast(SPECIES, a[ap + 2 * aRowStep]), r2);
                r3 = bp.fma(FloatVector.broadcast(SPECIES, a[ap + 3 * aRowStep]), r3);
            }
            // Rows overlap in the scratch: each masked store writes only its own n values.
            r0.intoArray(out, c0, mask);
            r1.intoArray(out, c0 + n, mask);
            r2.intoArray(out, c0 + 2 * n, mask);
            r3.intoArray(out, c0 + 3 * n, mask);
        }
        for (; i < m; i++) {
            int a0 = aOffset + i * aRowStep;
            int c0 = i * n;
            FloatVector r = FloatVector.fromArray(SPECIES, out, c0).add(biasV);
            for (int p = 0; p < k; p++) {
                FloatVector bp = FloatVector.fromArray(SPECIES, rows, p * n);
                r = bp.fma(FloatVector.broadcast(SPECIES, a[a0 + p * aColStep]), r);
            }
            r.intoArray(out, c0, mask);
        }
        System.arraycopy(out, 0, c, cOffset, m * n);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** C = (accumulate ? C : 0) + bias, so that the blocked loop can always accumulate. */
    private static void prepareOutput(int m, int n, float[] c, int cOffset, float[] bias, boolean accumulate) {
        if (accumulate && bias == null) {
            return;
        }
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector v = accumulate ? FloatVector.fromArray(SPECIES, c, row + j) : FloatVector.zero(SPECIES);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(SPECIES, bias, j));
                }
                v.intoArray(c, row + j);
            }
            for (; j < n; j++) {
                float start = accumulate ? c[row + j] : 0f;
                c[row + j] = bias == null ? start : start + bias[j];
            }
        }
    }

    private static void multiplyBlock(int kc, int mc, int nc, Scratch s, float[] c, int cBlock, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bPanel = B_PAD + (jr / NR) * kc * NR;
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int aPanel = (ir / MR) * kc * MR;
                int rows = Math.min(MR, mc - ir);
                int cTile = cBlock + ir * ldc + jr;
                if (rows == MR && cols == NR) {
                    microKernel(kc, s.packedA, aPanel, s.packedB, bPanel, c, cTile, ldc);
                } else {
                    partialTile(kc, s, aPanel, bPanel, c, cTile, ldc, rows, cols);
                }
            }
        }
    }

    /** An edge tile: compute the whole MR×NR tile into scratch, then add only the part inside C. */
    private static void partialTile(int kc, Scratch s, int aPanel, int bPanel, float[] c, int cTile, int ldc,
                                    int rows, int cols) {
        float[] tile = s.tile;
        java.util.Arrays.fill(tile, 0f);
        microKernel(kc, s.packedA, aPanel, s.packedB, bPanel, tile, 0, NR);
        for (int i = 0; i < rows; i++) {
            int j = 0;
            // Whole vectors where the tile is full width (e.g. 6 rows of a conv's 6 output channels, 8-row tiles).
            for (; j + L <= cols; j += L) {
                int at = cTile + i * ldc + j;
                FloatVector.fromArray(SPECIES, c, at).add(FloatVector.fromArray(SPECIES, tile, i * NR + j))
                        .intoArray(c, at);
            }
            for (; j < cols; j++) {
                c[cTile + i * ldc + j] += tile[i * NR + j];
            }
        }
    }

    /**
     * C(MR×NR) += Apanel(MR×kc)·Bpanel(kc×NR). Apanel is stored k-major (MR values per k), Bpanel k-major (NR per k):
     * per k, two vector loads of B and MR broadcasts of A feed 2·MR independent FMAs.
     */
    private static void microKernel(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] c, int cBase,
                                    int ldc) {
        if (MR == 8) {
            microKernel8x2(kc, pa, aBase, pb, bBase, c, cBase, ldc);
        } else {
            microKernel6x2(kc, pa, aBase, pb, bBase, c, cBase, ldc);
        }
    }

    /** 16 accumulators + 2 B vectors + 1 broadcast: needs the 32 registers of AVX-512. */
    private static void microKernel8x2(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] c, int cBase,
                                      int ldc) {
        int r0 = cBase + 0 * ldc;
        int r1 = cBase + 1 * ldc;
        int r2 = cBase + 2 * ldc;
        int r3 = cBase + 3 * ldc;
        int r4 = cBase + 4 * ldc;
        int r5 = cBase + 5 * ldc;
        int r6 = cBase + 6 * ldc;
        int r7 = cBase + 7 * ldc;
        FloatVector c00 = FloatVector.fromArray(SPECIES, c, r0 + 0 * L);
        FloatVector c01 = FloatVector.fromArray(SPECIES, c, r0 + 1 * L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, c, r1 + 0 * L);
        FloatVector c11 = FloatVector.fromArray(SPECIES, c, r1 + 1 * L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, c, r2 + 0 * L);
        FloatVector c21 = FloatVector.fromArray(SPECIES, c, r2 + 1 * L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, c, r3 + 0 * L);
        FloatVector c31 = FloatVector.fromArray(SPECIES, c, r3 + 1 * L);
        FloatVector c40 = FloatVector.fromArray(SPECIES, c, r4 + 0 * L);
        FloatVector c41 = FloatVector.fromArray(SPECIES, c, r4 + 1 * L);
        FloatVector c50 = FloatVector.fromArray(SPECIES, c, r5 + 0 * L);
        FloatVector c51 = FloatVector.fromArray(SPECIES, c, r5 + 1 * L);
        FloatVector c60 = FloatVector.fromArray(SPECIES, c, r6 + 0 * L);
        FloatVector c61 = FloatVector.fromArray(SPECIES, c, r6 + 1 * L);
        FloatVector c70 = FloatVector.fromArray(SPECIES, c, r7 + 0 * L);
        FloatVector c71 = FloatVector.fromArray(SPECIES, c, r7 + 1 * L);
        int ia = aBase;
        int ib = bBase;
        for (int p = 0; p < kc; p++, ia += 8, ib += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ia + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ia + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ia + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ia + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, pa[ia + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, pa[ia + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, pa[ia + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, pa[ia + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, r0 + 0 * L);
        c01.intoArray(c, r0 + 1 * L);
        c10.intoArray(c, r1 + 0 * L);
        c11.intoArray(c, r1 + 1 * L);
        c20.intoArray(c, r2 + 0 * L);
        c21.intoArray(c, r2 + 1 * L);
        c30.intoArray(c, r3 + 0 * L);
        c31.intoArray(c, r3 + 1 * L);
        c40.intoArray(c, r4 + 0 * L);
        c41.intoArray(c, r4 + 1 * L);
        c50.intoArray(c, r5 + 0 * L);
        c51.intoArray(c, r5 + 1 * L);
        c60.intoArray(c, r6 + 0 * L);
        c61.intoArray(c, r6 + 1 * L);
        c70.intoArray(c, r7 + 0 * L);
        c71.intoArray(c, r7 + 1 * L);
    }

    /** 12 accumulators + 2 B vectors + 1 broadcast: fits the 16 registers of AVX2 and NEON-sized files. */
    private static void microKernel6x2(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] c, int cBase,
                                      int ldc) {
        int r0 = cBase + 0 * ldc;
        int r1 = cBase + 1 * ldc;
        int r2 = cBase + 2 * ldc;
        int r3 = cBase + 3 * ldc;
        int r4 = cBase + 4 * ldc;
        int r5 = cBase + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(SPECIES, c, r0 + 0 * L);
        FloatVector c01 = FloatVector.fromArray(SPECIES, c, r0 + 1 * L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, c, r1 + 0 * L);
        FloatVector c11 = FloatVector.fromArray(SPECIES, c, r1 + 1 * L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, c, r2 + 0 * L);
        FloatVector c21 = FloatVector.fromArray(SPECIES, c, r2 + 1 * L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, c, r3 + 0 * L);
        FloatVector c31 = FloatVector.fromArray(SPECIES, c, r3 + 1 * L);
        FloatVector c40 = FloatVector.fromArray(SPECIES, c, r4 + 0 * L);
        FloatVector c41 = FloatVector.fromArray(SPECIES, c, r4 + 1 * L);
        FloatVector c50 = FloatVector.fromArray(SPECIES, c, r5 + 0 * L);
        FloatVector c51 = FloatVector.fromArray(SPECIES, c, r5 + 1 * L);
        int ia = aBase;
        int ib = bBase;
        for (int p = 0; p < kc; p++, ia += 6, ib += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ia + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ia + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ia + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ia + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, pa[ia + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, pa[ia + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, r0 + 0 * L);
        c01.intoArray(c, r0 + 1 * L);
        c10.intoArray(c, r1 + 0 * L);
        c11.intoArray(c, r1 + 1 * L);
        c20.intoArray(c, r2 + 0 * L);
        c21.intoArray(c, r2 + 1 * L);
        c30.intoArray(c, r3 + 0 * L);
        c31.intoArray(c, r3 + 1 * L);
        c40.intoArray(c, r4 + 0 * L);
        c41.intoArray(c, r4 + 1 * L);
        c50.intoArray(c, r5 + 0 * L);
        c51.intoArray(c, r5 + 1 * L);
    }

    // ---- packing ----------------------------------------------------------------------------------------------

    /** B stored (k×n): panel j holds, for each p, B[pc+p, jc+j·NR ..+NR], zero-padded past n. */
    private static void packB(float[] b, int bOffset, int n, int pc, int kc, int jc, int nc, float[] packed) {
        int dst = B_PAD;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int src = bOffset + pc * n + jc + jr;
            if (cols == NR) {
                for (int p = 0; p < kc; p++, src += n, dst += NR) {
                    FloatVector.fromArray(SPECIES, b, src).intoArray(packed, dst);
                    FloatVector.fromArray(SPECIES, b, src + L).intoArray(packed, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++, src += n, dst += NR) {
                    System.arraycopy(b, src, packed, dst, cols);
                    java.util.Arrays.fill(packed, dst + cols, dst + NR, 0f);
                }
            }
        }
    }

    /** B stored (n×k), used as Bᵀ: panel j holds, for each p, B[jc+j·NR+jj, pc+p] over jj. */
    private static void packTransposedB(float[] b, int bOffset, int k, int pc, int kc, int jc, int nc,
                                        float[] packed) {
        int dst = B_PAD;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            for (int jj = 0; jj < NR; jj++) {
                if (jj < cols) {
                    int src = bOffset + (jc + jr + jj) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * NR + jj] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * NR + jj] = 0f;
                    }
                }
            }
            dst += kc * NR;
        }
    }

    /** A stored (m×k): panel i holds, for each p, A[ic+i·MR+ii, pc+p] over ii, zero-padded past m. */
    private static void packA(float[] a, int aOffset, int k, int pc, int kc, int ic, int mc, float[] packed) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            for (int ii = 0; ii < MR; ii++) {
                if (ii < rows) {
                    int src = aOffset + (ic + ir + ii) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * MR + ii] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * MR + ii] = 0f;
                    }
                }
            }
            dst += kc * MR;
        }
    }

    /** A stored (k×m), used as Aᵀ: panel i holds, for each p, A[pc+p, ic+i·MR ..+MR], zero-padded past m. */
    private static void packTransposedA(float[] a, int aOffset, int m, int pc, int kc, int ic, int mc,
                                        float[] packed) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int src = aOffset + pc * m + ic + ir;
            for (int p = 0; p < kc; p++, src += m, dst += MR) {
                System.arraycopy(a, src, packed, dst, rows);
                if (rows < MR) {
                    java.util.Arrays.fill(packed, dst + rows, dst + MR, 0f);
                }
            }
        }
    }
}
