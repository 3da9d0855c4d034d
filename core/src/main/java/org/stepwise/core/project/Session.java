// A project made ready to train: its data loaded, split and normalized, and a stepper with the project's optimizer,
// schedule and position. Saving takes a {@link #snapshot()}; opening that snapshot again continues bit for bit.
//
// A session is used from one thread at a time (the training thread); snapshot() copies everything it returns, so
// the copy may then be saved from any thread.
package org.stepwise.core.project;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Trainer;
import org.stepwise.core.eval.TrainingResult;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.optim.Optimizer;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.optim.Schedules;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.Losses;
import org.stepwise.core.train.MeanSquaredError;
import org.stepwise.core.train.Regularization;
import org.stepwise.core.train.SoftmaxCrossEntropy;

public final class Session {
    private final Project project;
    private final LoadedData loaded;
    private final String dataNote;
    private final Normalization normalization;
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final Loss loss;
    private final Stepper stepper;
    private final List<History.Epoch> history;

    private Session(Project project, LoadedData loaded, String dataNote, Normalization normalization, Dataset train,
                    Dataset validation, Dataset test, Loss loss, Stepper stepper) {
        this.project = project;
        this.loaded = loaded;
        this.dataNote = dataNote;
        this.normalization = normalization;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.loss = loss;
        this.stepper = stepper;
        this.history = new ArrayList<>(project.history());
    }

    /**
     * Loads the project's data and builds the stepper at the project's position. The session takes the project's
     * network: training changes its weights.
     *
     * @param historyBytes memory for stepping back (0 for none)
     * @throws IOException              when the data cannot be read
     * @throws IllegalArgumentException when the settings are invalid or the graph does not fit the data
     */
    public static Session open(Project project, long historyBytes) throws IOException {
        if (project.data() == null) {
            throw new IllegalArgumentException("The project has no data to train on; choose a dataset first");
        }
        return open(project, historyBytes, project.data().load(project.settings().seed()));
    }

    /** Like {@link #open(Project, long)} with the project's data already loaded (as {@link DataRef#load} does). */
    public static Session open(Project project, long historyBytes, DataRef.Resolved resolved) {
        TrainingSettings s = project.settings();
        List<String> problems = s.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        LoadedData loaded = resolved.data();
        Dataset all = loaded.dataset();
        checkFits(project.network(), all);
        Splits.Split split = Splits.split(all, s.validationFraction(), s.testFraction(), s.splitSeed());
        Normalization norm = project.normalization();
        if (norm == null || norm.features() != all.features()) {
            Normalization.Kind kind = normalizationKind(s.normalization(), all);
            norm = kind == null ? null : Normalization.fit(split.train(), kind);
        }
        Dataset train = apply(norm, split.train());
        Dataset validation = apply(norm, split.validation());
        Dataset test = apply(norm, loaded.test() != null ? loaded.test() : split.test());

        Network net = project.network();
        Loss loss = lossFor(s.loss(), all, net.output().size());
        Optimizer optimizer = Optimizers.create(s.optimizer(), net.params(), net.kernels(), s.optimizerSettings());
        Project.TrainingState state = project.training();
        long step = 0;
        if (state != null && state.optimizer().equals(s.optimizer())) {
            List<float[]> buffers = optimizer.state();
            if (buffers.size() != state.optimizerState().size()) {
                throw new IllegalArgumentException("The saved optimizer state has " + state.optimizerState().size()
                        + " buffers but " + s.optimizer() + " needs " + buffers.size());
            }
            for (int i = 0; i < buffers.size(); i++) {
                float[] saved = state.optimizerState().get(i);
                if (saved.length != buffers.get(i).length) {
                    throw new IllegalArgumentException("The saved optimizer buffer " + (i + 1) + " holds "
                            + saved.length + " values but the network needs " + buffers.get(i).length);
                }
                System.arraycopy(saved, 0, buffers.get(i), 0, saved.length);
            }
            optimizer.setSteps(state.optimizerSteps());
            step = state.step();
        } else if (state != null) {
            // The optimizer was changed after training started: the weights stay, the new optimizer starts fresh.
            step = state.step();
        }
        Regularization regularization = s.l1() > 0 || s.l2() > 0 ? new Regularization(s.l1(), s.l2()) : null;
        Stepper.Settings stepperSettings = new Stepper.Settings(s.learningRate(), regularization, s.clipNorm(),
                historyBytes, 1);
        Stepper stepper = new Stepper(net, new Batcher(train, s.batchSize(), s.seed(), true), loss, optimizer,
                Schedules.create(s.schedule(), s.scheduleSettings()), stepperSettings);
        stepper.resumeAt(step);
        return new Session(project, loaded, resolved.note(), norm, train, validation, test, loss, stepper);
    }

    private static void checkFits(Network net, Dataset data) {
        Shape input = net.input().shape();
        if (!input.equals(data.featureShape())) {
            throw new IllegalArgumentException("The network's input " + input + " does not fit the data's samples "
                    + data.featureShape() + "; set the input node's shape to " + data.featureShape());
        }
        Node out = net.output();
        if (data.isOneLogitBinary(out.size())) {
            return;
        }
        int positions = data.labelsPerSample();
        if (positions > 1 && out.size() != positions * data.classes()) {
            throw new IllegalArgumentException("The network's output '" + out.name() + "' gives " + out.size()
                    + " values per sample but the text data needs a score for each of its " + data.classes()
                    + " tokens at each of its " + positions + " positions (" + positions * data.classes()
                    + "); give the LM head a vocabulary of " + data.classes());
        }
        if (positions > 1) {
            return;
        }
        int outputs = data.isClassification() ? data.classes() : data.outputs();
        if (out.size() != outputs) {
            String what = data.isClassification() ? outputs + " classes" : outputs + " target values";
            String units = data.classes() == 2 ? "1 unit (one logit) or 2 units" : outputs + " units";
            throw new IllegalArgumentException("The network's output '" + out.name() + "' gives " + out.size()
                    + " values but the data has " + what + "; give it " + units);
        }
    }

    /**
     * Null for none; "auto" standardizes tables and leaves images, whose pixels already share one scale, and token
     * ids, which name tokens rather than measure anything.
     */
    static Normalization.Kind normalizationKind(String setting, Dataset data) {
        if (data.labelsPerSample() > 1) {
            if (setting.equals("standardize") || setting.equals("minmax")) {
                throw new IllegalArgumentException("The samples are token ids, which name tokens rather than measure "
                        + "anything: set normalization to auto or none, not " + setting);
            }
            return null;
        }
        return switch (setting) {
            case "standardize" -> Normalization.Kind.STANDARDIZE;
            case "minmax" -> Normalization.Kind.MIN_MAX;
            case "none" -> null;
            default -> data.featureShape().rank() == 3 ? null : Normalization.Kind.STANDARDIZE;
        };
    }

    /**
     * "auto" picks binary cross-entropy for two classes scored by one logit, softmax cross-entropy for one score
     * per class, and mean squared error for numeric targets. A loss named explicitly must suit the data and the
     * output's width: it is refused here, with the fix, rather than in the first step.
     */
    public static Loss lossFor(String setting, Dataset data, int outputUnits) {
        boolean oneLogit = data.isOneLogitBinary(outputUnits);
        if (setting.equals("auto")) {
            if (!data.isClassification()) {
                return new MeanSquaredError();
            }
            return oneLogit ? new BinaryCrossEntropyWithLogits() : new SoftmaxCrossEntropy();
        }
        Loss loss = Losses.parse(setting);
        if (!data.isClassification()) {
            return loss;
        }
        String fix = oneLogit ? "; use bce_with_logits or auto" : "; use softmax_cross_entropy or auto";
        if (loss instanceof SoftmaxCrossEntropy && outputUnits == 1) {
            throw new IllegalArgumentException("softmax_cross_entropy needs one output unit per class, but the "
                    + "network's output has 1 unit: a softmax over one value is always 1" + fix);
        }
        if (loss instanceof BinaryCrossEntropyWithLogits && !oneLogit) {
            throw new IllegalArgumentException("bce_with_logits on classes needs two classes and one output unit, "
                    + "but the data has " + data.classes() + " classes and the output " + outputUnits + " units"
                    + fix);
        }
        if (loss instanceof MeanSquaredError) {
            throw new IllegalArgumentException("mse needs numeric targets, but the data has " + data.classes()
                    + " classes" + fix);
        }
        return loss;
    }

    private static Dataset apply(Normalization norm, Dataset data) {
        return norm == null || data == null ? data : norm.apply(data);
    }

    // ---- training ------------------------------------------------------------------------------------------

    /** Trains up to {@code epochs} epochs with validation measured after each, appending to the history. */
    public TrainingResult train(int epochs) {
        Trainer trainer = new Trainer(stepper, loss, train, validation, new Evaluator());
        TrainingResult result = trainer.train(epochs);
        history.addAll(result.history().epochs());
        return result;
    }

    /** Appends epochs measured by a trainer the caller ran on {@link #stepper()}. */
    public void record(List<History.Epoch> epochs) {
        history.addAll(epochs);
    }

    // ---- saving --------------------------------------------------------------------------------------------

    /**
     * An independent copy of the project as it stands. Between phases of a step (after stepping one node at a
     * time) the copy holds the weights from the start of that step, so reopening it replays the step whole; that
     * needs history, without it a snapshot is only possible at a step boundary.
     */
    public Project snapshot() {
        Network net = stepper.network();
        Network copy = Project.copyOf(net);
        List<float[]> optimizerState = stepper.optimizer().state().stream().map(float[]::clone).toList();
        long optimizerSteps = stepper.optimizer().steps();
        if (stepper.phaseIndex() != 0) {
            float[] start = stepper.paramsAtStepStart();
            if (start == null) {
                throw new IllegalStateException("Finish the step before saving: without history the weights from "
                        + "the start of the step are not kept");
            }
            optimizerSteps = copyStepStart(start, copy, optimizerState);
        }
        Project.TrainingState state = new Project.TrainingState(stepper.step(), stepper.optimizer().id(),
                optimizerSteps, optimizerState);
        return new Project(project.name(), project.graph(), copy, project.data(), project.settings(), state,
                normalization, loaded.featureNames(), loaded.classNames(), history, project.layout());
    }

    /** Fills the copies from the stepper's step-start buffer (params, node state, optimizer state, in that order). */
    private long copyStepStart(float[] start, Network copy, List<float[]> optimizerState) {
        int offset = 0;
        for (var p : copy.params()) {
            System.arraycopy(start, offset, p.value(), 0, p.size());
            offset += p.size();
        }
        for (Node n : copy.nodes()) {
            for (float[] s : n.state()) {
                System.arraycopy(start, offset, s, 0, s.length);
                offset += s.length;
            }
        }
        for (float[] s : optimizerState) {
            System.arraycopy(start, offset, s, 0, s.length);
            offset += s.length;
        }
        // The update is a step's last phase, so a step in progress has not counted an optimizer step yet.
        return stepper.optimizer().steps();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public Stepper stepper() {
        return stepper;
    }

    public Project project() {
        return project;
    }

    public Loss loss() {
        return loss;
    }

    public Dataset train() {
        return train;
    }

    /** Null without a validation split. */
    public Dataset validation() {
        return validation;
    }

    /** The source's own test split or the held-out test fraction; null when there is neither. */
    public Dataset test() {
        return test;
    }

    public Normalization normalization() {
        return normalization;
    }

    public LoadedData data() {
        return loaded;
    }

    /** A note for the user about the data (a changed file was replaced by the saved copy), or null. */
    public String dataNote() {
        return dataNote;
    }

    public List<History.Epoch> history() {
        return List.copyOf(history);
    }

    /** The graph as trained; unused by the session itself but handy to callers that show it. */
    public GraphDef graph() {
        return project.graph();
    }
}
