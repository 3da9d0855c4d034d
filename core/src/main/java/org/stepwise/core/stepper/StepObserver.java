// Told after each phase the stepper runs; with no observer attached nothing is copied or allocated.
package org.stepwise.core.stepper;

public interface StepObserver {

    /** A phase finished; views on the stepper now show what it produced. Called on the training thread. */
    void phaseDone(Stepper stepper, Phase phase);

    /** The stepper jumped (previous phase, rewind, reset): everything shown may have changed. */
    default void jumped(Stepper stepper) {
    }
}
