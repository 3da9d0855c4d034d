// SGD with momentum, as PyTorch's SGD (dampening 0): v = μ·v + d; w −= lr · v, or lr · (d + μ·v) for Nesterov.
//
// d = g + wd·w, with weight decay on weights only (Param.isWeight()); PyTorch decays every parameter it is given.
// State: one velocity buffer per parameter.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

public final class Momentum extends BaseOptimizer {
    static final float DEFAULT_MOMENTUM = 0.9f;

    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;

    /** Momentum 0.9, no weight decay, classical (not Nesterov). */
    public Momentum(List<Param> params, Kernels kernels) {
        this(params, kernels, DEFAULT_MOMENTUM, 0f, false);
    }

    public Momentum(List<Param> params, Kernels kernels, float momentum, float weightDecay, boolean nesterov) {
        super(params, kernels, 1);
        this.momentum = requireFraction("Momentum", "momentum", momentum);
        this.weightDecay = requireNonNegative("Momentum", "weight_decay", weightDecay);
        this.nesterov = nesterov;
    }

    @Override
    public String id() {
        return "momentum";
    }

    @Override
    protected void update(Param p, float[][] buffers, float learningRate) {
        kernels.momentumUpdate(p.value(), p.grad(), buffers[0], p.size(), learningRate, momentum,
                decayOf(p, weightDecay), nesterov);
    }
}
