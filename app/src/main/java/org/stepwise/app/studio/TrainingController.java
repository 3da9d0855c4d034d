// Play, Pause, Step and Reset for the open project. Training runs on one background thread, never on the FX thread;
// the UI reads the latest Progress at frame time. An edit that changes what training means (the graph, the
// settings, the data) pauses it and drops the session, which is rebuilt from the document on the next Play or Step.
package org.stepwise.app.studio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.stepwise.app.editor.Document;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Stepper;

public final class TrainingController implements AutoCloseable {
    /** Memory for stepping back through training. */
    public static final long HISTORY_BYTES = 32L << 20;

    public enum State { READY, LOADING, RUNNING, PAUSED, HALTED, FAILED }

    /**
     * What the status bar and views show, replaced as a whole by the training thread.
     *
     * @param message for FAILED and HALTED: why, in the words of the exception or the halt
     */
    public record Progress(State state, long step, int epoch, int batch, int batchesPerEpoch, float loss,
                           String message, long generation) {
        static Progress ready(long generation) {
            return new Progress(State.READY, 0, 0, 0, 0, Float.NaN, null, generation);
        }
    }

    /** What a session is built from, captured on the FX thread so the training thread never reads the Document. */
    private record Setup(String name, GraphDef graph, org.stepwise.core.graph.Network network, DataRef data,
                         TrainingSettings settings, Project.TrainingState training,
                         org.stepwise.core.data.Normalization normalization, long generation) {
    }

    private final Workspace workspace;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepwise-training");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean playing;
    private volatile Progress progress = Progress.ready(0);
    /** Touched only on the training thread. */
    private Session session;
    private long sessionGeneration = -1;
    private GraphDef graphAtSetup;
    private TrainingSettings settingsAtSetup;
    private DataRef dataAtSetup;

    public TrainingController(Workspace workspace) {
        this.workspace = workspace;
        workspace.addDocumentListener(this::documentChanged);
        workspace.addReplacedListener(this::invalidate);
    }

    public Progress progress() {
        return progress;
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Trains step after step until paused, halted or failed. */
    public void play() {
        if (playing) {
            return;
        }
        Setup setup = setup();
        if (setup == null) {
            return;
        }
        playing = true;
        worker.submit(() -> {
            if (!ensureSession(setup)) {
                playing = false;
                return;
            }
            Stepper stepper = session.stepper();
            while (playing) {
                boolean ok = stepper.finishStep();
                publish(ok ? State.RUNNING : State.HALTED, ok ? null : stepper.halt().message());
                if (!ok) {
                    playing = false;
                }
            }
            if (progress.state() == State.RUNNING) {
                publish(State.PAUSED, null);
            }
        });
    }

    public void pause() {
        playing = false;
    }

    /** Runs one whole training step (the stepper's phases are the next issue's single steps). */
    public void step() {
        playing = false;
        Setup setup = setup();
        if (setup == null) {
            return;
        }
        worker.submit(() -> {
            if (!ensureSession(setup)) {
                return;
            }
            Stepper stepper = session.stepper();
            boolean ok = stepper.finishStep();
            publish(ok ? State.PAUSED : State.HALTED, ok ? null : stepper.halt().message());
        });
    }

    /** New weights from the seed, training back at step 0. */
    public void resetWeights() {
        playing = false;
        invalidate();
        Document d = workspace.document();
        if (d.network() != null) {
            d.setNetwork(org.stepwise.core.graph.Network.build(d.network().def(), d.settings().seed()));
        }
        workspace.projectProperty().set(null);
        progress = Progress.ready(generation.get());
    }

    /**
     * The project as it stands, with the session's optimizer state and history when training has run; pauses
     * training first. Call on the FX thread; it waits for the training thread to finish its current step.
     */
    public Project snapshot() {
        playing = false;
        Setup setup = setup();
        CompletableFuture<Project> trained = CompletableFuture.supplyAsync(() ->
                session != null && sessionGeneration == generation.get() ? session.snapshot() : null, worker);
        Project p = trained.join();
        Document d = workspace.document();
        if (p != null) {
            return new Project(workspace.nameProperty().get(), p.graph(), p.network(), p.data(), p.settings(),
                    p.training(), p.normalization(), p.featureNames(), p.classNames(), p.history(),
                    workspace.layout());
        }
        if (setup == null || d.network() == null) {
            return null;
        }
        Project base = workspace.projectProperty().get();
        return new Project(workspace.nameProperty().get(), setup.graph(), Project.copyOf(d.network()), d.data(),
                d.settings(), null, base != null && base.graph().equals(setup.graph()) ? base.normalization() : null,
                base == null ? null : base.featureNames(), base == null ? null : base.classNames(),
                base == null ? List.of() : base.history(), workspace.layout());
    }

    /** The Setup of the document as it stands, or null (with FAILED progress) when it cannot train. */
    private Setup setup() {
        Document d = workspace.document();
        NetworkSync.sync(d);
        if (d.network() == null) {
            progress = new Progress(State.FAILED, 0, 0, 0, 0, Float.NaN, "graph", generation.get());
            return null;
        }
        if (d.data() == null) {
            progress = new Progress(State.FAILED, 0, 0, 0, 0, Float.NaN, "data", generation.get());
            return null;
        }
        Project base = workspace.projectProperty().get();
        boolean sameGraph = base != null && base.graph().equals(d.graph().toGraphDef());
        return new Setup(workspace.nameProperty().get(), d.graph().toGraphDef(), d.network(), d.data(), d.settings(),
                sameGraph && d.settings().optimizer().equals(base.settings().optimizer()) ? base.training() : null,
                sameGraph ? base.normalization() : null, generation.get());
    }

    private boolean ensureSession(Setup setup) {
        if (session != null && sessionGeneration == setup.generation()) {
            return true;
        }
        progress = new Progress(State.LOADING, 0, 0, 0, 0, Float.NaN, null, setup.generation());
        try {
            Project project = new Project(setup.name(), setup.graph(), setup.network(), setup.data(),
                    setup.settings(), setup.training(), setup.normalization(), null, null, List.of(), Map.of());
            session = Session.open(project, HISTORY_BYTES);
            sessionGeneration = setup.generation();
            publish(State.PAUSED, null);
            return true;
        } catch (Exception | OutOfMemoryError e) {
            session = null;
            progress = new Progress(State.FAILED, 0, 0, 0, 0, Float.NaN,
                    e.getMessage() == null ? e.toString() : e.getMessage(), setup.generation());
            return false;
        }
    }

    private void publish(State state, String message) {
        Stepper s = session.stepper();
        progress = new Progress(state, s.step(), s.epoch(), s.batchInEpoch(), s.batchesPerEpoch(), s.loss(), message,
                sessionGeneration);
    }

    /** Pauses and drops the session when the graph, settings or data changed; layout moves change nothing. */
    private void documentChanged() {
        Document d = workspace.document();
        GraphDef graph = d.graph().toGraphDef();
        if (graph.equals(graphAtSetup) && d.settings().equals(settingsAtSetup)
                && java.util.Objects.equals(d.data(), dataAtSetup)) {
            return;
        }
        boolean first = graphAtSetup == null;
        graphAtSetup = graph;
        settingsAtSetup = d.settings();
        dataAtSetup = d.data();
        NetworkSync.sync(d);
        if (!first) {
            invalidate();
        }
    }

    private void invalidate() {
        playing = false;
        generation.incrementAndGet();
        Document d = workspace.document();
        graphAtSetup = d.graph().toGraphDef();
        settingsAtSetup = d.settings();
        dataAtSetup = d.data();
        progress = Progress.ready(generation.get());
    }

    @Override
    public void close() {
        playing = false;
        worker.shutdownNow();
    }
}
