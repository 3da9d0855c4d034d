// The base learning rate at every step: the default schedule, and what a warm-up hands over to unless told otherwise.
package org.stepwise.core.optim;

public record ConstantSchedule() implements Schedule {

    @Override
    public String id() {
        return "constant";
    }

    @Override
    public float rate(float baseRate, long step) {
        return baseRate;
    }
}
