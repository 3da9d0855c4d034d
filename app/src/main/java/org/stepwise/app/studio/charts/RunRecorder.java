// Records a training run for the charts, on the training thread: the loss of every batch, and at every epoch's end
// the training and validation sets measured by core's Evaluator, with optional early stopping on validation loss.
//
// The measuring runs on a copy of the network, so the live network's buffers (which the values pane shows) keep
// the last batch. Nothing here touches JavaFX; the FX side calls curves() for an immutable copy.
package org.stepwise.app.studio.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepwise.core.eval.EarlyStopping;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.stepper.StepObserver;
import org.stepwise.core.stepper.Stepper;

public final class RunRecorder implements StepObserver {
    private Session session;
    private TrainingSettings settings;
    private GraphDef graph;
    private Evaluator evaluator;
    private float[] stepLoss = new float[256];
    private int steps;
    private final List<History.Epoch> epochs = new ArrayList<>();
    private volatile int patience = -1;
    private EarlyStopping stopping;
    private int stoppedEpoch = -1;
    private boolean stopRequested;
    private long version;

    /**
     * Follows a new session. A run that starts at step 0 starts new curves; one that resumes (after an edit that
     * kept the weights) keeps the curves up to its step.
     */
    public synchronized void attach(Session newSession, TrainingSettings runSettings, GraphDef runGraph) {
        session = newSession;
        settings = runSettings;
        graph = runGraph;
        evaluator = new Evaluator();
        Stepper stepper = newSession.stepper();
        stepper.addObserver(this);
        truncate(stepper.step(), stepper.batchesPerEpoch());
        version++;
    }

    /** Forgets the run: a reset. */
    public synchronized void clear() {
        session = null;
        truncate(0, 1);
    }

    /** Early stopping on validation loss after {@code epochs} epochs without improvement; negative for none. */
    public void setPatience(int epochs) {
        patience = epochs;
    }

    public int patience() {
        return patience;
    }

    /** True once after early stopping decided to stop; the training loop then pauses. */
    public synchronized boolean takeStopRequest() {
        boolean stop = stopRequested;
        stopRequested = false;
        return stop;
    }

    /** An immutable copy of everything recorded. */
    public synchronized RunCurves curves() {
        int perEpoch = session == null ? 1 : session.stepper().batchesPerEpoch();
        return new RunCurves(Arrays.copyOf(stepLoss, steps), perEpoch, epochs, stoppedEpoch, settings, graph,
                version);
    }

    @Override
    public void phaseDone(Stepper stepper, Phase phase) {
        if (!(phase instanceof Phase.Update)) {
            return;
        }
        Session measured = stepDone(stepper);
        if (measured != null) {
            // Measured outside the lock, so the FX thread's curves() never waits for a pass over the data.
            Network copy = Project.copyOf(stepper.network());
            Metrics validation = measured.validation() == null ? null
                    : evaluator.evaluate(copy, measured.validation(), measured.loss());
            Metrics train = evaluator.evaluate(copy, measured.train(), measured.loss());
            epochDone(stepper, copy, train, validation);
        }
    }

    @Override
    public synchronized void jumped(Stepper stepper) {
        if (stepper == current()) {
            truncate(stepper.step(), stepper.batchesPerEpoch());
        }
    }

    /** Records the step's loss; returns the session when the step ended an epoch, else null. */
    private synchronized Session stepDone(Stepper stepper) {
        if (stepper != current()) {
            return null;
        }
        long step = stepper.step();
        truncate(step - 1, stepper.batchesPerEpoch());
        // A run resumed from a saved position has no losses for its earlier steps.
        while (steps < step) {
            if (steps == stepLoss.length) {
                stepLoss = Arrays.copyOf(stepLoss, steps * 2);
            }
            stepLoss[steps++] = Float.NaN;
        }
        stepLoss[steps - 1] = stepper.loss();
        version++;
        return step % stepper.batchesPerEpoch() == 0 ? session : null;
    }

    private synchronized void epochDone(Stepper stepper, Network copy, Metrics train, Metrics validation) {
        if (stepper != current()) {
            return;
        }
        int per = stepper.batchesPerEpoch();
        int epoch = (int) (stepper.step() / per);
        double sum = 0;
        for (int i = steps - per; i < steps; i++) {
            sum += stepLoss[i];
        }
        epochs.add(new History.Epoch(epoch, sum / per, train, validation));
        int wait = patience;
        if (validation != null && wait >= 0) {
            if (stopping == null) {
                stopping = EarlyStopping.onLoss(wait);
            }
            if (stopping.observe(epoch, validation, copy)) {
                stoppedEpoch = epoch;
                stopRequested = true;
                stopping = null;
            }
        }
        version++;
    }

    private Stepper current() {
        return session == null ? null : session.stepper();
    }

    /** Keeps what was recorded up to {@code step}: rewinding, or resuming from an earlier position. */
    private void truncate(long step, int batchesPerEpoch) {
        int keep = (int) Math.max(0, Math.min(steps, step));
        int keepEpochs = keep / Math.max(1, batchesPerEpoch);
        if (keep == steps && epochs.size() <= keepEpochs) {
            return;
        }
        steps = keep;
        epochs.removeIf(e -> e.epoch() > keepEpochs);
        if (stoppedEpoch > keepEpochs) {
            stoppedEpoch = -1;
        }
        stopping = null;
        version++;
    }
}
