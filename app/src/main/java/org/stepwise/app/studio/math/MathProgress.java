// How far the current step has got for one node: whether its forward, its backward (δ and the gradients) and the
// update have run, and which of them the last phase produced. The panel shows only what the step has computed.
package org.stepwise.app.studio.math;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.stepper.Phase;

/**
 * @param latest the part the last phase produced (highlighted), or null when the last phase was another node's
 */
record MathProgress(boolean forward, boolean backward, boolean update, Part latest) {

    enum Part { FORWARD, BACKWARD, UPDATE }

    static final MathProgress NOTHING = new MathProgress(false, false, false, null);

    /**
     * A step runs the forward of every node in network order, the loss, the backward of every node but the input
     * in reverse order, then the update. At a step boundary after the first step the buffers still hold the whole
     * finished step (the next batch loads with the next phase), so everything counts as done.
     */
    static MathProgress of(StepSnapshot s, String node) {
        if (s == null || s.batchX() == null) {
            return NOTHING;
        }
        List<String> order = new ArrayList<>(s.nodes().keySet());
        int index = order.indexOf(node);
        if (index < 0) {
            return NOTHING;
        }
        if (s.phaseIndex() == 0) {
            return s.step() > 0 ? new MathProgress(true, true, true, Part.UPDATE) : NOTHING;
        }
        int n = order.size();
        int done = s.phaseIndex();
        boolean forward = done > index;
        boolean backward = index > 0 && done > 2 * n - index;
        // The update is the step's last phase, so it is never the last phase inside a step: the boundary covers it.
        Part latest = switch (s.lastPhase()) {
            case Phase.Forward f when node.equals(f.node()) -> Part.FORWARD;
            case Phase.Backward b when node.equals(b.node()) -> Part.BACKWARD;
            case null, default -> null;
        };
        return new MathProgress(forward, backward, false, latest);
    }
}
