// Plain stochastic gradient descent, the simplest optimizer: w −= lr · (g + wd·w), with no state.
//
// Weight decay, as in all optimizers here, applies only to weights (Param.isWeight()); PyTorch decays every
// parameter it is given, so its equivalent is a parameter group with weight_decay 0 for biases, gammas and betas.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

public final class Sgd extends BaseOptimizer {
    private final float weightDecay;

    /** PyTorch's default: no weight decay. */
    public Sgd(List<Param> params, Kernels kernels) {
        this(params, kernels, 0f);
    }

    public Sgd(List<Param> params, Kernels kernels, float weightDecay) {
        super(params, kernels, 0);
        this.weightDecay = requireNonNegative("SGD", "weight_decay", weightDecay);
    }

    @Override
    public String id() {
        return "sgd";
    }

    @Override
    protected void update(Param p, float[][] buffers, float learningRate) {
        kernels.sgdUpdate(p.value(), p.grad(), p.size(), learningRate, decayOf(p, weightDecay));
    }
}
