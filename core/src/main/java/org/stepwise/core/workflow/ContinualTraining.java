// Continual training in miniature: one network learns task A, then task B, and is measured on both as it goes, to
// show how much of A it forgets; a second run of task B rehearses A from a replay buffer, to show how much less.
//
// Task A is trained once. Both runs of task B start from copies of the network as A left it, each with a fresh
// optimizer (as a saved model trained on new data would) and the same seed, so the replayed samples are what differs.
// With replay, an epoch of B holds B's samples plus the replayed ones, so it takes more steps.
package org.stepwise.core.workflow;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.project.Project;
import org.stepwise.core.stepper.Halt;

public final class ContinualTraining {

    /** Stage names, as {@link WorkflowProgress#batchDone} reports them. */
    public static final String TASK_A = "task A";
    public static final String TASK_B = "task B";
    public static final String TASK_B_REPLAY = "task B with replay";

    /**
     * Curve names, as {@link WorkflowProgress#measured} reports them: while A trains, the two measurements both runs
     * share; then each run's own.
     */
    public static final String ON_A = "on A";
    public static final String ON_B = "on B";
    public static final String ON_A_NO_REPLAY = "on A · no replay";
    public static final String ON_B_NO_REPLAY = "on B · no replay";
    public static final String ON_A_REPLAY = "on A · replay";
    public static final String ON_B_REPLAY = "on B · replay";

    /** A task: samples to train on and held-out samples to measure, with labels the network's output shares. */
    public record Task(String name, Dataset train, Dataset test) {
    }

    /**
     * @param epochsA        epochs of task A
     * @param epochsB        epochs of task B, in both runs
     * @param learningRate   for both tasks
     * @param optimizer      an id of {@link Optimizers#IDS}
     * @param batchSize      samples per batch
     * @param replayFraction the share of replayed A samples in B's data for the second run, at least 0, below 1
     * @param replayCapacity the most A samples the replay buffer keeps
     * @param measureEvery   measure both tasks every this many steps as well as at every epoch's end; 0 for
     *                       epoch ends only
     * @param seed           the initial weights, the batch order and the replay buffer's choices
     */
    public record Settings(int epochsA, int epochsB, float learningRate, String optimizer, int batchSize,
                           double replayFraction, int replayCapacity, int measureEvery, long seed) {

        /**
         * Two epochs of each task at 0.001 with Adam, batches of 32, 20% replay from 500 kept samples, both tasks
         * measured every 10 steps, seed 1.
         */
        public static Settings defaults() {
            return new Settings(2, 2, 0.001f, "adam", 32, 0.2, 500, 10, 1);
        }

        public Settings withReplay(double fraction, int capacity) {
            return new Settings(epochsA, epochsB, learningRate, optimizer, batchSize, fraction, capacity,
                    measureEvery, seed);
        }

        public Settings withEpochs(int a, int b) {
            return new Settings(a, b, learningRate, optimizer, batchSize, replayFraction, replayCapacity,
                    measureEvery, seed);
        }

        public Settings withTraining(String optimizerId, float rate, int batch, int every, long newSeed) {
            return new Settings(epochsA, epochsB, rate, optimizerId, batch, replayFraction, replayCapacity, every,
                    newSeed);
        }
    }

    /**
     * One run through both tasks.
     *
     * @param replayFraction  the share of replayed A samples in B's data: 0 for the run without replay
     * @param onA             accuracy and loss on A's held-out samples over the whole run
     * @param onB             the same on B's
     * @param taskBStart      the step at which B began, where a chart marks the switch
     * @param accuracyAAfterA accuracy on A when A was learnt
     * @param accuracyAAfterB accuracy on A when B was learnt
     * @param accuracyBAfterB accuracy on B when B was learnt
     */
    public record Run(double replayFraction, Curve onA, Curve onB, long taskBStart, double accuracyAAfterA,
                      double accuracyAAfterB, double accuracyBAfterB) {

        /** How much accuracy on A fell while B was learnt, in points (0 to 100). */
        public double forgettingPoints() {
            return 100 * (accuracyAAfterA - accuracyAAfterB);
        }
    }

    /**
     * @param withoutReplay task B trained on its own samples; null when the run was cut short before it ended
     * @param withReplay    task B with replayed A samples; null when the run was cut short before it ended
     * @param halt          why training halted on a non-finite value, or null
     * @param cancelled     {@link #cancel()} stopped the run
     */
    public record Result(Run withoutReplay, Run withReplay, Halt halt, boolean cancelled) {

        /** Forgetting without replay minus forgetting with it, in points: what rehearsal saved; NaN if cut short. */
        public double forgettingReducedPoints() {
            if (withoutReplay == null || withReplay == null) {
                return Double.NaN;
            }
            return withoutReplay.forgettingPoints() - withReplay.forgettingPoints();
        }
    }

    private final GraphDef graph;
    private final Task a;
    private final Task b;
    private final Settings settings;
    private final StageRunner runner;

    /**
     * @param graph    the network; its output must score every class of both tasks (they share one head)
     * @param progress told of every batch and measurement; may be null
     */
    public ContinualTraining(GraphDef graph, Task a, Task b, Settings settings, WorkflowProgress progress) {
        check(a, b, settings);
        checkOutput(graph, a, b);
        this.graph = graph;
        this.a = a;
        this.b = b;
        this.settings = settings;
        this.runner = new StageRunner(progress);
    }

    /** Asks the run to stop before its next batch; safe from any thread. */
    public void cancel() {
        runner.cancel();
    }

    /** Trains A, then B without and with replay, one after the other on the calling thread. */
    public Result run() {
        Network net = Network.build(graph, settings.seed());
        List<Curve.Point> onA = new ArrayList<>();
        List<Curve.Point> onB = new ArrayList<>();
        StageRunner.Training taskA = stage(net, a.train());
        StageRunner.Outcome outcome = runner.run(TASK_A, taskA, settings.epochsA(),
                new StageRunner.Timing(0, 0, settings.measureEvery(), true), probes(ON_A, ON_B, onA, onB));
        if (!outcome.finished()) {
            return new Result(null, null, outcome.halt(), outcome.cancelled());
        }
        long stepsA = taskA.stepper().step();
        Network learntA = Project.copyOf(net);

        Leg without = taskB(TASK_B, net, b.train(), 0, onA, onB, stepsA);
        if (!without.outcome().finished()) {
            return new Result(null, null, without.outcome().halt(), without.outcome().cancelled());
        }
        ReplayBuffer buffer = new ReplayBuffer(settings.replayCapacity(), settings.seed());
        buffer.add(a.train());
        Dataset mixed = buffer.mix(b.train(), settings.replayFraction(), settings.seed());
        Leg with = taskB(TASK_B_REPLAY, learntA, mixed, settings.replayFraction(), onA, onB, stepsA);
        return new Result(without.run(), with.outcome().finished() ? with.run() : null, with.outcome().halt(),
                with.outcome().cancelled());
    }

    /** A run of task B and how its training ended. */
    private record Leg(Run run, StageRunner.Outcome outcome) {
    }

    /** Trains B on {@code data} from the network A left, continuing the curves both runs share. */
    private Leg taskB(String stage, Network net, Dataset data, double fraction, List<Curve.Point> sharedA,
                      List<Curve.Point> sharedB, long stepsA) {
        boolean replay = fraction > 0;
        List<Curve.Point> onA = new ArrayList<>(sharedA);
        List<Curve.Point> onB = new ArrayList<>(sharedB);
        String nameA = replay ? ON_A_REPLAY : ON_A_NO_REPLAY;
        String nameB = replay ? ON_B_REPLAY : ON_B_NO_REPLAY;
        StageRunner.Outcome outcome = runner.run(stage, stage(net, data), settings.epochsB(),
                new StageRunner.Timing(stepsA, settings.epochsA(), settings.measureEvery(), false),
                probes(nameA, nameB, onA, onB));
        Curve curveA = new Curve(nameA, onA);
        Curve curveB = new Curve(nameB, onB);
        Run run = new Run(fraction, curveA, curveB, stepsA, curveA.at(stepsA).accuracy(),
                curveA.last().accuracy(), curveB.last().accuracy());
        return new Leg(run, outcome);
    }

    private List<StageRunner.Probe> probes(String nameA, String nameB, List<Curve.Point> onA,
                                           List<Curve.Point> onB) {
        return List.of(new StageRunner.Probe(nameA, a.test(), onA), new StageRunner.Probe(nameB, b.test(), onB));
    }

    private StageRunner.Training stage(Network net, Dataset data) {
        return StageRunner.training(net, data, settings.optimizer(), settings.learningRate(), settings.batchSize(),
                settings.seed());
    }

    private static void check(Task a, Task b, Settings s) {
        for (Task t : List.of(a, b)) {
            if (!t.train().isClassification() || !t.test().isClassification()) {
                throw new IllegalArgumentException("Task " + t.name() + " needs labelled samples");
            }
        }
        if (!a.train().featureShape().equals(b.train().featureShape())) {
            throw new IllegalArgumentException("Both tasks need samples of one shape, not " + a.train().featureShape()
                    + " and " + b.train().featureShape());
        }
        if (!(s.replayFraction() > 0 && s.replayFraction() < 1)) {
            throw new IllegalArgumentException("The replay fraction must be above 0 and below 1, not "
                    + s.replayFraction());
        }
        if (s.epochsA() < 1 || s.epochsB() < 1 || s.batchSize() < 1 || s.replayCapacity() < 1
                || s.measureEvery() < 0) {
            throw new IllegalArgumentException("Epochs, the batch size and the replay capacity must be at least 1, "
                    + "and measuring every 0 steps or more");
        }
        if (!(s.learningRate() > 0) || Float.isInfinite(s.learningRate())) {
            throw new IllegalArgumentException("The learning rate must be a positive number, not "
                    + s.learningRate());
        }
        Optimizers.settings(s.optimizer());
    }

    private static void checkOutput(GraphDef graph, Task a, Task b) {
        GraphDef.Inferred inferred = graph.validate();
        int units = inferred.shapes().get(inferred.output().name()).size();
        int classes = Math.max(a.train().classes(), b.train().classes());
        if (units != classes) {
            throw new IllegalArgumentException("The tasks share one head, so the output "
                    + GraphDef.describe(inferred.output()) + " needs " + classes + " units, one per class of both "
                    + "tasks, not " + units);
        }
    }
}
