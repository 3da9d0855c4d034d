// Cosine annealing, as PyTorch's CosineAnnealingLR: from the base rate down to minRate over totalSteps steps.
//
// After totalSteps the rate stays at minRate; PyTorch's formula would climb back up, which surprises more than it
// teaches.
package org.stepwise.core.optim;

public record CosineSchedule(long totalSteps, float minRate) implements Schedule {

    public CosineSchedule {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("The cosine schedule's total_steps must be at least 1, not "
                    + totalSteps);
        }
        if (!(minRate >= 0f) || Float.isInfinite(minRate)) {
            throw new IllegalArgumentException("The cosine schedule's min_rate must be a finite number ≥ 0, not "
                    + minRate);
        }
    }

    @Override
    public String id() {
        return "cosine";
    }

    /** minRate + (base − minRate) · (1 + cos(π · step / totalSteps)) / 2. */
    @Override
    public float rate(float baseRate, long step) {
        if (step >= totalSteps) {
            return minRate;
        }
        return (float) (minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2);
    }
}
