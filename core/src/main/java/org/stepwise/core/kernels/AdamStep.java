// The hyperparameters of one Adam/AdamW update; step counts from 1 and drives the bias correction.
package org.stepwise.core.kernels;

public record AdamStep(float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
                       boolean decoupledWeightDecay, int step) {
    public AdamStep {
        if (step < 1) {
            throw new IllegalArgumentException("Adam's step counts from 1, not " + step);
        }
    }

    /** 1 / (1 - beta1^t), the correction of the first moment's start at zero. */
    public float firstMomentCorrection() {
        return (float) (1.0 / (1.0 - Math.pow(beta1, step)));
    }

    /** 1 / (1 - beta2^t), the correction of the second moment's start at zero. */
    public float secondMomentCorrection() {
        return (float) (1.0 / (1.0 - Math.pow(beta2, step)));
    }
}
