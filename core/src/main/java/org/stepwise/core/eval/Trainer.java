// Trains a stepper epoch by epoch, measuring training and validation data after each into a History, with optional
// early stopping, progress reports and cancellation from another thread.
//
// Cancellation is checked between batches, so it takes effect within one batch; the epoch it interrupts is not
// recorded. A cancelled trainer stays cancelled: one trainer is one run.
package org.stepwise.core.eval;

import org.stepwise.core.data.Dataset;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.Loss;

public final class Trainer {

    /** Told after every training batch; runs on the training thread, so it should be quick. */
    @FunctionalInterface
    public interface Progress {
        /** @param epoch 0-based epoch of the batch; @param batch 0-based batch within it; @param loss its loss */
        void batchDone(int epoch, int batch, float loss);
    }

    private final Stepper stepper;
    private final Loss loss;
    private final Dataset train;
    private final Dataset validation;
    private final Evaluator evaluator;
    private EarlyStopping earlyStopping;
    private Progress progress = (epoch, batch, loss) -> { };
    private volatile boolean cancelled;

    /**
     * @param loss       the loss measured in the history; the stepper's own instance will do
     * @param train      the data the stepper's batcher draws from, measured after each epoch
     * @param validation measured after each epoch; may be null
     */
    public Trainer(Stepper stepper, Loss loss, Dataset train, Dataset validation, Evaluator evaluator) {
        this.stepper = stepper;
        this.loss = loss;
        this.train = train;
        this.validation = validation;
        this.evaluator = evaluator;
    }

    /** Stops when the early stopping's patience runs out; it needs validation data. */
    public Trainer withEarlyStopping(EarlyStopping stopping) {
        if (stopping != null && validation == null) {
            throw new IllegalArgumentException("Early stopping on the " + stopping.metricName()
                    + " needs validation data");
        }
        this.earlyStopping = stopping;
        return this;
    }

    public Trainer withProgress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** Asks the run to stop before its next batch; safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs up to {@code epochs} more epochs (the rest of a started epoch counts as the first). */
    public TrainingResult train(int epochs) {
        History history = new History();
        boolean stoppedEarly = false;
        for (int e = 0; e < epochs && !stoppedEarly; e++) {
            int epoch = stepper.epoch();
            double lossSum = 0;
            int batches = 0;
            do {
                if (cancelled) {
                    return result(history, false, true);
                }
                int batch = stepper.batchInEpoch();
                if (!stepper.finishStep()) {
                    return result(history, false, false);
                }
                lossSum += stepper.loss();
                batches++;
                progress.batchDone(epoch, batch, stepper.loss());
            } while (stepper.batchInEpoch() != 0);
            Metrics validationMetrics = validation == null ? null
                    : evaluator.evaluate(stepper.network(), validation, loss);
            int completed = stepper.epoch();
            history.add(new History.Epoch(completed, lossSum / batches,
                    evaluator.evaluate(stepper.network(), train, loss), validationMetrics));
            stoppedEarly = earlyStopping != null
                    && earlyStopping.observe(completed, validationMetrics, stepper.network());
        }
        return result(history, stoppedEarly, false);
    }

    private TrainingResult result(History history, boolean stoppedEarly, boolean wasCancelled) {
        return new TrainingResult(history, bestEpoch(history), stoppedEarly, wasCancelled, stepper.halt());
    }

    private int bestEpoch(History history) {
        if (earlyStopping != null && earlyStopping.bestEpoch() >= 0) {
            return earlyStopping.bestEpoch();
        }
        if (history.size() == 0) {
            return -1;
        }
        if (validation == null) {
            return history.epochs().get(history.size() - 1).epoch();
        }
        History.Epoch best = history.epochs().get(0);
        for (History.Epoch e : history.epochs()) {
            if (e.validation().score() > best.validation().score()) {
                best = e;
            }
        }
        return best.epoch();
    }
}
