// Runs the stages of one workflow (pretraining, fine-tuning, task A, task B, …) one after another on the calling
// thread: batch by batch through a Stepper, reporting progress, measuring curves, and stopping when cancelled.
//
// Cancellation is checked before every batch, so it takes effect within one batch, and once cancelled every later
// stage returns at once. Measurements run between steps, never inside one.
package org.stepwise.core.workflow;

import java.util.List;
import java.util.Map;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.Network;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Optimizer;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.project.Session;
import org.stepwise.core.stepper.Halt;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.Loss;

final class StageRunner {

    /** A dataset measured during a stage: each point is appended to {@code points} and reported as {@code curve}. */
    record Probe(String curve, Dataset data, List<Curve.Point> points) {
    }

    /**
     * Where a stage starts on the workflow's time line, and how often it measures.
     *
     * @param stepOffset     steps the workflow took before this stage
     * @param epochOffset    the same in epochs
     * @param measureEvery   also measure every this many steps within an epoch; 0 measures at epoch ends only
     * @param measureAtStart measure before the first step (false when the previous stage's last point is that moment)
     */
    record Timing(long stepOffset, double epochOffset, int measureEvery, boolean measureAtStart) {
        static Timing epochs() {
            return new Timing(0, 0, 0, true);
        }
    }

    /** How a stage ended: halted on a non-finite value, cancelled, or neither (it ran all its epochs). */
    record Outcome(Halt halt, boolean cancelled) {
        boolean finished() {
            return halt == null && !cancelled;
        }
    }

    private final WorkflowProgress progress;
    private final Evaluator evaluator = new Evaluator();
    private volatile boolean cancelled;

    StageRunner(WorkflowProgress progress) {
        this.progress = progress == null ? WorkflowProgress.NONE : progress;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** A stepper and the loss it trains with, which measurements report too. */
    record Training(Stepper stepper, Loss loss) {
    }

    /**
     * A stepper over {@code train} with a constant learning rate and no history (a workflow never steps back), and
     * the loss "auto" picks for the data and the network's output.
     */
    static Training training(Network net, Dataset train, String optimizer, float learningRate, int batchSize,
                             long seed) {
        Loss loss = Session.lossFor("auto", train, net.output().size());
        Optimizer opt = Optimizers.create(optimizer, net.params(), net.kernels(), Map.of());
        return new Training(new Stepper(net, new Batcher(train, batchSize, seed, true), loss, opt,
                new ConstantSchedule(), Stepper.Settings.of(learningRate).withoutHistory()), loss);
    }

    /** Trains {@code epochs} epochs of {@code stage}, measuring every probe as {@code timing} says. */
    Outcome run(String stage, Training training, int epochs, Timing timing, List<Probe> probes) {
        Stepper stepper = training.stepper();
        Loss loss = training.loss();
        int perEpoch = stepper.batchesPerEpoch();
        if (timing.measureAtStart()) {
            measure(stepper, loss, timing, probes);
        }
        for (int e = 0; e < epochs; e++) {
            do {
                if (cancelled) {
                    return new Outcome(null, true);
                }
                int epoch = stepper.epoch();
                int batch = stepper.batchInEpoch();
                if (!stepper.finishStep()) {
                    return new Outcome(stepper.halt(), false);
                }
                progress.batchDone(stage, epoch, batch, perEpoch, stepper.loss());
                if (stepper.batchInEpoch() == 0
                        || (timing.measureEvery() > 0 && stepper.step() % timing.measureEvery() == 0)) {
                    measure(stepper, loss, timing, probes);
                }
            } while (stepper.batchInEpoch() != 0);
        }
        return new Outcome(null, false);
    }

    private void measure(Stepper stepper, Loss loss, Timing timing, List<Probe> probes) {
        long step = timing.stepOffset() + stepper.step();
        double epoch = timing.epochOffset() + (double) stepper.step() / stepper.batchesPerEpoch();
        for (Probe probe : probes) {
            Curve.Point point = measure(stepper.network(), probe.data(), loss, step, epoch);
            probe.points().add(point);
            progress.measured(probe.curve(), point);
        }
    }

    private Curve.Point measure(Network net, Dataset data, Loss loss, long step, double epoch) {
        Metrics m = evaluator.evaluate(net, data, loss);
        double accuracy = m instanceof ClassificationMetrics c ? c.accuracy() : Double.NaN;
        return new Curve.Point(step, epoch, m.loss(), accuracy);
    }
}
