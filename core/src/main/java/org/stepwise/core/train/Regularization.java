// L1 and L2 penalties on the weights, added to the loss and to the gradients; biases and norm parameters are exempt.
//
// The L2 term is (l2/2)·Σw², so its gradient is exactly l2·w: an l2 of λ here moves SGD as its weight_decay λ does.
// A penalty written as l2·Σw², common in hand-written PyTorch losses, has twice that gradient.
package org.stepwise.core.train;

import java.util.List;
import org.stepwise.core.graph.Param;

public record Regularization(float l1, float l2) {

    public Regularization {
        if (!(l1 >= 0f) || Float.isInfinite(l1) || !(l2 >= 0f) || Float.isInfinite(l2)) {
            throw new IllegalArgumentException("Regularization strengths must be finite numbers ≥ 0, not l1 " + l1
                    + " and l2 " + l2);
        }
    }

    /** l1·Σ|w| + (l2/2)·Σw² over the weights (Param.isWeight()), summed in double. */
    public double penalty(List<Param> params) {
        double absolute = 0;
        double squares = 0;
        for (Param p : params) {
            if (p.isWeight()) {
                for (float w : p.value()) {
                    absolute += Math.abs(w);
                    squares += (double) w * w;
                }
            }
        }
        return l1 * absolute + l2 / 2.0 * squares;
    }

    /** g += l1·sign(w) + l2·w over the weights, after the backward pass; sign(0) is 0, the subgradient at the kink. */
    public void addGradients(List<Param> params) {
        for (Param p : params) {
            if (p.isWeight()) {
                float[] w = p.value();
                float[] g = p.grad();
                for (int i = 0; i < w.length; i++) {
                    g[i] += l1 * Math.signum(w[i]) + l2 * w[i];
                }
            }
        }
    }
}
