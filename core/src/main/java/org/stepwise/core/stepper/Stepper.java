// The only way training happens: a step is a list of phases (forward per node → loss → backward per node →
// update) that can be run one at a time, by the batch or by the epoch, and walked back through history.
//
// Determinism is the foundation of going back: batch order depends only on (seed, epoch), dropout only on
// (seed, node, step), so restoring a snapshot and replaying phases reproduces every number exactly.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.optim.GradientClipping;
import org.stepwise.core.optim.Optimizer;
import org.stepwise.core.optim.Schedule;
import org.stepwise.core.precision.LossScaler;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.Regularization;

public final class Stepper {

    /**
     * @param learningRate the base rate the schedule scales
     * @param clipNorm     the global gradient-norm limit, or 0 for none
     * @param historyBytes memory for time travel; 0 turns history (and going back) off
     * @param historyEvery keep one snapshot every this many steps (steps between are replayed)
     */
    public record Settings(float learningRate, Regularization regularization, float clipNorm, long historyBytes,
                           int historyEvery) {
        public static Settings of(float learningRate) {
            return new Settings(learningRate, null, 0f, 64L << 20, 1);
        }

        public Settings withoutHistory() {
            return new Settings(learningRate, regularization, clipNorm, 0, historyEvery);
        }
    }

    private final Network net;
    private final Batcher batcher;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final Settings settings;
    private final List<Phase> phases;
    private final List<Param> trainable = new ArrayList<>();
    private final List<float[]> trainableGradients = new ArrayList<>();
    /** Learning-rate multipliers by node name; nodes not named train at the full rate. */
    private final Map<String, Float> rateScales = new HashMap<>();
    /** One multiplier per trainable parameter, or null when every one is 1 (the usual case). */
    private float[] trainableScales;
    private final List<StepObserver> observers = new ArrayList<>();
    private final History history;
    /** The state at the start of the current step, for going back within it and for "weights before update". */
    private final float[] stepStart;
    /** Counters kept with each snapshot: the optimizer's step count, then the mixed-precision state. */
    private static final int COUNTERS = 1 + MixedPrecision.STATE_LONGS;
    private final long[] stepStartCounters = new long[COUNTERS];
    private final long[] restoredCounters = new long[COUNTERS];
    /** Null in fp32: training then takes exactly the path it always has. */
    private MixedPrecision mixed;
    private boolean started;

    private final java.util.IdentityHashMap<Param, Integer> paramOffsets = new java.util.IdentityHashMap<>();
    private final java.util.Map<String, NodeView> views = new java.util.HashMap<>();

    private long step;
    private int phaseIndex;
    private Batch batch;
    private float lossValue = Float.NaN;
    private float lastLearningRate;
    private double lastGradientNorm;
    private Halt halt;

    public Stepper(Network net, Batcher batcher, Loss loss, Optimizer optimizer, Schedule schedule,
                   Settings settings) {
        this.net = net;
        this.batcher = batcher;
        this.loss = loss;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.settings = settings;
        this.phases = buildPhases(net);
        refreshFrozen();
        net.ensureCapacity(batcher.batchSize());
        int offset = 0;
        for (Param p : net.params()) {
            paramOffsets.put(p, offset);
            offset += p.size();
        }
        if (settings.historyBytes() > 0) {
            List<float[]> sources = new ArrayList<>();
            net.params().forEach(p -> sources.add(p.value()));
            net.nodes().forEach(n -> sources.addAll(n.state()));
            sources.addAll(optimizer.state());
            this.history = new History(sources, COUNTERS, settings.historyBytes(), settings.historyEvery());
            this.stepStart = new float[history.floats()];
        } else {
            this.history = null;
            this.stepStart = null;
        }
    }

    private static List<Phase> buildPhases(Network net) {
        List<Phase> list = new ArrayList<>();
        List<Node> nodes = net.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            list.add(new Phase.Forward(i, nodes.get(i).name()));
        }
        list.add(new Phase.Loss());
        for (int i = nodes.size() - 1; i >= 1; i--) {
            list.add(new Phase.Backward(i, nodes.get(i).name()));
        }
        list.add(new Phase.Update());
        return List.copyOf(list);
    }

    /** Re-reads the nodes' frozen flags: frozen nodes' parameters are left out of updates. */
    public void refreshFrozen() {
        trainable.clear();
        trainableGradients.clear();
        List<Float> scales = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (!n.frozen()) {
                trainable.addAll(n.params());
                float scale = rateScales.getOrDefault(n.name(), 1f);
                n.params().forEach(p -> scales.add(scale));
            }
        }
        trainable.forEach(p -> trainableGradients.add(p.grad()));
        trainableScales = null;
        if (scales.stream().anyMatch(s -> s != 1f)) {
            trainableScales = new float[scales.size()];
            for (int i = 0; i < trainableScales.length; i++) {
                trainableScales[i] = scales.get(i);
            }
        }
    }

    /**
     * Makes a node's parameters move at {@code scale} times the learning rate from the next update on: fine-tuning
     * gives an unfrozen body a smaller rate than the fresh head. 1 restores the full rate.
     */
    public void setLearningRateScale(String node, float scale) {
        if (!(scale >= 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("A learning-rate scale must be a finite number ≥ 0, not " + scale);
        }
        net.node(node);
        if (scale == 1f) {
            rateScales.remove(node);
        } else {
            rateScales.put(node, scale);
        }
        refreshFrozen();
    }

    /** The multiplier of a node's learning rate: 1 unless {@link #setLearningRateScale} changed it. */
    public float learningRateScale(String node) {
        return rateScales.getOrDefault(node, 1f);
    }

    /**
     * Places a new stepper at the start of step {@code completedSteps}, where a saved project stopped. The network's
     * weights and state and the optimizer's state and step count must already be restored; because batches depend
     * only on (seed, epoch) and dropout on (seed, node, step), training then continues exactly as it would have.
     * History starts empty there: going back reaches no earlier than the resumed step.
     */
    public void resumeAt(long completedSteps) {
        if (step != 0 || phaseIndex != 0 || (history != null && history.snapshots() > 0)) {
            throw new IllegalStateException("Only a stepper that has not run yet can resume; this one is at step "
                    + step);
        }
        if (completedSteps < 0) {
            throw new IllegalArgumentException("A step count cannot be negative: " + completedSteps);
        }
        step = completedSteps;
    }

    /**
     * Trains in {@code precision} from now on: bf16 or fp16 emulated with an fp32 master copy of the weights (see
     * {@link MixedPrecision}), with dynamic loss scaling when {@code scaler} is not null. FP32 without a scaler is
     * the ordinary path. Only before the first phase runs, because going back replays steps in the precision they
     * ran in. While a step is in progress the parameters hold the rounded weights and, with loss scaling, the
     * gradients are scaled; at a step boundary the parameters are the fp32 master.
     */
    public void usePrecision(Precision precision, LossScaler scaler) {
        if (started) {
            throw new IllegalStateException("The precision is chosen before training starts; this stepper has run");
        }
        if (precision == Precision.FP32 && scaler != null) {
            throw new IllegalArgumentException("Loss scaling is for bf16 and fp16; fp32 trains without it");
        }
        mixed = precision == Precision.FP32 ? null : new MixedPrecision(precision, scaler, net);
    }

    /** The precision and what rounding into it did (fp32 counts nothing). */
    public PrecisionReport precisionReport() {
        return mixed == null ? PrecisionReport.FP32 : mixed.report();
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /** Runs the next phase; false (and nothing runs) when training has halted on a non-finite value. */
    public boolean next() {
        if (halt != null) {
            return false;
        }
        runPhase();
        notifyPhase(phases.get(phaseIndex == 0 ? phases.size() - 1 : phaseIndex - 1));
        return halt == null;
    }

    /** Runs the remaining phases of the current step (all of them at a step boundary). */
    public boolean finishStep() {
        do {
            if (!next()) {
                return false;
            }
        } while (phaseIndex != 0);
        return true;
    }

    /** Runs {@code n} whole batches: the rest of the current one counts as the first. */
    public boolean runBatches(int n) {
        for (int i = 0; i < n; i++) {
            if (!finishStep()) {
                return false;
            }
        }
        return true;
    }

    /** Runs to the end of the current epoch. */
    public boolean runEpoch() {
        do {
            if (!finishStep()) {
                return false;
            }
        } while (step % batcher.batchesPerEpoch() != 0);
        return true;
    }

    private void runPhase() {
        if (phaseIndex == 0) {
            beginStep();
        }
        Phase phase = phases.get(phaseIndex);
        switch (phase) {
            case Phase.Forward f -> {
                if (f.index() == 0) {
                    net.load(batch.x(), batch.rows());
                } else {
                    net.forwardNode(f.index(), true);
                }
                if (mixed != null) {
                    mixed.afterForward(net.nodes().get(f.index()));
                }
            }
            case Phase.Loss l -> computeLoss();
            case Phase.Backward b -> {
                net.backwardNode(b.index());
                if (mixed != null) {
                    mixed.afterBackward(net.nodes().get(b.index()), b.index());
                }
            }
            case Phase.Update u -> update();
        }
        if (halt != null) {
            return;
        }
        phaseIndex++;
        if (phaseIndex == phases.size()) {
            phaseIndex = 0;
            step++;
        }
    }

    private void beginStep() {
        started = true;
        int perEpoch = batcher.batchesPerEpoch();
        batch = batcher.batch((int) (step / perEpoch), (int) (step % perEpoch));
        net.setStep(step);
        if (history != null) {
            // Taken before the weights are rounded: a snapshot holds the fp32 master.
            history.copyOut(stepStart);
            saveCounters(stepStartCounters);
            history.record(step, stepStartCounters);
        }
        if (mixed != null) {
            mixed.beginStep();
        }
    }

    private void saveCounters(long[] into) {
        into[0] = optimizer.steps();
        if (mixed != null) {
            mixed.save(into, 1);
        }
    }

    private void restoreCounters(long[] from) {
        optimizer.setSteps(from[0]);
        if (mixed != null) {
            mixed.restore(from, 1);
        }
    }

    private void computeLoss() {
        Node out = net.output();
        float value = loss.value(net.kernels(), out.output(), batch, out.size());
        if (settings.regularization() != null) {
            value += (float) settings.regularization().penalty(trainable);
        }
        lossValue = value;
        if (!Float.isFinite(value)) {
            halt = new Halt(step, "loss", firstNonFiniteOutput(), "output");
            return;
        }
        net.zeroGradients();
        loss.gradient(net.kernels(), out.output(), batch, out.size(), out.gradOutput());
        if (mixed != null) {
            mixed.afterLossGradient(out);
        }
    }

    private void update() {
        if (mixed != null && !mixed.beforeUpdate(trainableGradients)) {
            return; // a scaled gradient overflowed: no update this step, and a lower scale for the next
        }
        if (settings.regularization() != null) {
            settings.regularization().addGradients(trainable);
        }
        lastGradientNorm = GradientClipping.globalNorm(trainable);
        if (!Double.isFinite(lastGradientNorm)) {
            halt = new Halt(step, "backward", firstNonFiniteGradient(), "gradient");
            return;
        }
        if (settings.clipNorm() > 0) {
            // The norm is measured once, above, for both the halt check and the clipping.
            GradientClipping.clipToNorm(trainable, lastGradientNorm, settings.clipNorm());
        }
        lastLearningRate = schedule.rate(settings.learningRate(), step);
        optimizer.update(trainable, lastLearningRate, trainableScales);
    }

    private String firstNonFiniteOutput() {
        for (Node n : net.nodes()) {
            if (!finite(n.output(), n.batch() * n.size())) {
                return n.name();
            }
        }
        return null;
    }

    private String firstNonFiniteGradient() {
        // Backward runs from the output towards the input, so that is the order in which a gradient went bad.
        List<Node> nodes = net.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (!finite(n.gradOutput(), n.batch() * n.size())) {
                return n.name();
            }
            for (Param p : n.params()) {
                if (!finite(p.grad(), p.size())) {
                    return n.name();
                }
            }
        }
        return null;
    }

    private static boolean finite(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- going back ---------------------------------------------------------------------------------------------

    public boolean canGoBack() {
        return history != null && (phaseIndex > 0 || (history.oldestStep() >= 0 && step > history.oldestStep()));
    }

    /** Goes back one phase. False when history is off or nothing earlier is kept. */
    public boolean previous() {
        if (history == null) {
            return false;
        }
        if (phaseIndex > 0) {
            return rewindTo(step, phaseIndex - 1);
        }
        return step > 0 && rewindTo(step - 1, phases.size() - 1);
    }

    /**
     * Returns to the moment when {@code phase} phases of step {@code target} were done, by restoring the nearest
     * earlier snapshot and replaying. False (and nothing changes) when that moment is older than the history.
     */
    public boolean rewindTo(long target, int phase) {
        if (history == null || phase < 0 || phase >= phases.size() || target < 0
                || target > step || (target == step && phase > phaseIndex)) {
            return false;
        }
        if (target == step && phaseIndex > 0) {
            // At a step boundary stepStart still holds the previous step's start; the snapshot path below is right.
            history.copyIn(stepStart);
            restoreCounters(stepStartCounters);
        } else {
            long from = history.restoreAtOrBefore(target, restoredCounters);
            if (from < 0) {
                return false;
            }
            restoreCounters(restoredCounters);
            step = from;
            history.dropAfter(from - 1);
        }
        phaseIndex = 0;
        halt = null;
        lossValue = Float.NaN;
        while (step < target || phaseIndex < phase) {
            runPhase();
            if (halt != null) {
                break;
            }
        }
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).jumped(this);
        }
        return true;
    }

    // ---- observing ----------------------------------------------------------------------------------------------

    public void addObserver(StepObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(StepObserver observer) {
        observers.remove(observer);
    }

    private void notifyPhase(Phase phase) {
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).phaseDone(this, phase);
        }
    }

    // ---- state --------------------------------------------------------------------------------------------------

    public Network network() {
        return net;
    }

    public List<Phase> phases() {
        return phases;
    }

    /** Completed steps. */
    public long step() {
        return step;
    }

    /** Phases done in the current step: 0 at a step boundary. */
    public int phaseIndex() {
        return phaseIndex;
    }

    /** The phase that ran last, or null at a step boundary before any phase of this step. */
    public Phase lastPhase() {
        return phaseIndex == 0 ? null : phases.get(phaseIndex - 1);
    }

    /** The phase that {@link #next()} runs. */
    public Phase nextPhase() {
        return phases.get(phaseIndex);
    }

    public int epoch() {
        return (int) (step / batcher.batchesPerEpoch());
    }

    public int batchInEpoch() {
        return (int) (step % batcher.batchesPerEpoch());
    }

    public int batchesPerEpoch() {
        return batcher.batchesPerEpoch();
    }

    /** The current step's batch (null before the first phase). */
    public Batch batch() {
        return batch;
    }

    public float loss() {
        return lossValue;
    }

    public float learningRate() {
        return lastLearningRate;
    }

    public double gradientNorm() {
        return lastGradientNorm;
    }

    public Halt halt() {
        return halt;
    }

    public History history() {
        return history;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** "Epoch 3 · batch 17/50 · backward · Dense 'hidden1'", 1-based for people. */
    public String describePosition() {
        int perEpoch = batcher.batchesPerEpoch();
        Phase p = phaseIndex == 0 ? null : phases.get(phaseIndex - 1);
        String where = "Epoch " + (step / perEpoch + 1) + " · batch " + (step % perEpoch + 1) + "/" + perEpoch;
        if (p == null) {
            return where + " · ready";
        }
        String node = p.node() == null ? "" : " · " + GraphDef.describe(net.node(p.node()).type(), p.node());
        return where + " · " + p.kind() + node;
    }

    /** The read-only view of a node's buffers; the same object every time. */
    public NodeView view(String node) {
        return views.computeIfAbsent(node, n -> new NodeView(this, net.node(n)));
    }

    /** Where a parameter's values start in {@link #paramsAtStepStart()}. */
    int paramOffset(Param p) {
        Integer offset = paramOffsets.get(p);
        if (offset == null) {
            throw new IllegalArgumentException("The parameter " + p.name() + " is not part of this network");
        }
        return offset;
    }

    /** Parameter values at the start of the current step, i.e. before its update (null without history). */
    public float[] paramsAtStepStart() {
        return stepStart;
    }
}
