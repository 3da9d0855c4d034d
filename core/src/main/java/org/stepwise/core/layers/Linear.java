// The affine map y = x·Wᵀ + b over the rows of x, and its backward: what Dense, the feed-forward block, attention's
// projections and the LM head each compute, with W in nn.Linear's (out, in) layout. A row is one sample for Dense and
// one position for the Transformer's nodes.
package org.stepwise.core.layers;

import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.GemmLayout;
import org.stepwise.core.kernels.Kernels;

final class Linear {
    private Linear() {
    }

    /** y (rows, out) = x (rows, in)·Wᵀ + b. */
    static void forward(Kernels kernels, float[] x, Param weight, Param bias, float[] y, int rows) {
        int out = weight.shape().dim(0);
        int in = weight.shape().dim(1);
        kernels.gemm(GemmLayout.ABT, rows, out, in, x, 0, weight.value(), 0, y, 0, bias.value(), false);
    }

    /**
     * From dy (rows, out): unless {@code frozen}, writes ∂L/∂W = dyᵀ·x and ∂L/∂b = Σ_rows dy; unless {@code dx} is
     * null, writes (or, with {@code accumulate}, adds) ∂L/∂x = dy·W into it.
     */
    static void backward(Kernels kernels, float[] x, Param weight, Param bias, float[] dy, int rows, boolean frozen,
                         float[] dx, boolean accumulate) {
        int out = weight.shape().dim(0);
        int in = weight.shape().dim(1);
        if (!frozen) {
            kernels.gemm(GemmLayout.ATB, out, in, rows, dy, 0, x, 0, weight.grad(), 0, null, false);
            kernels.colSums(dy, rows, out, bias.grad(), false);
        }
        if (dx != null) {
            kernels.gemm(GemmLayout.AB, rows, in, out, dy, 0, weight.value(), 0, dx, 0, null, accumulate);
        }
    }
}
