// Linear warm-up: the rate climbs from base/warmupSteps to base over warmupSteps steps, then another schedule runs.
//
// The schedule after the warm-up counts its steps from the warm-up's end, so a cosine decay keeps its full length.
package org.stepwise.core.optim;

import java.util.Objects;

public record WarmupSchedule(long warmupSteps, Schedule after) implements Schedule {

    public WarmupSchedule {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("The warm-up's warmup_steps must be at least 1, not " + warmupSteps);
        }
        Objects.requireNonNull(after, "The warm-up needs a schedule to hand over to");
    }

    @Override
    public String id() {
        return "warmup";
    }

    /** base · (step + 1) / warmupSteps during the warm-up, so its last step already runs at the full base rate. */
    @Override
    public float rate(float baseRate, long step) {
        if (step < warmupSteps) {
            return (float) ((double) baseRate * (step + 1) / warmupSteps);
        }
        return after.rate(baseRate, step - warmupSteps);
    }
}
