// Emulated mixed precision in the stepper: fp32 keeps today's bits, bf16/fp16 round at every node boundary around an
// fp32 master copy, an overflowing loss scale skips the step, and going back restores the master, scale and counts.
package org.stepwise.core.stepper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.precision.LossScaler;
import org.stepwise.core.precision.Precision;

class MixedPrecisionTest {

    private static Stepper stepper(long seed, Precision precision, LossScaler scaler, boolean adam) {
        Stepper s = StepperTest.stepper(seed, Stepper.Settings.of(0.1f), adam);
        s.usePrecision(precision, scaler);
        return s;
    }

    private static void runPhases(Stepper s, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(s.next());
        }
    }

    private static int phaseCount(Stepper s, String kind) {
        return (int) s.phases().stream().filter(p -> p.kind().equals(kind)).count();
    }

    private static void assertRepresentable(Precision p, float[] a, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(p.round(a[i]), a[i], what + "[" + i + "] is not a " + p.id() + " value");
        }
    }

    @Test
    void fp32ChosenExplicitlyGivesTheSameBitsAsTheDefaultPath() {
        Stepper plain = StepperTest.stepper(9, Stepper.Settings.of(0.1f), true);
        Stepper chosen = stepper(9, Precision.FP32, null, true);
        plain.runBatches(23);
        chosen.runBatches(23);
        assertArrayEquals(StepperTest.weights(plain), StepperTest.weights(chosen));
        assertEquals(Float.floatToRawIntBits(plain.loss()), Float.floatToRawIntBits(chosen.loss()));
        PrecisionReport report = chosen.precisionReport();
        assertEquals(Precision.FP32, report.precision());
        assertEquals(0, report.total().forward().values(), "fp32 rounds nothing");
        assertEquals(1f, report.lossScale());
    }

    @Test
    void nodesComputeWithRoundedWeightsAndStoreRoundedOutputs() {
        Stepper s = stepper(3, Precision.FP16, null, false);
        s.runBatches(2);
        float[] master = StepperTest.weights(s);
        runPhases(s, phaseCount(s, "forward"));

        float[] computedWith = StepperTest.weights(s);
        assertRepresentable(Precision.FP16, computedWith, computedWith.length, "weight");
        for (int i = 0; i < master.length; i++) {
            assertEquals(Precision.FP16.round(master[i]), computedWith[i]);
        }
        assertFalse(java.util.Arrays.equals(master, computedWith), "the master keeps bits fp16 drops");
        long values = master.length;
        for (Node n : s.network().nodes()) {
            assertRepresentable(Precision.FP16, n.output(), n.batch() * n.size(), n.name());
            values += (long) n.batch() * n.size();
        }
        assertEquals(values, s.precisionReport().step().forward().values());
    }

    @Test
    void everyBackwardStoresRoundedGradientsAndTheCountsAddUp() {
        Stepper s = stepper(4, Precision.BF16, null, false);
        runPhases(s, s.phases().size() - 1); // everything but the update

        long values = 0;
        for (Node n : s.network().nodes()) {
            if (n != s.network().input()) {
                assertRepresentable(Precision.BF16, n.gradOutput(), n.batch() * n.size(), "∂L/∂" + n.name());
                values += (long) n.batch() * n.size();
            }
            for (Param p : n.params()) {
                assertRepresentable(Precision.BF16, p.grad(), p.size(), n.name() + "." + p.name() + " gradient");
                values += p.size();
            }
        }
        assertEquals(values, s.precisionReport().step().backward().values(),
                "the loss gradient, each producer's ∂L/∂output and each parameter gradient, once each");
    }

    @Test
    void theOptimizerUpdatesTheFp32MasterWithTheUnscaledGradient() {
        LossScaler scaler = new LossScaler(1024f, 2f, 0.5f, 1000);
        Stepper s = stepper(5, Precision.FP16, scaler, false);
        s.runBatches(1);
        float[] master = StepperTest.weights(s);
        runPhases(s, s.phases().size() - 1);
        float[] scaledGradients = gradients(s);

        runPhases(s, 1);

        float[] after = StepperTest.weights(s);
        for (int i = 0; i < master.length; i++) {
            // Plain SGD at rate 0.1 on the master, with the gradient divided by the scale (exact: a power of two).
            float expected = master[i] - 0.1f * (scaledGradients[i] / 1024f);
            assertEquals(expected, after[i], Math.ulp(expected), "parameter value " + i);
        }
        assertFalse(java.util.Arrays.equals(after, roundedAll(after)), "after the update, the master is fp32");
    }

    @Test
    void anOverflowingScaleSkipsTheStepAndHalvesTheScaleUntilItFits() {
        // 2³⁰ times gradients of order 10⁻² is far past fp16's 65504.
        LossScaler scaler = new LossScaler(0x1p30f, 2f, 0.5f, 1000);
        Stepper s = stepper(6, Precision.FP16, scaler, true);
        float[] before = StepperTest.weights(s);

        assertTrue(s.finishStep(), "an overflow under loss scaling skips; it does not halt");

        PrecisionReport report = s.precisionReport();
        assertArrayEquals(before, StepperTest.weights(s), "a skipped step leaves the master as it was");
        assertEquals(0, s.optimizer().steps());
        assertEquals(1, report.step().skippedSteps());
        assertTrue(report.step().backward().overflows() > 0, report.toString());
        assertEquals(0x1p29f, report.lossScale());

        s.runBatches(40);
        PrecisionReport later = s.precisionReport();
        long skipped = later.total().skippedSteps();
        assertTrue(skipped > 1 && skipped < 41, later.toString());
        assertEquals(41 - skipped, s.optimizer().steps(), "every step not skipped updated once");
        assertEquals(0x1p30f / (1L << skipped), later.lossScale());
        assertEquals(0, later.step().skippedSteps(), "the scale came down far enough: " + later);
    }

    @Test
    void goingBackRestoresTheMasterTheScaleAndTheCounts() {
        // From 2²⁶ the scale halves at each overflow until the gradients fit, then doubles after two clean steps.
        Stepper s = stepper(2, Precision.FP16, new LossScaler(0x1p26f, 2f, 0.5f, 2), true);
        List<Float> scales = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            s.finishStep();
            scales.add(s.precisionReport().lossScale());
        }
        assertTrue(IntStream.range(1, 16).anyMatch(i -> scales.get(i) > scales.get(i - 1)), scales::toString);
        assertTrue(IntStream.range(1, 16).anyMatch(i -> scales.get(i) < scales.get(i - 1)), scales::toString);
        float[] at16 = StepperTest.weights(s);
        float loss16 = s.loss();
        PrecisionReport report16 = s.precisionReport();

        assertTrue(s.rewindTo(3, 4));
        s.runBatches(13);
        assertEquals(16, s.step());
        assertArrayEquals(at16, StepperTest.weights(s));
        assertEquals(loss16, s.loss());
        assertEquals(report16, s.precisionReport());

        runPhases(s, 6);
        PrecisionReport midStep = s.precisionReport();
        float[] midWeights = StepperTest.weights(s);
        runPhases(s, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(s.previous());
        }
        assertEquals(midStep, s.precisionReport());
        assertArrayEquals(midWeights, StepperTest.weights(s), "the rounded weights of the step in progress");
    }

    @Test
    void snapshotsEveryFewStepsReplayTheSkipsExactly() {
        Stepper s = StepperTest.stepper(8, new Stepper.Settings(0.1f, null, 0, 64L << 20, 4), true);
        s.usePrecision(Precision.FP16, new LossScaler(0x1p26f, 2f, 0.5f, 2));
        s.runBatches(11);
        float[] at11 = StepperTest.weights(s);
        PrecisionReport report11 = s.precisionReport();
        assertTrue(s.rewindTo(6, 3));
        s.runBatches(5);
        assertArrayEquals(at11, StepperTest.weights(s));
        assertEquals(report11, s.precisionReport());
    }

    @Test
    void thePrecisionIsChosenBeforeTrainingAndFp32TakesNoScaler() {
        Stepper s = StepperTest.stepper(1, Stepper.Settings.of(0.1f), false);
        assertEquals("Loss scaling is for bf16 and fp16; fp32 trains without it",
                assertThrows(IllegalArgumentException.class,
                        () -> s.usePrecision(Precision.FP32, LossScaler.standard())).getMessage());
        s.next();
        assertThrows(IllegalStateException.class, () -> s.usePrecision(Precision.BF16, null));
    }

    private static float[] gradients(Stepper s) {
        List<Param> params = s.network().params();
        float[] all = new float[params.stream().mapToInt(Param::size).sum()];
        int at = 0;
        for (Param p : params) {
            System.arraycopy(p.grad(), 0, all, at, p.size());
            at += p.size();
        }
        return all;
    }

    private static float[] roundedAll(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Precision.FP16.round(a[i]);
        }
        return r;
    }
}
