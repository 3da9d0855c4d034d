// The record of a training run, epoch by epoch: training and validation metrics, for learning curves.
package org.stepwise.core.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class History {

    /**
     * @param epoch         completed epochs of the stepper at the end of this one, so 1 for the first
     * @param meanBatchLoss the mean of the training batches' losses during the epoch, as the weights moved
     * @param train         the training set measured in inference mode after the epoch, comparable to validation
     * @param validation    the validation set after the epoch, or null without one
     */
    public record Epoch(int epoch, double meanBatchLoss, Metrics train, Metrics validation) {
    }

    private final List<Epoch> epochs = new ArrayList<>();

    public void add(Epoch epoch) {
        epochs.add(epoch);
    }

    /** Every epoch so far, oldest first; read-only. */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public int size() {
        return epochs.size();
    }

    /** The epoch record with this epoch number, or null. */
    public Epoch epoch(int epoch) {
        for (Epoch e : epochs) {
            if (e.epoch() == epoch) {
                return e;
            }
        }
        return null;
    }
}
