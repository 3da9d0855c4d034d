// Test helper: a weight (2, 2) and a bias (2) with three steps of gradients, and the same numbers as doubles.
//
// The optimizer tests replay PyTorch's formulas on the doubles by hand and compare with what the float kernels did.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.tensor.Shape;

final class OptimizerFixture {
    static final Kernels KERNELS = Kernels.active();

    static final float[][] START = {{0.5f, -1.25f, 2.0f, -0.75f}, {0.2f, -0.4f}};
    /** GRADS[step][param]: sizes and signs vary so that every moment and correction matters. */
    static final float[][][] GRADS = {
            {{0.3f, -0.2f, 0.05f, 1.5f}, {0.7f, -0.15f}},
            {{0.1f, 0.25f, -0.6f, -0.8f}, {0.2f, 0.35f}},
            {{-0.05f, 0.3f, 0.2f, 0.9f}, {-0.4f, 0.1f}}};

    final Param weight = new Param("weight", Shape.of(2, 2), true);
    final Param bias = new Param("bias", Shape.of(2), false);
    final List<Param> params = List.of(weight, bias);

    OptimizerFixture() {
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(START[i], 0, params.get(i).value(), 0, START[i].length);
        }
    }

    void setGradients(int step) {
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(GRADS[step][i], 0, params.get(i).grad(), 0, GRADS[step][i].length);
        }
    }

    /** One update per step of GRADS, all parameters, at a constant rate. */
    void train(Optimizer optimizer, float learningRate) {
        for (int t = 0; t < GRADS.length; t++) {
            setGradients(t);
            optimizer.update(params, learningRate);
        }
    }

    // ---- the same numbers as doubles, for the reference arithmetic -------------------------------------------

    static double[] start(int param) {
        return doubles(START[param]);
    }

    static double[] grad(int step, int param) {
        return doubles(GRADS[step][param]);
    }

    /** Weight decay reaches the weight (param 0) only. */
    static double decay(int param, double weightDecay) {
        return param == 0 ? weightDecay : 0;
    }

    /** Float arithmetic may drift from the doubles by a few float epsilons over three steps, no more. */
    static void assertValues(String what, double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 2e-6 * Math.max(1, Math.abs(expected[i]));
            int at = i;
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
                    () -> what + "[" + at + "]: expected " + expected[at] + " but was " + actual[at]);
        }
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
