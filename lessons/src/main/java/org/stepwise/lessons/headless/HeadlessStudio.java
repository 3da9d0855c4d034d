// The studio without a window: a lesson's starting state on the real core (Project, Session, Stepper, Trainer),
// with the actions a learner takes in the studio, for play-through tests and `lessons check`.
//
// It does what the studio does, in the simplest way that gives the same numbers: a settings change reopens the
// session at the same position; an edit to the graph rebuilds the network from the seed, keeping the weights of
// nodes whose parameters kept their shapes, and starts training again from step 0. It draws nothing.
package org.stepwise.lessons.headless;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.InferenceProfile;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.TrainingResult;
import org.stepwise.core.export.PyTorchExport;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.onnx.OnnxExport;
import org.stepwise.core.parallel.DataParallel;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.precision.PrecisionComparison;
import org.stepwise.core.precision.ZeroMemory;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.stepper.TensorView;
import org.stepwise.core.train.GradientCheck;
import org.stepwise.core.workflow.ContinualTraining;
import org.stepwise.core.workflow.PretrainingRecipe;
import org.stepwise.core.workflow.Tasks;
import org.stepwise.lessons.format.Start;
import org.stepwise.lessons.goal.Controls;
import org.stepwise.lessons.goal.EventLog;
import org.stepwise.lessons.goal.Events;
import org.stepwise.lessons.goal.StudioState;

public final class HeadlessStudio implements StudioState {
    /** Enough history to step back through a few steps of a lesson's small networks. */
    static final long HISTORY_BYTES = 4L << 20;

    private final String name;
    private final DataRef.Resolved data;
    private final EventLog events = new EventLog();
    private Session session;
    private Metrics trainMetrics;
    private Metrics validationMetrics;
    private String selected;
    private Inference inference;
    private InferenceProfile profile;
    private ZeroMemory zero;
    private ContinualTraining.Result continual;
    private PretrainingRecipe.Result recipe;

    private HeadlessStudio(String name, DataRef.Resolved data, Session session) {
        this.name = name;
        this.data = data;
        this.session = session;
    }

    /**
     * Opens a lesson's starting state: its network (with any fixed parameters), its data, split and normalized,
     * and a stepper at step 0.
     *
     * @throws IOException              when the data cannot be read
     * @throws IllegalArgumentException when the network does not fit the data or the settings are invalid
     */
    public static HeadlessStudio open(Start start, String name) throws IOException {
        Project project = start.project(name);
        DataRef.Resolved data = project.data().load(project.settings().seed());
        return new HeadlessStudio(name, data, Session.open(project, HISTORY_BYTES, data));
    }

    /** The session as it is now; it is replaced by settings changes and graph edits. */
    public Session session() {
        return session;
    }

    public Stepper stepper() {
        return session.stepper();
    }

    // ---- Commands: the stepper

    /** Runs one phase; false when training has halted. */
    public boolean stepPhase() {
        return stepper().next();
    }

    /** Runs phases until one of this kind (and node, unless null) has run; false when it never comes in a step. */
    public boolean stepTo(String kind, String node) {
        for (int i = 0; i <= stepper().phases().size(); i++) {
            if (!stepper().next()) {
                return false;
            }
            Phase last = stepper().lastPhase() != null ? stepper().lastPhase()
                    : stepper().phases().get(stepper().phases().size() - 1);
            if (last.kind().equals(kind) && (node == null || node.equals(last.node()))) {
                return true;
            }
        }
        return false;
    }

    public boolean stepBack() {
        boolean went = stepper().previous();
        if (went) {
            emit("stepped_back", null);
        }
        return went;
    }

    public boolean finishStep() {
        return stepper().finishStep();
    }

    public boolean runBatches(int n) {
        return stepper().runBatches(n);
    }

    /** Trains whole epochs, measuring training and validation data after each, as the studio's Train does. */
    public TrainingResult runEpochs(int epochs) {
        TrainingResult result = session.train(epochs);
        List<History.Epoch> done = result.history().epochs();
        if (!done.isEmpty()) {
            trainMetrics = done.get(done.size() - 1).train();
            validationMetrics = done.get(done.size() - 1).validation();
        }
        return result;
    }

    /** Fresh weights from the seed (and the lesson's fixed parameters are not reapplied), at step 0. */
    public void resetTraining() {
        rebuild(session.project().graph(), session.project().settings(), false);
        emit("training_reset", null);
    }

    // ---- Commands: settings

    public void setLearningRate(float rate) {
        reopen(settings().withLearningRate(rate));
    }

    public void setOptimizer(String optimizer) {
        reopen(settings().withOptimizer(optimizer, Map.of()));
    }

    public void setBatchSize(int size) {
        reopen(settings().withBatchSize(size));
    }

    public void setLoss(String loss) {
        reopen(settings().withLoss(loss));
    }

    // ---- Commands: the graph

    public void setActivation(String node, String activation) {
        Activation a = Activation.parse(activation);
        edit(node, switch (graph().node(node).spec()) {
            case Dense.Spec d -> new Dense.Spec(d.units(), a, d.init(), d.initValue(), d.inputs());
            case Conv2D.Spec c -> new Conv2D.Spec(c.outChannels(), c.kernelSize(), c.stride(), c.padding(), a,
                    c.init(), c.initValue());
            case ActivationNode.Spec s -> new ActivationNode.Spec(a);
            default -> throw new IllegalArgumentException("The node '" + node + "' has no activation to set");
        });
    }

    public void setUnits(String node, int units) {
        edit(node, switch (graph().node(node).spec()) {
            case Dense.Spec d -> new Dense.Spec(units, d.activation(), d.init(), d.initValue(), d.inputs());
            case Conv2D.Spec c -> new Conv2D.Spec(units, c.kernelSize(), c.stride(), c.padding(), c.activation(),
                    c.init(), c.initValue());
            default -> throw new IllegalArgumentException("The node '" + node + "' has no units to set");
        });
    }

    /** Types a new value into one parameter, as the neuron view's weight editor does. */
    public void setParameter(String node, String param, int index, float value) {
        Param p = param(node, param);
        if (p == null || index < 0 || index >= p.size()) {
            throw new IllegalArgumentException("There is no " + node + "." + param + "[" + index + "]");
        }
        p.value()[index] = value;
    }

    /** Freezes a node or thaws it, as the inspector's Frozen checkbox does: a graph edit that keeps the weights. */
    public void setFrozen(String node, boolean frozen) {
        NodeDef def = graph().node(node);
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : graph().nodes()) {
            nodes.add(n.name().equals(node) ? def.withFrozen(frozen) : n);
        }
        GraphDef edited = new GraphDef(nodes);
        edited.validate();
        rebuild(edited, settings(), true);
    }

    public void select(String node) {
        graph().node(node);
        selected = node;
    }

    // ---- Commands: tools

    /** Runs one raw input through a copy of the network, normalized as training data is, as the Inference tab does. */
    public float[] predict(float... input) {
        Network copy = Project.copyOf(stepper().network());
        float[] x = input.clone();
        if (session.normalization() != null) {
            session.normalization().applyInPlace(x, 1);
        }
        float[] out = copy.predict(x, 1).clone();
        inference = new Inference(input.clone(), out);
        emit("predicted", null);
        return out;
    }

    /** The numerical gradient check on a copy of the network and the first training batch. */
    public GradientCheck.Report gradientCheck() {
        Network copy = Project.copyOf(stepper().network());
        TrainingSettings s = settings();
        var batch = new Batcher(session.train(), s.batchSize(), s.seed(), true).batch(0, 0);
        GradientCheck.Report report = new GradientCheck().run(copy, session.loss(), batch, false);
        emit(report.passed() ? "gradient_check_passed" : "gradient_check_failed", null);
        return report;
    }

    /** Exports the model as the studio's Export does, in memory; the bytes of the main file. */
    public byte[] export(String format) {
        Network net = stepper().network();
        byte[] bytes = switch (format) {
            case "onnx" -> OnnxExport.toBytes(net, session.normalization());
            case "safetensors" -> PyTorchExport.safetensors(net, session.normalization());
            case "pytorch" -> PyTorchExport.moduleSource(net, session.normalization())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("Unknown export format '" + format + "'; use one of "
                    + String.join(", ", Events.EXPORT_FORMATS));
        };
        emit("exported", format);
        return bytes;
    }

    // ---- Commands: workflows

    /** Measures the network's size, latency and throughput on a copy, briefly (the numbers vary by machine). */
    public InferenceProfile profile() {
        profile = InferenceProfile.measure(Project.copyOf(stepper().network()), 50, 50, 64, 5);
        emit("profiled", null);
        return profile;
    }

    /** The ZeRO memory calculator for a model in fp16 trained with Adam, as the studio's calculator defaults to. */
    public ZeroMemory calculateZero(long parameters, int workers) {
        zero = new ZeroMemory(parameters, workers, Precision.FP16, "adam");
        emit("zero_calculated", null);
        return zero;
    }

    /** The mixed-precision comparison of the open network: fp32, bf16, fp16, fp16 with scaling, from one seed. */
    public List<PrecisionComparison.Run> comparePrecision(int steps) {
        TrainingSettings s = settings();
        Dataset train = session.train();
        int outputs = stepper().network().output().size();
        List<PrecisionComparison.Run> runs = new PrecisionComparison(graph(), s.seed(), train,
                () -> Session.lossFor(s.loss(), train, outputs), s.batchSize(), s.learningRate())
                .run(PrecisionComparison.Setting.ALL, steps, 1f, (r, i, n) -> { }, () -> false);
        emit("precision_compared", null);
        return runs;
    }

    /** The data-parallel simulation on the first training batch, split evenly across {@code workers}. */
    public DataParallel.Result simulateParallel(int workers) {
        TrainingSettings s = settings();
        var batch = new Batcher(session.train(), s.batchSize(), s.seed(), true).batch(0, 0);
        DataParallel.Result result = DataParallel.simulate(graph(), s.seed(), session.loss(), batch, workers);
        emit("parallel_simulated", null);
        return result;
    }

    /**
     * Continual training on the lesson's data: task A is the first half of the classes, task B the rest, each
     * measured on its own validation samples; one shared head, the settings' optimizer, rate, batch size and seed.
     */
    public ContinualTraining.Result runContinual(double replay, int epochs) {
        TrainingSettings s = settings();
        int classes = session.train().classes();
        if (classes < 2 || session.validation() == null) {
            throw new IllegalArgumentException("Continual training needs labelled data of two classes or more and "
                    + "a validation split");
        }
        int[] a = java.util.stream.IntStream.range(0, classes / 2).toArray();
        int[] b = java.util.stream.IntStream.range(classes / 2, classes).toArray();
        ContinualTraining.Settings settings = ContinualTraining.Settings.defaults().withEpochs(epochs, epochs)
                .withReplay(replay, 500).withTraining(s.optimizer(), s.learningRate(), s.batchSize(), 0, s.seed());
        ContinualTraining.Result result = new ContinualTraining(graph(), task("A", a), task("B", b), settings, null)
                .run();
        if (result.withReplay() == null) {
            throw new IllegalStateException("continual training stopped: "
                    + (result.halt() == null ? "cancelled" : result.halt().message()));
        }
        continual = result;
        emit("continual_trained", null);
        return result;
    }

    /**
     * The pretraining recipe on the lesson's data, with the studio's recipe defaults but for the budgets: the open
     * network's architecture (unfrozen) is pretrained on the training split, a new head for {@code classes} is
     * fine-tuned with the body frozen on {@code labelled} training samples of each, and the same architecture is
     * trained from scratch on those samples; both are measured on the task's validation samples. The seed is the
     * settings'.
     */
    public PretrainingRecipe.Result runRecipe(int[] classes, int labelled, int pretrainEpochs, int epochs) {
        if (!session.train().isClassification() || session.validation() == null) {
            throw new IllegalArgumentException("The pretraining recipe needs labelled data and a validation split");
        }
        PretrainingRecipe.Settings defaults = PretrainingRecipe.Settings.defaults();
        PretrainingRecipe.Pretraining pre = defaults.pretraining();
        PretrainingRecipe.Training t = defaults.training();
        PretrainingRecipe.Settings settings = defaults
                .withTask(new PretrainingRecipe.Task(java.util.Arrays.stream(classes).boxed().toList(), labelled))
                .withPretraining(new PretrainingRecipe.Pretraining(pre.taskClassesToo(), pre.perClass(),
                        pretrainEpochs, pre.learningRate()))
                .withTraining(new PretrainingRecipe.Training(epochs, t.learningRate(), t.freezeBody(),
                        t.bodyLearningRate(), t.scratchLearningRate()))
                .withOptimizer(defaults.optimizer(), defaults.batchSize(), settings().seed());
        GraphDef architecture = new GraphDef(graph().nodes().stream().map(n -> n.withFrozen(false)).toList());
        PretrainingRecipe.Result result = new PretrainingRecipe(architecture, session.train(), session.validation(),
                settings, null).run();
        if (result.halt() != null || result.cancelled()) {
            throw new IllegalStateException("the pretraining recipe stopped: "
                    + (result.halt() == null ? "cancelled" : result.halt().message()));
        }
        recipe = result;
        emit("recipe_compared", null);
        return result;
    }

    private ContinualTraining.Task task(String name, int[] classes) {
        return new ContinualTraining.Task(name, Tasks.ofClasses(session.train(), classes, false),
                Tasks.ofClasses(session.validation(), classes, false));
    }

    public void openPanel(String panel) {
        if (!Controls.PANELS.contains(panel)) {
            throw new IllegalArgumentException("Unknown panel '" + panel + "'");
        }
        emit("panel_opened", panel);
    }

    /** Records an event as the studio would when the learner does what it names. */
    public void emit(String event, String argument) {
        events.record(event, argument);
    }

    // ---- StudioState

    @Override
    public GraphDef graph() {
        return session.project().graph();
    }

    @Override
    public TrainingSettings settings() {
        return session.project().settings();
    }

    @Override
    public String dataset() {
        return session.project().data().spec();
    }

    @Override
    public long step() {
        return stepper().step();
    }

    @Override
    public int epoch() {
        return stepper().epoch();
    }

    @Override
    public Phase lastPhase() {
        return stepper().lastPhase();
    }

    @Override
    public float loss() {
        return stepper().loss();
    }

    @Override
    public Metrics trainMetrics() {
        return trainMetrics;
    }

    @Override
    public Metrics validationMetrics() {
        return validationMetrics;
    }

    @Override
    public boolean halted() {
        return stepper().halt() != null;
    }

    @Override
    public String selectedNode() {
        return selected;
    }

    @Override
    public float[] parameter(String node, String param) {
        Param p = param(node, param);
        return p == null ? null : p.value().clone();
    }

    @Override
    public double gradientNorm(String node) {
        Param weight = param(node, "weight");
        boolean computed = stepper().step() > 0 || stepper().lastPhase() instanceof Phase.Backward
                || stepper().lastPhase() instanceof Phase.Update;
        if (weight == null || !computed) {
            return Double.NaN;
        }
        double sum = 0;
        for (float g : weight.grad()) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    @Override
    public float[] output(String node) {
        Stepper stepper = stepper();
        Node n;
        try {
            n = stepper.network().node(node);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int index = stepper.network().indexOf(n);
        boolean computed = stepper.step() > 0 || stepper.phaseIndex() > index;
        if (!computed) {
            return null;
        }
        TensorView out = stepper.view(node).output();
        float[] row = new float[out.cols()];
        for (int j = 0; j < row.length; j++) {
            row[j] = out.get(0, j);
        }
        return row;
    }

    @Override
    public Inference inference() {
        return inference;
    }

    @Override
    public InferenceProfile inferenceProfile() {
        return profile;
    }

    @Override
    public ZeroMemory zeroMemory() {
        return zero;
    }

    @Override
    public ContinualTraining.Result continual() {
        return continual;
    }

    @Override
    public PretrainingRecipe.Result pretrainingRecipe() {
        return recipe;
    }

    /** Measured now, on a copy: the stepper's buffers, mid-step or not, are left as they are. */
    @Override
    public TransformerTrace.HeadScore previousTokenHead() {
        Dataset windows = session.validation();
        return windows == null ? null
                : TransformerTrace.bestPreviousTokenHead(stepper().network(), windows, PROBE_WINDOWS);
    }

    @Override
    public long eventCount(String event, String argument) {
        return events.count(event, argument);
    }

    // ---- rebuilding

    private Param param(String node, String param) {
        for (Node n : stepper().network().nodes()) {
            if (n.name().equals(node)) {
                return n.params().stream().filter(p -> p.name().equals(param)).findFirst().orElse(null);
            }
        }
        return null;
    }

    /** The same network and position with other settings, as the studio applies a settings change. */
    private void reopen(TrainingSettings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Project now = session.snapshot().withSettings(settings);
        session = Session.open(now, HISTORY_BYTES, data);
    }

    private void edit(String node, org.stepwise.core.graph.LayerSpec spec) {
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : graph().nodes()) {
            nodes.add(n.name().equals(node) ? new NodeDef(n.name(), spec, n.inputs(), n.frozen()) : n);
        }
        GraphDef edited = new GraphDef(nodes);
        edited.validate();
        rebuild(edited, settings(), true);
    }

    private void rebuild(GraphDef graph, TrainingSettings settings, boolean keepWeights) {
        Network old = stepper().network();
        Project fresh = Project.create(name, graph, session.project().data(), settings);
        if (keepWeights) {
            for (Node n : fresh.network().nodes()) {
                Node before = old.nodes().stream().filter(o -> o.name().equals(n.name())).findFirst().orElse(null);
                if (before == null || before.params().size() != n.params().size()) {
                    continue;
                }
                for (int i = 0; i < n.params().size(); i++) {
                    Param to = n.params().get(i);
                    Param from = before.params().get(i);
                    if (to.size() == from.size() && to.shape().equals(from.shape())) {
                        System.arraycopy(from.value(), 0, to.value(), 0, to.size());
                    }
                }
            }
        }
        session = Session.open(fresh, HISTORY_BYTES, data);
        trainMetrics = null;
        validationMetrics = null;
        inference = null;
    }
}
