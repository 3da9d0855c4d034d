// Adam, as PyTorch's: running means of g and g², each corrected for starting at zero; w −= lr · m̂ / (√v̂ + ε).
//
// Weight decay here is L2 added to the gradient (d = g + wd·w) and reaches weights only (Param.isWeight()); PyTorch
// decays every parameter it is given. AdamW is the decoupled variant. State per parameter: m, then v.
// The bias correction counts this optimizer's steps, shared by all parameters; PyTorch counts per parameter, which
// differs only for a parameter that sat frozen while others trained.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.AdamStep;
import org.stepwise.core.kernels.Kernels;

public class Adam extends BaseOptimizer {
    static final float DEFAULT_BETA1 = 0.9f;
    static final float DEFAULT_BETA2 = 0.999f;
    static final float DEFAULT_EPSILON = 1e-8f;

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;

    /** PyTorch's defaults: betas (0.9, 0.999), ε 1e-8, no weight decay. */
    public Adam(List<Param> params, Kernels kernels) {
        this(params, kernels, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0f);
    }

    public Adam(List<Param> params, Kernels kernels, float beta1, float beta2, float epsilon, float weightDecay) {
        this("Adam", params, kernels, beta1, beta2, epsilon, weightDecay, false);
    }

    /** For AdamW, which differs only in applying weight decay to w directly instead of to the gradient. */
    Adam(String name, List<Param> params, Kernels kernels, float beta1, float beta2, float epsilon,
         float weightDecay, boolean decoupled) {
        super(params, kernels, 2);
        this.beta1 = requireFraction(name, "beta1", beta1);
        this.beta2 = requireFraction(name, "beta2", beta2);
        this.epsilon = requirePositive(name, "eps", epsilon);
        this.weightDecay = requireNonNegative(name, "weight_decay", weightDecay);
        this.decoupled = decoupled;
    }

    /** Reused for every parameter and step: see {@link AdamStep}. */
    private AdamStep hyper;

    @Override
    public String id() {
        return "adam";
    }

    @Override
    protected void update(Param p, float[][] buffers, float learningRate) {
        if (hyper == null) {
            hyper = new AdamStep(learningRate, beta1, beta2, epsilon, 0f, decoupled, 1);
        }
        hyper.at(learningRate, decayOf(p, weightDecay), Math.toIntExact(steps()));
        kernels.adamUpdate(p.value(), p.grad(), buffers[0], buffers[1], p.size(), hyper);
    }
}
