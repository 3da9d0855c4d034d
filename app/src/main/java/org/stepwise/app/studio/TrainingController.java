// Drives training for the studio: Play at a chosen speed (from slow motion, one phase at a time, to as fast as
// possible), Next and Previous phase, the rest of the batch, one batch, one epoch, a return to any kept step, and
// Reset. Training runs on one background thread, never on the FX thread. The views read two things at frame time:
// the Progress (a few numbers, replaced after every step) and the latest StepSnapshot (every node's buffers, copied
// between phases when a view asked for one). An edit that changes what training means (the graph, the settings,
// the data) pauses training and drops the session, which is rebuilt from the document on the next command.
package org.stepwise.app.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.stepwise.app.editor.Document;
import org.stepwise.app.studio.charts.RunCurves;
import org.stepwise.app.studio.charts.RunRecorder;
import org.stepwise.app.studio.transformer.TransformerSnapshot;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.AttentionMath;
import org.stepwise.core.stepper.MathExplainer;
import org.stepwise.core.stepper.NeuronMath;
import org.stepwise.core.stepper.NodeView;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.stepper.TensorView;
import org.stepwise.core.train.Batch;

public final class TrainingController implements AutoCloseable {
    /** Memory for stepping back through training. */
    public static final long HISTORY_BYTES = 32L << 20;
    /** The name of the thread that trains, one per controller. */
    public static final String THREAD_NAME = "stepwise-training";

    public enum State { READY, LOADING, RUNNING, PAUSED, HALTED, FAILED }

    /**
     * How fast Play goes: slow motion runs one phase at a time, {@code perSecond} phases a second, so each node's
     * computation can be watched; the others run whole steps, at most {@code perSecond} a second (infinite for as
     * fast as possible).
     */
    public record Speed(String id, boolean phases, double perSecond) {
        public static final List<Speed> ALL = List.of(
                new Speed("phases1", true, 1), new Speed("phases4", true, 4), new Speed("phases15", true, 15),
                new Speed("steps10", false, 10), new Speed("steps100", false, 100),
                new Speed("fastest", false, Double.POSITIVE_INFINITY));
        public static final Speed FASTEST = ALL.get(ALL.size() - 1);
    }

    /**
     * What the status bar shows, replaced as a whole by the training thread.
     *
     * @param message for FAILED and HALTED: why, in the words of the exception or the halt
     */
    public record Progress(State state, long step, int epoch, int batch, int batchesPerEpoch, float loss,
                           String message, long generation) {
        static Progress ready(long generation) {
            return new Progress(State.READY, 0, 0, 0, 0, Float.NaN, null, generation);
        }
    }

    /** The unit whose math the snapshot carries; for an attention node, the unit is the query position. */
    private record Watch(String node, int unit, int sample, int head) {
    }

    /** What a session is built from, captured on the FX thread so the training thread never reads the Document. */
    private record Setup(String name, GraphDef graph, Network network, DataRef data, TrainingSettings settings,
                         Project.TrainingState training, org.stepwise.core.data.Normalization normalization,
                         long generation) {
    }

    private final Workspace workspace;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean playing;
    private volatile Speed speed = Speed.FASTEST;
    private volatile Progress progress = Progress.ready(0);
    private volatile StepSnapshot snapshot;
    private volatile boolean snapshotWanted = true;
    private volatile Watch watch;
    /** The sample whose attention the snapshots carry; −1 while no Transformer view watches. */
    private volatile int attentionSample = -1;
    private final List<Consumer<StepSnapshot>> snapshotListeners = new ArrayList<>();
    private final RunRecorder recorder = new RunRecorder();
    private volatile RunCurves keptRun;
    private final org.stepwise.app.studio.lessons.LessonSignals signals =
            new org.stepwise.app.studio.lessons.LessonSignals();
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

    /** The latest snapshot, or null before training has started; read it at frame time. */
    public StepSnapshot snapshot() {
        return snapshot;
    }

    /** What lessons' goals wait for: events and the latest single prediction. */
    public org.stepwise.app.studio.lessons.LessonSignals signals() {
        return signals;
    }

    /** The curves of the run so far, an immutable copy; read it at frame time. */
    public RunCurves curves() {
        return recorder.curves();
    }

    /**
     * The run kept as A for comparison, or null. It lives here rather than in the charts view, so a language or
     * theme switch, which rebuilds the views, keeps it.
     */
    public RunCurves keptRun() {
        return keptRun;
    }

    public void setKeptRun(RunCurves run) {
        keptRun = run;
    }

    /** Pauses when validation loss has not improved for {@code epochs} epochs; negative for never. */
    public void setEarlyStopping(int epochs) {
        recorder.setPatience(epochs);
    }

    /** Asks the training thread for a fresh snapshot between its next two phases; views call it once a frame. */
    public void requestSnapshot() {
        snapshotWanted = true;
    }

    /** Which unit's math the snapshots carry; null for none. */
    public void watch(String node, int unit, int sample) {
        watch(node, unit, sample, 0);
    }

    /** Which query of an attention node the snapshots explain: a position and a head; null node for none. */
    public void watch(String node, int position, int sample, int head) {
        watch = node == null ? null : new Watch(node, position, sample, head);
        snapshotWanted = true;
        if (!playing) {
            submit(this::publishSnapshotIfReady);
        }
    }

    /**
     * Which sample of the batch the snapshots carry attention patterns and residual norms for; −1 for none. A view
     * calls it when shown and when its sample changes; the copies are taken between phases, like the rest.
     */
    public void watchAttention(int sample) {
        attentionSample = sample;
        snapshotWanted = true;
        if (!playing) {
            submit(this::publishSnapshotIfReady);
        }
    }

    public boolean isPlaying() {
        return playing;
    }

    public Speed speed() {
        return speed;
    }

    public void setSpeed(Speed newSpeed) {
        speed = newSpeed;
    }

    // ---- commands (FX thread) ------------------------------------------------------------------------------

    /** Trains until paused, halted or failed, at the chosen speed. */
    public void play() {
        if (playing) {
            return;
        }
        Setup setup = setup();
        if (setup == null) {
            return;
        }
        playing = true;
        submit(() -> {
            if (!ensureSession(setup)) {
                playing = false;
                return;
            }
            Stepper stepper = session.stepper();
            recorder.takeStopRequest(); // an early stop met by a single step or epoch does not end this play
            long lastPace = System.nanoTime();
            while (playing) {
                Speed s = speed;
                boolean ok = s.phases() ? stepper.next() : stepper.finishStep();
                if (ok && s.phases()) {
                    // Slow motion shows every phase: the highlight moves node by node.
                    snapshotWanted = true;
                }
                publish(ok ? State.RUNNING : State.HALTED, ok ? null : stepper.halt().message());
                if (!ok || recorder.takeStopRequest()) {
                    playing = false;
                }
                lastPace = pace(s, lastPace);
            }
            if (progress.state() == State.RUNNING) {
                publish(State.PAUSED, null);
            }
            snapshotWanted = true;
            publishSnapshotIfReady();
        });
    }

    public void pause() {
        playing = false;
    }

    /** One phase: a forward node, the loss, a backward node or the update. */
    public void nextPhase() {
        command(Stepper::next);
    }

    /** Back one phase through the stepper's history; nothing happens before the oldest kept step. */
    public void previousPhase() {
        signals.record("stepped_back");
        command(Stepper::previous);
    }

    /** The rest of the current step (all of it at a step boundary). */
    public void step() {
        command(Stepper::finishStep);
    }

    /** To the end of the current epoch. */
    public void oneEpoch() {
        command(Stepper::runEpoch);
    }

    /** Returns to the start of step {@code target} (time travel); false in the snapshot's terms when too old. */
    public void rewindTo(long target) {
        signals.record("stepped_back");
        command(s -> s.rewindTo(Math.max(0, Math.min(target, s.step())), 0));
    }

    /** New weights: from the same seed, or from a new one (which the settings then keep). */
    public void resetWeights() {
        reset(false);
    }

    public void reset(boolean newSeed) {
        signals.record("training_reset");
        playing = false;
        invalidate();
        Document d = workspace.document();
        if (newSeed) {
            long seed = new java.util.SplittableRandom().nextLong(1, 1_000_000);
            workspace.execute(org.stepwise.app.editor.ChangeSettings.settings(
                    d.settings().withSeeds(seed, d.settings().splitSeed()), "setting.seed"));
        }
        if (d.network() != null) {
            d.setNetwork(Network.build(d.network().def(), d.settings().seed()));
        }
        workspace.projectProperty().set(null);
        recorder.clear();
        progress = Progress.ready(generation.get());
        snapshot = null;
        notifySnapshot(null);
    }

    /** What a gradient check runs on: copies, so it may run on any thread while training goes on. */
    public record CheckInput(Network network, org.stepwise.core.train.Loss loss, Batch batch) {
    }

    /**
     * Pauses, then copies the network, a fresh loss of the session's kind and the current batch on the training
     * thread; before the first phase the input's forward runs first, to load a batch. Fails with the reason when the
     * document cannot train.
     */
    public CompletableFuture<CheckInput> copyForGradientCheck() {
        playing = false;
        Setup setup = setup();
        if (setup == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(progress.message()));
        }
        return CompletableFuture.supplyAsync(() -> {
            if (!ensureSession(setup)) {
                throw new IllegalStateException(progress.message());
            }
            Stepper s = session.stepper();
            if (s.batch() == null) {
                s.next();
                publish(State.PAUSED, null);
                snapshotWanted = true;
                publishSnapshotIfReady();
            }
            Batch b = s.batch();
            Batch copy = new Batch(b.x().clone(), b.labels() == null ? null : b.labels().clone(),
                    b.y() == null ? null : b.y().clone(), b.rows(), b.labelsPerRow());
            Network net = Project.copyOf(s.network());
            return new CheckInput(net, Session.lossFor(setup.settings().loss(), session.train(),
                    net.output().size()), copy);
        }, worker);
    }

    /** Called on the FX thread after a new snapshot was published. */
    public void addSnapshotListener(Consumer<StepSnapshot> listener) {
        snapshotListeners.add(listener);
    }

    /**
     * The project as it stands, with the session's optimizer state and history when training has run; pauses
     * training first. Call on the FX thread; it waits for the training thread to finish its current step.
     */
    public Project snapshotProject() {
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

    /**
     * Runs work on the training thread; a failure there must not vanish inside the executor, so it becomes a FAILED
     * progress that the status bar shows, and its trace goes to the log.
     */
    private void submit(Runnable work) {
        worker.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException | OutOfMemoryError e) {
                playing = false;
                System.err.println("stepwise: training failed: " + e);
                e.printStackTrace();
                progress = new Progress(State.FAILED, progress.step(), progress.epoch(), progress.batch(),
                        progress.batchesPerEpoch(), progress.loss(), e.getMessage() == null ? e.toString()
                        : e.getMessage(), generation.get());
            }
        });
    }

    /** Runs one stepper command on the training thread, then publishes the progress and a snapshot. */
    private void command(java.util.function.Predicate<Stepper> action) {
        playing = false;
        Setup setup = setup();
        if (setup == null) {
            return;
        }
        submit(() -> {
            if (!ensureSession(setup)) {
                return;
            }
            Stepper stepper = session.stepper();
            boolean ok = action.test(stepper);
            boolean halted = stepper.halt() != null;
            publish(halted ? State.HALTED : State.PAUSED, halted ? stepper.halt().message() : null);
            if (!ok && !halted) {
                progress = new Progress(State.PAUSED, stepper.step(), stepper.epoch(), stepper.batchInEpoch(),
                        stepper.batchesPerEpoch(), stepper.loss(), "unchanged", sessionGeneration);
            }
            snapshotWanted = true;
            publishSnapshotIfReady();
        });
    }

    /** Sleeps to keep to the speed's rate; returns the time the next interval starts. */
    private long pace(Speed s, long last) {
        if (Double.isInfinite(s.perSecond())) {
            publishSnapshotIfReady();
            return last;
        }
        long interval = (long) (1e9 / s.perSecond());
        long due = last + interval;
        publishSnapshotIfReady();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                playing = false;
            }
            return due;
        }
        return System.nanoTime();
    }

    // ---- the training thread ---------------------------------------------------------------------------------

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
            recorder.attach(session, setup.settings(), setup.graph());
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

    /** On the training thread: copies every node's buffers when a view asked, at most once between phases. */
    private void publishSnapshotIfReady() {
        if (!snapshotWanted || session == null || sessionGeneration != generation.get()) {
            return;
        }
        snapshotWanted = false;
        StepSnapshot taken = capture(session.stepper());
        snapshot = taken;
        javafx.application.Platform.runLater(() -> notifySnapshot(taken));
    }

    private void notifySnapshot(StepSnapshot taken) {
        for (Consumer<StepSnapshot> l : snapshotListeners) {
            l.accept(taken);
        }
    }

    private StepSnapshot capture(Stepper s) {
        Map<String, StepSnapshot.NodeState> nodes = new LinkedHashMap<>();
        for (Node n : s.network().nodes()) {
            NodeView v = s.view(n.name());
            List<StepSnapshot.ParamState> params = new ArrayList<>();
            for (NodeView.ParamView p : v.params()) {
                params.add(new StepSnapshot.ParamState(p.name(), p.shape(), p.value().copy(), p.grad().copy(),
                        p.before() == null ? null : p.before().copy()));
            }
            TensorView z = v.preActivation();
            nodes.put(n.name(), new StepSnapshot.NodeState(n.name(), n.type(), n.shape(), n.frozen(),
                    v.output().rows(), v.output().copy(), z == null ? null : z.copy(), v.gradOutput().copy(),
                    params));
        }
        Batch b = s.batch();
        int rows = b == null ? 0 : b.rows();
        int features = s.network().input().size();
        Watch w = watch;
        NeuronMath math = null;
        AttentionMath attention = null;
        if (w != null && b != null) {
            int sample = Math.min(w.sample(), rows - 1);
            try {
                if (s.network().node(w.node()) instanceof CausalSelfAttention) {
                    attention = MathExplainer.attention(s, w.node(), w.head(), w.unit(), sample);
                } else {
                    math = MathExplainer.explain(s, w.node(), w.unit(), sample);
                }
            } catch (RuntimeException e) {
                math = null; // not a dense unit or attention, or it no longer exists: the panel says so
            }
        }
        float[] batchX = b == null ? null : java.util.Arrays.copyOf(b.x(), rows * features);
        int sample = attentionSample;
        TransformerSnapshot transformer = sample < 0 || rows == 0 ? null : TransformerSnapshot.capture(s.network(),
                Math.min(sample, rows - 1), batchX, session.data().classNames());
        return new StepSnapshot(s.step(), s.phaseIndex(), s.lastPhase(), s.nextPhase(), s.describePosition(),
                s.epoch(), s.batchInEpoch(), s.batchesPerEpoch(), s.loss(), s.learningRate(), batchX,
                b == null || b.labels() == null ? null : java.util.Arrays.copyOf(b.labels(), rows),
                b == null || b.y() == null ? null : java.util.Arrays.copyOf(b.y(),
                        Math.min(b.y().length, rows * s.network().output().size())),
                rows, nodes, s.history() == null ? -1 : s.history().oldestStep(), math, sessionGeneration,
                org.stepwise.core.stepper.Diagnostics.of(s), attention, transformer);
    }

    // ---- following the document ----------------------------------------------------------------------------

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
        // One definition for the whole edit: making it and comparing it walk all the graph's nodes.
        NetworkSync.sync(d, graph);
        if (!first) {
            invalidate(graph);
        }
    }

    private void invalidate() {
        invalidate(workspace.document().graph().toGraphDef());
    }

    private void invalidate(GraphDef graph) {
        playing = false;
        generation.incrementAndGet();
        Document d = workspace.document();
        graphAtSetup = graph;
        settingsAtSetup = d.settings();
        dataAtSetup = d.data();
        progress = Progress.ready(generation.get());
        // The old session's snapshot no longer describes this document.
        snapshot = null;
        notifySnapshot(null);
    }

    @Override
    public void close() {
        playing = false;
        worker.shutdownNow();
    }
}
