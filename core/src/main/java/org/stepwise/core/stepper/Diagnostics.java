// Health checks after a step, computed from the buffers on request: dead and saturated units, gradient norms,
// update/weight ratios, and where training halted if a value became NaN or infinite.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activated;
import org.stepwise.core.layers.Activation;

/**
 * @param nodes one entry per node after the input
 * @param halt  non-null when training stopped on a non-finite value
 */
public record Diagnostics(List<NodeHealth> nodes, Halt halt) {

    /** Sigmoid outputs within this distance of 0 or 1, and tanh outputs within it of ±1, count as saturated. */
    public static final double SATURATION_MARGIN = 0.01;

    /**
     * @param deadFraction      ReLU nodes: the fraction of units that output 0 for every sample of the batch; else NaN
     * @param saturatedFraction sigmoid/tanh nodes: the fraction of outputs in the flat tails; else NaN
     * @param gradientNorm      ‖∂L/∂θ‖ over the node's parameters, or ‖∂L/∂output‖ for a node without any
     * @param updateRatio       ‖Δw‖ / ‖w‖ over the node's weights in the last update; NaN without history
     */
    public record NodeHealth(String node, double deadFraction, double saturatedFraction, double gradientNorm,
                             double updateRatio) {
    }

    /** Computes the diagnostics for the stepper's current state (best right after a completed step). */
    public static Diagnostics of(Stepper stepper) {
        List<NodeHealth> health = new ArrayList<>();
        List<Node> nodes = stepper.network().nodes();
        float[] start = stepper.paramsAtStepStart();
        boolean afterUpdate = stepper.phaseIndex() == 0 && stepper.step() > 0;
        for (int i = 1; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Activation act = n instanceof Activated a ? a.activation() : Activation.IDENTITY;
            double dead = act == Activation.RELU ? deadFraction(n) : Double.NaN;
            double saturated = act == Activation.SIGMOID || act == Activation.TANH ? saturatedFraction(n, act)
                    : Double.NaN;
            double gradNorm = 0;
            double update2 = 0;
            double weight2 = 0;
            if (n.params().isEmpty()) {
                gradNorm = norm(n.gradOutput(), n.batch() * n.size());
            } else {
                for (Param p : n.params()) {
                    gradNorm += squares(p.grad(), p.size());
                    if (p.isWeight() && start != null) {
                        int offset = stepper.paramOffset(p);
                        for (int j = 0; j < p.size(); j++) {
                            double before = start[offset + j];
                            double d = p.value()[j] - before;
                            update2 += d * d;
                            weight2 += before * before;
                        }
                    }
                }
                gradNorm = Math.sqrt(gradNorm);
            }
            // The step-start copy is taken when the next step begins, so right after an update it still holds
            // the weights from before it.
            double ratio = start == null || weight2 == 0 ? Double.NaN : Math.sqrt(update2 / weight2);
            health.add(new NodeHealth(n.name(), dead, saturated, gradNorm, afterUpdate || stepper.phaseIndex() > 0
                    ? ratio : Double.NaN));
        }
        return new Diagnostics(health, stepper.halt());
    }

    private static double deadFraction(Node n) {
        int rows = n.batch();
        int units = n.size();
        if (rows == 0) {
            return Double.NaN;
        }
        float[] out = n.output();
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean alive = false;
            for (int r = 0; r < rows && !alive; r++) {
                alive = out[r * units + u] > 0;
            }
            if (!alive) {
                dead++;
            }
        }
        return (double) dead / units;
    }

    private static double saturatedFraction(Node n, Activation act) {
        int count = n.batch() * n.size();
        if (count == 0) {
            return Double.NaN;
        }
        float[] out = n.output();
        int saturated = 0;
        for (int i = 0; i < count; i++) {
            double y = out[i];
            boolean flat = act == Activation.SIGMOID
                    ? y < SATURATION_MARGIN || y > 1 - SATURATION_MARGIN
                    : Math.abs(y) > 1 - SATURATION_MARGIN;
            if (flat) {
                saturated++;
            }
        }
        return (double) saturated / count;
    }

    private static double norm(float[] a, int n) {
        return Math.sqrt(squares(a, n));
    }

    private static double squares(float[] a, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[i] * a[i];
        }
        return sum;
    }
}
