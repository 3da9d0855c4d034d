// RMSprop, as PyTorch's (not centered, no momentum): each weight's step is scaled by a running RMS of its gradient.
//
// sq = α·sq + (1 − α)·d²; w −= lr · d / (√sq + ε), with d = g + wd·w and weight decay on weights only
// (Param.isWeight()); PyTorch decays every parameter it is given. State: one square-average buffer per parameter.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

public final class RmsProp extends BaseOptimizer {
    static final float DEFAULT_ALPHA = 0.99f;
    static final float DEFAULT_EPSILON = 1e-8f;

    private final float alpha;
    private final float epsilon;
    private final float weightDecay;

    /** PyTorch's defaults: α 0.99, ε 1e-8, no weight decay. */
    public RmsProp(List<Param> params, Kernels kernels) {
        this(params, kernels, DEFAULT_ALPHA, DEFAULT_EPSILON, 0f);
    }

    public RmsProp(List<Param> params, Kernels kernels, float alpha, float epsilon, float weightDecay) {
        super(params, kernels, 1);
        this.alpha = requireFraction("RMSprop", "alpha", alpha);
        this.epsilon = requirePositive("RMSprop", "eps", epsilon);
        this.weightDecay = requireNonNegative("RMSprop", "weight_decay", weightDecay);
    }

    @Override
    public String id() {
        return "rmsprop";
    }

    @Override
    protected void update(Param p, float[][] buffers, float learningRate) {
        kernels.rmspropUpdate(p.value(), p.grad(), buffers[0], p.size(), learningRate, alpha, epsilon,
                decayOf(p, weightDecay));
    }
}
