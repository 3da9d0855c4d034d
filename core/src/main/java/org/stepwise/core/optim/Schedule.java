// A learning-rate schedule: the rate for each optimizer step, from a base rate.
package org.stepwise.core.optim;

public interface Schedule {

    /** "constant", "step", "cosine", "warmup". */
    String id();

    /** The learning rate for step {@code step} (counting from 0). */
    float rate(float baseRate, long step);
}
