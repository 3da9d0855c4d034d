// What the step-through views show, copied on the training thread between phases and handed to the FX thread
// whole: where training stands, the batch, and each node's buffers after the last phase. Views never read the live
// network; they read the latest snapshot at frame time.
package org.stepwise.app.studio;

import java.util.List;
import java.util.Map;
import org.stepwise.app.studio.transformer.TransformerSnapshot;
import org.stepwise.core.graph.Network;
import org.stepwise.core.stepper.AttentionMath;
import org.stepwise.core.stepper.Diagnostics;
import org.stepwise.core.stepper.NeuronMath;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.tensor.Shape;

/**
 * @param step            completed steps
 * @param phaseIndex      phases done in the current step (0 at a step boundary)
 * @param lastPhase       the phase that ran last, or null at a step boundary
 * @param nextPhase       the phase Next runs
 * @param position        "Epoch 3 · batch 17/50 · backward · Dense 'hidden1'" (English; views localize the parts)
 * @param loss            the last batch's loss, NaN before the loss phase of the first step
 * @param learningRate    the rate of the last update
 * @param batchX          the current batch's inputs (rows × features), null before the first phase
 * @param batchLabels     class labels of the batch, or null
 * @param batchTargets    numeric targets of the batch, or null
 * @param rows            samples in the batch
 * @param nodes           each node's buffers by name, in network order
 * @param oldestStep      the oldest step history can return to (-1 without history)
 * @param math            the math of the watched unit, or null when none is watched or it is not a dense unit
 * @param generation      the session generation; a new session (after an edit) starts a new one
 * @param diagnostics     the stepper's health checks at this moment (dead, saturated, gradient norms, the halt), or
 *                        null when none were taken
 * @param attention       the math of the watched query when an attention node is watched, else null
 * @param transformer     the attention patterns and residual norms of the watched sample, or null when the network has
 *                        no attention or no view watches one
 */
public record StepSnapshot(long step, int phaseIndex, Phase lastPhase, Phase nextPhase, String position, int epoch,
                           int batchInEpoch, int batchesPerEpoch, float loss, float learningRate, float[] batchX,
                           int[] batchLabels, float[] batchTargets, int rows, Map<String, NodeState> nodes,
                           long oldestStep, NeuronMath math, long generation, Diagnostics diagnostics,
                           AttentionMath attention, TransformerSnapshot transformer) {

    /** A snapshot without attention math or the Transformer views' copies. */
    public StepSnapshot(long step, int phaseIndex, Phase lastPhase, Phase nextPhase, String position, int epoch,
                        int batchInEpoch, int batchesPerEpoch, float loss, float learningRate, float[] batchX,
                        int[] batchLabels, float[] batchTargets, int rows, Map<String, NodeState> nodes,
                        long oldestStep, NeuronMath math, long generation, Diagnostics diagnostics) {
        this(step, phaseIndex, lastPhase, nextPhase, position, epoch, batchInEpoch, batchesPerEpoch, loss,
                learningRate, batchX, batchLabels, batchTargets, rows, nodes, oldestStep, math, generation,
                diagnostics, null, null);
    }

    /** A snapshot without diagnostics. */
    public StepSnapshot(long step, int phaseIndex, Phase lastPhase, Phase nextPhase, String position, int epoch,
                        int batchInEpoch, int batchesPerEpoch, float loss, float learningRate, float[] batchX,
                        int[] batchLabels, float[] batchTargets, int rows, Map<String, NodeState> nodes,
                        long oldestStep, NeuronMath math, long generation) {
        this(step, phaseIndex, lastPhase, nextPhase, position, epoch, batchInEpoch, batchesPerEpoch, loss,
                learningRate, batchX, batchLabels, batchTargets, rows, nodes, oldestStep, math, generation, null,
                null, null);
    }

    /**
     * One node after the last phase. Buffers hold {@code rows} samples, each {@code shape.size()} values.
     *
     * @param preActivation z before the node's activation, or null when the node has none
     * @param gradOutput    ∂L/∂output after the node's backward phase (zeros before it in a step)
     */
    public record NodeState(String name, String type, Shape shape, boolean frozen, int rows, float[] output,
                            float[] preActivation, float[] gradOutput, List<ParamState> params) {
    }

    /**
     * A parameter: its value now, its gradient, and its value at the start of the step (before the update), so
     * Δw = value − before after the update phase; {@code before} is null without history.
     */
    public record ParamState(String name, Shape shape, float[] value, float[] grad, float[] before) {
    }

    /**
     * Copies every node's parameters into {@code net}, a network of the same graph that only the caller uses; false
     * (and the copy stops) at the first node or parameter that does not fit, as after an edit.
     */
    public boolean copyParametersInto(Network net) {
        for (org.stepwise.core.graph.Node n : net.nodes()) {
            NodeState state = nodes.get(n.name());
            if (state == null || state.params().size() != n.params().size()) {
                return false;
            }
            for (int i = 0; i < n.params().size(); i++) {
                float[] to = n.params().get(i).value();
                float[] from = state.params().get(i).value();
                if (from.length != to.length) {
                    return false;
                }
                System.arraycopy(from, 0, to, 0, to.length);
            }
        }
        return true;
    }

    /** The node's state, or null. */
    public NodeState node(String name) {
        return nodes.get(name);
    }

    /** The node the last phase computed (its forward or backward), or null for the loss, the update or a boundary. */
    public String activeNode() {
        return lastPhase == null ? null : lastPhase.node();
    }
}
