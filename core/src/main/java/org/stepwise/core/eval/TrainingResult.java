// How a Trainer's run ended: its history, its best epoch and why it stopped.
package org.stepwise.core.eval;

import org.stepwise.core.stepper.Halt;

/**
 * @param bestEpoch    the epoch early stopping kept, else the one with the best validation score, else the last;
 *                     −1 when no epoch finished
 * @param stoppedEarly early stopping ran out of patience
 * @param cancelled    {@link Trainer#cancel()} stopped the run between batches
 * @param halt         why training halted on a non-finite value, or null
 */
public record TrainingResult(History history, int bestEpoch, boolean stoppedEarly, boolean cancelled, Halt halt) {

    /** The validation metrics of the best epoch, or null without validation or epochs. */
    public Metrics bestValidation() {
        History.Epoch best = history.epoch(bestEpoch);
        return best == null ? null : best.validation();
    }
}
