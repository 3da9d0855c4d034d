// The calibration kernel: independent FMA chains held in registers, to measure this core's FMA peak in GFLOPS.
//
// Twelve chains hide the FMA latency on two FMA ports (4 cycles × 2 ports = 8 in flight) and fit 16 registers,
// the same accumulator count as the GEMM micro-kernel, so the GEMM can be reported as a % of this figure.
package org.stepwise.core.bench;

import org.stepwise.core.kernels.KernelSelection;

public final class FmaCalibration {
    static final int CHAINS = 12;
    /** Keeps the JIT from discarding the chains' results. */
    static volatile float sink;

    private FmaCalibration() {
    }

    /** Runs {@code rounds} rounds on the active path and returns the floating-point operations executed. */
    public static long run(int rounds, boolean vector) {
        return vector ? VectorFmaCalibration.run(rounds) : scalar(rounds);
    }

    public static boolean vectorAvailable() {
        return KernelSelection.active().vectorActive();
    }

    private static long scalar(int rounds) {
        float x = 0.999f;
        float y = 1e-4f;
        float c0 = 0, c1 = 0.1f, c2 = 0.2f, c3 = 0.3f, c4 = 0.4f, c5 = 0.5f;
        float c6 = 0.6f, c7 = 0.7f, c8 = 0.8f, c9 = 0.9f, c10 = 1.0f, c11 = 1.1f;
        for (int r = 0; r < rounds; r++) {
            c0 = Math.fma(c0, x, y);
            c1 = Math.fma(c1, x, y);
            c2 = Math.fma(c2, x, y);
            c3 = Math.fma(c3, x, y);
            c4 = Math.fma(c4, x, y);
            c5 = Math.fma(c5, x, y);
            c6 = Math.fma(c6, x, y);
            c7 = Math.fma(c7, x, y);
            c8 = Math.fma(c8, x, y);
            c9 = Math.fma(c9, x, y);
            c10 = Math.fma(c10, x, y);
            c11 = Math.fma(c11, x, y);
        }
        sink = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return 2L * CHAINS * rounds;
    }
}
