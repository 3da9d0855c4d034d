// The trainer: one history record per epoch in order, early stopping, and cancellation between batches.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.Network;
import org.stepwise.core.optim.Adam;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class TrainerTest {
    private static final Dataset TRAIN = Blobs.of("train", 120, 0.6, 1);
    private static final Dataset VALIDATION = Blobs.of("validation", 60, 0.6, 2);
    /** 120 samples in batches of 16. */
    private static final int BATCHES_PER_EPOCH = 8;

    private static Stepper stepper() {
        Network net = Network.build(Blobs.mlp(8), 7);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        return new Stepper(net, new Batcher(TRAIN, 16, 7, true), loss, new Adam(net.params(), net.kernels()),
                new ConstantSchedule(), Stepper.Settings.of(0.05f).withoutHistory());
    }

    private static Trainer trainer(Stepper stepper) {
        return new Trainer(stepper, new SoftmaxCrossEntropy(), TRAIN, VALIDATION, new Evaluator());
    }

    @Test
    void historyHasOneRecordPerEpochNumberedInOrder() {
        TrainingResult result = trainer(stepper()).train(5);
        assertEquals(5, result.history().size());
        for (int i = 0; i < 5; i++) {
            History.Epoch e = result.history().epochs().get(i);
            assertEquals(i + 1, e.epoch());
            assertEquals(TRAIN.n(), e.train().samples());
            assertEquals(VALIDATION.n(), e.validation().samples());
        }
        assertFalse(result.stoppedEarly());
        assertFalse(result.cancelled());
        assertNull(result.halt());
        assertTrue(result.bestValidation().score() >= 0.9, "well-separated blobs reach 90% validation accuracy, "
                + "not " + result.bestValidation().score());
    }

    @Test
    void bestEpochIsTheOneWithTheHighestValidationScore() {
        TrainingResult result = trainer(stepper()).train(4);
        double best = result.history().epochs().stream().mapToDouble(e -> e.validation().score()).max()
                .orElseThrow();
        assertEquals(best, result.bestValidation().score());
    }

    @Test
    void earlyStoppingEndsTheRunAndNamesTheBestEpoch() {
        // No change can be as large as the minimum, so epoch 1 stays the best and epoch 2 exhausts a patience of 0.
        EarlyStopping stopping = new EarlyStopping("validation loss", Metrics::loss, false, 0, 1e9);
        TrainingResult result = trainer(stepper()).withEarlyStopping(stopping).train(10);
        assertTrue(result.stoppedEarly());
        assertEquals(2, result.history().size());
        assertEquals(1, result.bestEpoch());
    }

    @Test
    void cancellingFromTheProgressCallbackStopsBeforeTheNextBatch() {
        Stepper stepper = stepper();
        Trainer trainer = trainer(stepper);
        trainer.withProgress((epoch, batch, loss) -> {
            if (epoch == 1 && batch == 2) {
                trainer.cancel();
            }
        });
        TrainingResult result = trainer.train(10);
        assertTrue(result.cancelled());
        assertEquals(1, result.history().size(), "the interrupted epoch is not recorded");
        assertEquals(BATCHES_PER_EPOCH + 3, stepper.step());
    }

    @Test
    void cancellingFromAnotherThreadStopsARunningTrainerPromptly() throws Exception {
        Stepper stepper = stepper();
        Trainer trainer = trainer(stepper);
        CountDownLatch started = new CountDownLatch(1);
        trainer.withProgress((epoch, batch, loss) -> started.countDown());
        AtomicReference<TrainingResult> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(trainer.train(100_000)));
        thread.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        trainer.cancel();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "the trainer did not stop");
        assertTrue(result.get().cancelled());
        assertTrue(stepper.step() < 100_000L * BATCHES_PER_EPOCH);
    }
}
