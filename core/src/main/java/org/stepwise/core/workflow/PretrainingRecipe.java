// The pretraining recipe in miniature: pretrain a network on many labelled images, fine-tune it on a few labelled
// samples of a small task, train the same architecture from scratch on those same samples with the same budget, and
// compare the two on the task's held-out samples, epoch by epoch.
//
// The held-out samples come from the dataset's test split, and the task's labelled samples never take part in
// pretraining. Pretraining may see the task's classes (their other images), as a network pretrained on a large
// collection meets a task it has seen kinds of, or only the other classes. Everything is drawn from one seed: the
// labelled samples, the initial weights and the batch order; the fine-tuned head starts from the same random weights
// as the scratch network's output layer.
package org.stepwise.core.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.stepper.Halt;
import org.stepwise.core.tensor.Shape;

public final class PretrainingRecipe {

    /** Stage names, as {@link WorkflowProgress#batchDone} reports them. */
    public static final String PRETRAIN = "pretrain";
    public static final String FINE_TUNE = "fine-tune";
    public static final String SCRATCH = "scratch";

    /** Curve names, as {@link WorkflowProgress#measured} reports them. */
    public static final String PRETRAIN_CURVE = "pretraining · held-out";
    public static final String FINE_TUNED_CURVE = "fine-tuned · held-out";
    public static final String SCRATCH_CURVE = "from scratch · held-out";

    /**
     * The small task.
     *
     * @param classes          its classes of the dataset, at least two; they become classes 0, 1, … of the task
     * @param labelledPerClass labelled training samples of each
     */
    public record Task(List<Integer> classes, int labelledPerClass) {
        public Task {
            classes = List.copyOf(classes);
        }
    }

    /**
     * @param taskClassesToo pretrain on every class, the task's included (its labelled samples excepted), as a
     *                       network pretrained on a large collection is fine-tuned on a task it has seen kinds of;
     *                       false pretrains on the other classes only
     * @param perClass       training samples of each class to pretrain on; 0 for all of them
     * @param epochs         epochs of pretraining
     * @param learningRate   the pretraining's learning rate
     */
    public record Pretraining(boolean taskClassesToo, int perClass, int epochs, float learningRate) {
    }

    /**
     * The budget fine-tuning and the scratch network share: the same epochs over the same labelled samples, each
     * at the learning rate that suits it.
     *
     * @param epochs              epochs over the labelled samples, for both
     * @param learningRate        the fine-tuned head's rate
     * @param freezeBody          fine-tune the head only; false trains the body too, at {@code bodyLearningRate}
     * @param bodyLearningRate    the body's rate when it is not frozen
     * @param scratchLearningRate the scratch network's rate
     */
    public record Training(int epochs, float learningRate, boolean freezeBody, float bodyLearningRate,
                           float scratchLearningRate) {
    }

    /**
     * @param optimizer an id of {@link Optimizers#IDS}, for all three trainings
     * @param batchSize samples per batch, for all three
     * @param seed      draws the labelled samples, the initial weights and the batch order
     */
    public record Settings(Task task, Pretraining pretraining, Training training, String optimizer, int batchSize,
                           long seed) {

        /**
         * Pullover (2) against shirt (6) of Fashion-MNIST with 100 labelled images of each; 3 epochs of pretraining
         * at 0.001 on the other 9,800 training images of all ten classes; then 20 epochs of the head alone at 0.01,
         * and of the scratch network at 0.001 (the rates that suit each best, measured); Adam, batches of 32, seed 1.
         */
        public static Settings defaults() {
            return new Settings(new Task(List.of(2, 6), 100), new Pretraining(true, 0, 3, 0.001f),
                    new Training(20, 0.01f, true, 0.001f, 0.001f), "adam", 32, 1);
        }

        public Settings withTask(Task newTask) {
            return new Settings(newTask, pretraining, training, optimizer, batchSize, seed);
        }

        public Settings withPretraining(Pretraining newPretraining) {
            return new Settings(task, newPretraining, training, optimizer, batchSize, seed);
        }

        public Settings withTraining(Training newTraining) {
            return new Settings(task, pretraining, newTraining, optimizer, batchSize, seed);
        }

        public Settings withOptimizer(String id, int batch, long newSeed) {
            return new Settings(task, pretraining, training, id, batch, newSeed);
        }
    }

    /**
     * @param pretraining     the pretrained network on the other classes' held-out samples, per epoch
     * @param fineTuned       the fine-tuned network on the task's held-out samples, per epoch (epoch 0: before)
     * @param scratch         the network trained from scratch, on the same samples, per epoch
     * @param fineTunedModel  the fine-tuned network as it ended
     * @param scratchModel    the scratch network as it ended
     * @param pretrainSamples training samples of the other classes
     * @param labelled        labelled training samples of the task
     * @param heldOut         held-out samples of the task, which the two curves measure
     * @param halt            why a stage halted on a non-finite value, or null; later stages did not run
     * @param cancelled       {@link #cancel()} stopped the run; the curves hold what was measured until then
     */
    public record Result(Curve pretraining, Curve fineTuned, Curve scratch, Network fineTunedModel,
                         Network scratchModel, int pretrainSamples, int labelled, int heldOut, Halt halt,
                         boolean cancelled) {

        /**
         * The fine-tuned network's last held-out accuracy minus the scratch network's, in points (0 to 100); NaN
         * when a run was cut short before either was measured.
         */
        public double accuracyGainPoints() {
            if (fineTuned.last() == null || scratch.last() == null) {
                return Double.NaN;
            }
            return 100 * (fineTuned.last().accuracy() - scratch.last().accuracy());
        }
    }

    private final GraphDef architecture;
    private final Dataset train;
    private final Dataset test;
    private final Settings settings;
    private final StageRunner runner;

    /**
     * @param architecture the network for every stage; its output dense layer is resized to the classes of each
     * @param train        labelled training samples of every class (fashion-mnist-small's training split)
     * @param test         held-out samples of every class (its test split)
     * @param progress     told of every batch and measurement; may be null
     */
    public PretrainingRecipe(GraphDef architecture, Dataset train, Dataset test, Settings settings,
                             WorkflowProgress progress) {
        check(train, test, settings);
        this.architecture = architecture;
        this.train = train;
        this.test = test;
        this.settings = settings;
        this.runner = new StageRunner(progress);
    }

    /**
     * An MLP for the recipe: the input, a Flatten when samples are images, dense ReLU layers "hidden1", "hidden2", …
     * of the given widths, and a dense "output" whose units each stage sets.
     */
    public static GraphDef mlp(Shape input, int... widths) {
        List<NodeDef> nodes = new ArrayList<>();
        nodes.add(new NodeDef("input", new Input.Spec(input)));
        String previous = "input";
        if (input.rank() > 1) {
            nodes.add(new NodeDef("flatten", new Flatten.Spec(), previous));
            previous = "flatten";
        }
        for (int i = 0; i < widths.length; i++) {
            String name = "hidden" + (i + 1);
            nodes.add(new NodeDef(name, new Dense.Spec(widths[i], Activation.RELU), previous));
            previous = name;
        }
        nodes.add(new NodeDef("output", new Dense.Spec(1, Activation.IDENTITY), previous));
        return new GraphDef(nodes);
    }

    /** The architecture the defaults were measured with: in → 64 relu → 32 relu → out. */
    public static GraphDef defaultMlp(Shape input) {
        return mlp(input, 64, 32);
    }

    /** Asks the run to stop before its next batch; safe from any thread. */
    public void cancel() {
        runner.cancel();
    }

    /** Pretrains, fine-tunes and trains from scratch, one after the other on the calling thread. */
    public Result run() {
        Training budget = settings.training();
        int[] task = settings.task().classes().stream().mapToInt(Integer::intValue).toArray();
        int[] labelledIndices = Tasks.sample(train, task, settings.task().labelledPerClass(), settings.seed());
        Dataset labelled = Tasks.ofClasses(train.subset(train.name() + " labelled", labelledIndices), task, true);
        Dataset heldOut = Tasks.ofClasses(test, task, true);
        Pretraining pre = settings.pretraining();
        int[] upstreamClasses = pre.taskClassesToo() ? Tasks.all(train)
                : IntStream.range(0, train.classes()).filter(c -> !settings.task().classes().contains(c)).toArray();
        // The labelled samples never take part in pretraining, whichever classes it uses.
        Dataset upstream = Tasks.ofClasses(Tasks.without(train, labelledIndices), upstreamClasses, true);
        if (pre.perClass() > 0) {
            upstream = upstream.subset(upstream.name(), Tasks.sample(upstream, Tasks.all(upstream), pre.perClass(),
                    settings.seed()));
        }
        Dataset upstreamHeldOut = Tasks.ofClasses(test, upstreamClasses, true);

        List<Curve.Point> pretraining = new ArrayList<>();
        List<Curve.Point> fineTuned = new ArrayList<>();
        List<Curve.Point> scratch = new ArrayList<>();
        Network pretrained = Network.build(FineTune.withHead(architecture, upstreamClasses.length),
                settings.seed());
        StageRunner.Outcome outcome = runner.run(PRETRAIN, stage(pretrained, upstream, pre.learningRate()),
                pre.epochs(), StageRunner.Timing.epochs(),
                List.of(new StageRunner.Probe(PRETRAIN_CURVE, upstreamHeldOut, pretraining)));

        // One seed for the fresh head and the scratch network: the head is the last node of both graphs, so both
        // draw it from the same generator and start equal.
        long taskSeed = settings.seed() + 1;
        FineTune.Prepared prepared = FineTune.prepare(pretrained, new FineTune.Plan(List.of(),
                budget.freezeBody(), new FineTune.Replace(task.length), taskSeed));
        Network fromScratch = Network.build(FineTune.withHead(architecture, task.length), taskSeed);
        if (outcome.finished()) {
            StageRunner.Training fineTune = stage(prepared.network(), labelled, budget.learningRate());
            prepared.applyBodyRate(fineTune.stepper(), budget.learningRate(), budget.bodyLearningRate());
            outcome = runner.run(FINE_TUNE, fineTune, budget.epochs(), StageRunner.Timing.epochs(),
                    List.of(new StageRunner.Probe(FINE_TUNED_CURVE, heldOut, fineTuned)));
        }
        if (outcome.finished()) {
            outcome = runner.run(SCRATCH, stage(fromScratch, labelled, budget.scratchLearningRate()),
                    budget.epochs(), StageRunner.Timing.epochs(),
                    List.of(new StageRunner.Probe(SCRATCH_CURVE, heldOut, scratch)));
        }
        return new Result(new Curve(PRETRAIN_CURVE, pretraining), new Curve(FINE_TUNED_CURVE, fineTuned),
                new Curve(SCRATCH_CURVE, scratch), prepared.network(), fromScratch, upstream.n(), labelled.n(),
                heldOut.n(), outcome.halt(), outcome.cancelled());
    }

    private StageRunner.Training stage(Network net, Dataset data, float learningRate) {
        return StageRunner.training(net, data, settings.optimizer(), learningRate, settings.batchSize(),
                settings.seed());
    }

    private static void check(Dataset train, Dataset test, Settings s) {
        if (!train.isClassification() || !test.isClassification() || train.classes() != test.classes()) {
            throw new IllegalArgumentException("The recipe needs labelled training and test samples of the same "
                    + "classes");
        }
        List<Integer> task = s.task().classes();
        int least = s.pretraining().taskClassesToo() ? 0 : 2;
        if (task.size() < 2 || task.size() > train.classes() - least) {
            throw new IllegalArgumentException("The task needs at least 2 of the " + train.classes() + " classes"
                    + (least > 0 ? " and must leave 2 for pretraining" : "") + ", not " + task.size());
        }
        Tasks.ofClasses(test, task.stream().mapToInt(Integer::intValue).toArray(), false);
        if (s.task().labelledPerClass() < 1 || s.pretraining().perClass() < 0 || s.pretraining().epochs() < 1
                || s.training().epochs() < 1 || s.batchSize() < 1) {
            throw new IllegalArgumentException("Labelled samples per class, epochs and the batch size must be at "
                    + "least 1");
        }
        Training t = s.training();
        for (float rate : new float[] {s.pretraining().learningRate(), t.learningRate(), t.bodyLearningRate(),
                t.scratchLearningRate()}) {
            if (!(rate > 0) || Float.isInfinite(rate)) {
                throw new IllegalArgumentException("Learning rates must be positive numbers, not " + rate);
            }
        }
        Optimizers.settings(s.optimizer());
    }
}
