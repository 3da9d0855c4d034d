// Step decay, as PyTorch's StepLR: the rate is multiplied by gamma after every stepSize steps.
package org.stepwise.core.optim;

public record StepSchedule(long stepSize, float gamma) implements Schedule {

    /** PyTorch's default gamma. */
    static final float DEFAULT_GAMMA = 0.1f;

    public StepSchedule {
        if (stepSize < 1) {
            throw new IllegalArgumentException("The step schedule's step_size must be at least 1, not " + stepSize);
        }
        if (!(gamma > 0f) || Float.isInfinite(gamma)) {
            throw new IllegalArgumentException("The step schedule's gamma must be a finite number > 0, not " + gamma);
        }
    }

    @Override
    public String id() {
        return "step";
    }

    /** base · gamma^⌊step / stepSize⌋. */
    @Override
    public float rate(float baseRate, long step) {
        return (float) (baseRate * Math.pow(gamma, step / stepSize));
    }
}
