// AdamW, as PyTorch's: Adam with decoupled weight decay, w −= lr·wd·w before the Adam step, default wd 0.01.
//
// Decoupled decay shrinks every weight at the same rate, instead of being rescaled by Adam's per-weight
// denominator as L2 in the gradient is. It reaches weights only (Param.isWeight()); PyTorch decays every
// parameter it is given, so its equivalent is a parameter group with weight_decay 0 for biases, gammas and betas.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

public final class AdamW extends Adam {
    static final float DEFAULT_WEIGHT_DECAY = 0.01f;

    /** PyTorch's defaults: betas (0.9, 0.999), ε 1e-8, weight decay 0.01. */
    public AdamW(List<Param> params, Kernels kernels) {
        this(params, kernels, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(List<Param> params, Kernels kernels, float beta1, float beta2, float epsilon, float weightDecay) {
        super("AdamW", params, kernels, beta1, beta2, epsilon, weightDecay, true);
    }

    @Override
    public String id() {
        return "adamw";
    }
}
