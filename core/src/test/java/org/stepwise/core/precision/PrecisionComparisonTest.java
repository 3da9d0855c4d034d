// The four-way precision comparison the Workflows window shows: fp32 unchanged by a power-of-two signal factor,
// fp16 losing gradients to underflow, loss scaling bringing it back, bf16 never underflowing.
package org.stepwise.core.precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.MeanSquaredError;

class PrecisionComparisonTest {
    private static final int STEPS = 160;

    private static PrecisionComparison comparison() {
        GraphDef net = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden1", new Dense.Spec(16, Activation.TANH), "in"),
                new NodeDef("hidden2", new Dense.Spec(16, Activation.TANH), "hidden1"),
                new NodeDef("out", new Dense.Spec(1, Activation.IDENTITY), "hidden2")));
        return new PrecisionComparison(net, 3, Wave.of(256, 5),
                MeanSquaredError::new, 32, 0.1f);
    }

    @Test
    void aWeakSignalLeavesFp32AloneStarvesFp16AndLossScalingRestoresIt() {
        int[] progressCalls = {0};
        List<PrecisionComparison.Run> weak = comparison().run(PrecisionComparison.Setting.ALL, STEPS, 0x1p-20f,
                (run, step, steps) -> progressCalls[0]++, () -> false);
        List<PrecisionComparison.Run> full = comparison().run(List.of(PrecisionComparison.Setting.ALL.get(0)),
                STEPS, 1f, (run, step, steps) -> { }, () -> false);
        assertEquals(4 * STEPS, progressCalls[0]);
        PrecisionComparison.Run fp32 = weak.get(0);
        PrecisionComparison.Run bf16 = weak.get(1);
        PrecisionComparison.Run fp16 = weak.get(2);
        PrecisionComparison.Run scaled = weak.get(3);
        weak.forEach(r -> assertNull(r.halted()));
        // Scaling the loss by 2⁻²⁰ and the rate by 2²⁰ is exact in fp32: the same curve, bit for bit.
        assertArrayEquals(full.get(0).loss(), fp32.loss());
        assertTrue(fp32.finalLoss() < fp32.loss()[0] / 5, "fp32 learns: " + fp32.loss()[0] + " -> "
                + fp32.finalLoss());
        assertTrue(fp16.report().total().backward().underflows() > 1000, fp16.report().toString());
        assertTrue(fp16.finalLoss() > 2 * fp32.finalLoss(), fp16.finalLoss() + " against " + fp32.finalLoss());
        assertTrue(scaled.report().total().backward().underflows()
                < fp16.report().total().backward().underflows() / 10, scaled.report().toString());
        assertEquals(fp32.finalLoss(), scaled.finalLoss(), 0.05 * fp32.finalLoss());
        assertEquals(0, bf16.report().total().underflows());
    }

    @Test
    void cancellingStopsBetweenStepsAndKeepsTheFinishedRuns() {
        int[] steps = {0};
        List<PrecisionComparison.Run> runs = comparison().run(PrecisionComparison.Setting.ALL, 50, 1f,
                (run, step, of) -> steps[0]++, () -> steps[0] >= 75);
        assertEquals(1, runs.size());
        assertEquals(75, steps[0]);
    }
}
