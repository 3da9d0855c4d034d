// The hyperparameters of one Adam/AdamW update; step counts from 1 and drives the bias correction.
//
// A mutable holder rather than a record: the optimizer keeps one and moves it to the next step with at(), so an
// update allocates nothing (a record per parameter per step was 64 bytes each, as the kernel call is not inlined).
package org.stepwise.core.kernels;

public final class AdamStep {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean decoupledWeightDecay;
    private float learningRate;
    private float weightDecay;
    private int step;
    private float firstCorrection;
    private float secondCorrection;

    public AdamStep(float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
                    boolean decoupledWeightDecay, int step) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decoupledWeightDecay = decoupledWeightDecay;
        at(learningRate, weightDecay, step);
    }

    /** Moves this holder to another step, rate and decay; returns it. */
    public AdamStep at(float newLearningRate, float newWeightDecay, int newStep) {
        if (newStep < 1) {
            throw new IllegalArgumentException("Adam's step counts from 1, not " + newStep);
        }
        if (newStep != step) {
            firstCorrection = (float) (1.0 / (1.0 - Math.pow(beta1, newStep)));
            secondCorrection = (float) (1.0 / (1.0 - Math.pow(beta2, newStep)));
        }
        this.learningRate = newLearningRate;
        this.weightDecay = newWeightDecay;
        this.step = newStep;
        return this;
    }

    public float learningRate() {
        return learningRate;
    }

    public float beta1() {
        return beta1;
    }

    public float beta2() {
        return beta2;
    }

    public float epsilon() {
        return epsilon;
    }

    public float weightDecay() {
        return weightDecay;
    }

    public boolean decoupledWeightDecay() {
        return decoupledWeightDecay;
    }

    public int step() {
        return step;
    }

    /** 1 / (1 - beta1^t), the correction of the first moment's start at zero. */
    public float firstMomentCorrection() {
        return firstCorrection;
    }

    /** 1 / (1 - beta2^t), the correction of the second moment's start at zero. */
    public float secondMomentCorrection() {
        return secondCorrection;
    }
}
