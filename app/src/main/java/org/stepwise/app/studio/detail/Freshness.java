// Whether what the detail view shows was computed in the current step, given where the stepper stands: a node's
// activations are fresh once its forward has run, its gradients once its backward has, and Δw once the update has.
// Outside those windows the buffers hold the previous step's values (or zeros, for gradients after the loss).
package org.stepwise.app.studio.detail;

import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.stepper.Phase;

enum Freshness {
    /** Nothing has run yet. */
    NONE,
    /** Computed in this step. */
    FRESH,
    /** The step is complete; the values are from its end. */
    STEP_END,
    /** Not computed in this step yet; the buffer still holds the previous step's values. */
    EARLIER,
    /** Not computed in this step yet; the buffer was cleared for this step (gradients after the loss). */
    PENDING,
    /**
     * The gradient at the node's output is in (the loss, or the backward of every node reading it, has run); its
     * parameters' gradients come with its own backward.
     */
    OUTPUT_GRADIENT;

    static Freshness activations(StepSnapshot s, String node) {
        if (nothingYet(s)) {
            return NONE;
        }
        if (s.phaseIndex() == 0) {
            return STEP_END;
        }
        if (s.lastPhase() instanceof Phase.Forward f && f.index() < index(s, node)) {
            return s.step() == 0 ? PENDING : EARLIER;
        }
        return FRESH;
    }

    /**
     * @param consumers the nodes that read {@code node}; none for the network's output, whose gradient the loss gives
     */
    static Freshness gradients(StepSnapshot s, String node, java.util.Collection<String> consumers) {
        if (nothingYet(s)) {
            return NONE;
        }
        if (s.phaseIndex() == 0) {
            return STEP_END;
        }
        return switch (s.lastPhase()) {
            case Phase.Forward f -> s.step() == 0 ? PENDING : EARLIER;
            case Phase.Loss l -> consumers.isEmpty() ? OUTPUT_GRADIENT : PENDING;
            case Phase.Backward b -> b.index() <= index(s, node) ? FRESH
                    : !consumers.isEmpty() && b.index() <= firstOf(s, consumers) ? OUTPUT_GRADIENT : PENDING;
            case Phase.Update u -> FRESH;
        };
    }

    /** The lowest network-order index among the nodes: the last of them the backward pass reaches. */
    private static int firstOf(StepSnapshot s, java.util.Collection<String> nodes) {
        return nodes.stream().mapToInt(n -> index(s, n)).filter(i -> i >= 0).min().orElse(Integer.MAX_VALUE);
    }

    /** Whether Δw = value − before shows this step's update. */
    static Freshness update(StepSnapshot s) {
        if (nothingYet(s)) {
            return NONE;
        }
        if (s.phaseIndex() == 0) {
            return STEP_END;
        }
        return s.lastPhase() instanceof Phase.Update ? FRESH : PENDING;
    }

    private static boolean nothingYet(StepSnapshot s) {
        return s == null || (s.step() == 0 && s.phaseIndex() == 0);
    }

    /** The node's position in network order, which is the index its Forward and Backward phases carry. */
    static int index(StepSnapshot s, String node) {
        int i = 0;
        for (String name : s.nodes().keySet()) {
            if (name.equals(node)) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
