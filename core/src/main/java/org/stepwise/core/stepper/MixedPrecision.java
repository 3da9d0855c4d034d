// Emulated bf16/fp16 training for the stepper: an fp32 master copy of the weights, rounding at every node boundary
// (the weights before the forward pass, each node's output after its forward, each backward's gradients), dynamic
// loss scaling, and counts of what rounding flushed to zero or pushed to Inf.
//
// A node computes in fp32 between roundings, as tensor cores accumulate in fp32 and round what they store. Between
// steps the parameters hold the fp32 master itself, so snapshots, saving and evaluation see full precision.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.precision.LossScaler;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.precision.RoundingCounts;

final class MixedPrecision {
    // The tally: this step's forward and backward (values, underflows, overflows), whether it was skipped, then the
    // totals' forward and backward. The totals' skipped steps are the scaler's own count.
    private static final int STEP_FORWARD = 0;
    private static final int STEP_BACKWARD = 3;
    private static final int STEP_SKIPPED = 6;
    private static final int TOTAL_FORWARD = 7;
    private static final int TOTAL_BACKWARD = 10;
    private static final int TALLY_LONGS = 13;
    /** Longs {@link #save} writes: the tally and the loss scaler's state. */
    static final int STATE_LONGS = TALLY_LONGS + LossScaler.STATE_LONGS;

    private final Precision precision;
    private final LossScaler scaler;
    private final List<Param> params;
    /** The fp32 weights during a step, parameter after parameter; between steps they live in the parameters. */
    private final float[] master;
    /** Each node's producers, each once: a node fed twice by one producer rounds its gradient once. */
    private final Node[][] producers;
    private final RoundingCounts scratch = new RoundingCounts();
    private final long[] tally = new long[TALLY_LONGS];

    /** @param scaler null for no loss scaling */
    MixedPrecision(Precision precision, LossScaler scaler, Network net) {
        this.precision = precision;
        this.scaler = scaler;
        this.params = net.params();
        this.master = new float[Math.toIntExact(net.parameterCount())];
        List<Node> nodes = net.nodes();
        this.producers = new Node[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            List<Node> distinct = new ArrayList<>();
            for (Node p : nodes.get(i).inputs()) {
                if (distinct.stream().noneMatch(d -> d == p)) {
                    distinct.add(p);
                }
            }
            producers[i] = distinct.toArray(Node[]::new);
        }
    }

    /** Keeps the fp32 weights aside and leaves the nodes the rounded ones to compute with. */
    void beginStep() {
        Arrays.fill(tally, STEP_FORWARD, STEP_SKIPPED + 1, 0);
        int at = 0;
        for (int i = 0; i < params.size(); i++) {
            float[] value = params.get(i).value();
            System.arraycopy(value, 0, master, at, value.length);
            round(value, value.length, STEP_FORWARD, TOTAL_FORWARD);
            at += value.length;
        }
    }

    void afterForward(Node node) {
        round(node.output(), node.batch() * node.size(), STEP_FORWARD, TOTAL_FORWARD);
    }

    /** Scales ∂L/∂output so that small gradients stay representable, then stores it in the format. */
    void afterLossGradient(Node output) {
        float[] g = output.gradOutput();
        int n = output.batch() * output.size();
        if (scaler != null) {
            float scale = scaler.scale();
            for (int i = 0; i < n; i++) {
                g[i] *= scale;
            }
        }
        round(g, n, STEP_BACKWARD, TOTAL_BACKWARD);
    }

    /** Rounds what node {@code index}'s backward wrote: its producers' ∂L/∂output and its parameter gradients. */
    void afterBackward(Node node, int index) {
        for (Node p : producers[index]) {
            if (p.gradientWanted()) {
                round(p.gradOutput(), p.batch() * p.size(), STEP_BACKWARD, TOTAL_BACKWARD);
            }
        }
        if (!node.frozen()) {
            List<Param> own = node.params();
            for (int i = 0; i < own.size(); i++) {
                float[] grad = own.get(i).grad();
                round(grad, grad.length, STEP_BACKWARD, TOTAL_BACKWARD);
            }
        }
    }

    /**
     * Puts the fp32 master weights back for the optimizer and unscales {@code gradients} in fp32. False when a scaled
     * gradient overflowed: the step is to be skipped, and the scaler has lowered the scale.
     */
    boolean beforeUpdate(List<float[]> gradients) {
        int at = 0;
        for (int i = 0; i < params.size(); i++) {
            float[] value = params.get(i).value();
            System.arraycopy(master, at, value, 0, value.length);
            at += value.length;
        }
        if (scaler == null || scaler.unscale(gradients)) {
            return true;
        }
        tally[STEP_SKIPPED] = 1;
        return false;
    }

    private void round(float[] a, int n, int step, int total) {
        scratch.clear();
        precision.round(a, 0, n, scratch);
        add(step);
        add(total);
    }

    private void add(int at) {
        tally[at] += scratch.values();
        tally[at + 1] += scratch.underflows();
        tally[at + 2] += scratch.overflows();
    }

    // ---- state, for the stepper's snapshots ----------------------------------------------------------------------

    void save(long[] into, int at) {
        System.arraycopy(tally, 0, into, at, TALLY_LONGS);
        if (scaler != null) {
            scaler.saveState(into, at + TALLY_LONGS);
        }
    }

    void restore(long[] from, int at) {
        System.arraycopy(from, at, tally, 0, TALLY_LONGS);
        if (scaler != null) {
            scaler.restoreState(from, at + TALLY_LONGS);
        }
    }

    PrecisionReport report() {
        PrecisionReport.Counts step = new PrecisionReport.Counts(tally(STEP_FORWARD), tally(STEP_BACKWARD),
                tally[STEP_SKIPPED]);
        PrecisionReport.Counts total = new PrecisionReport.Counts(tally(TOTAL_FORWARD), tally(TOTAL_BACKWARD),
                scaler == null ? 0 : scaler.skippedSteps());
        return new PrecisionReport(precision, scaler != null, scaler == null ? 1f : scaler.scale(), step, total);
    }

    private PrecisionReport.Tally tally(int at) {
        return new PrecisionReport.Tally(tally[at], tally[at + 1], tally[at + 2]);
    }
}
