// Where low precision hurts, measured: a regression net whose learning signal is tiny (its loss multiplied by 2⁻²⁰
// or 2⁻²⁴, the learning rate multiplied back up so fp32 trains exactly as without the factor). Under fp16 its
// gradients underflow and it learns little or nothing; loss scaling lifts them back into range and it tracks fp32;
// bf16, with fp32's 8-bit exponent, does not underflow at all. Seed 3, 30 epochs of 8 batches of 32 (240 steps);
// the figures in the comments are measured on the vector kernels (the scalar ones differ only in the last digits).
package org.stepwise.core.stepper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.precision.LossScaler;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.MeanSquaredError;

class LowPrecisionTrainingTest {
    private static final long SEED = 3;
    private static final int EPOCHS = 30;
    private static final Dataset WAVE = wave();

    /** 256 points of y = sin(2·x₁)·cos(x₂) on [−1, 1]². */
    private static Dataset wave() {
        return org.stepwise.core.precision.Wave.of(256, 11);
    }

    /** What a run ends with: the mean squared error over all 256 points (in fp32, on the master weights). */
    private record Run(double startMse, double mse, PrecisionReport report, float[] start, float[] weights) {
        long gradientUnderflows() {
            return report.total().backward().underflows();
        }
    }

    /** in(2) → 16 tanh → 16 tanh → 1, plain SGD at an effective rate of 0.1. */
    private static Run train(float factor, Precision precision, LossScaler scaler) {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden1", new Dense.Spec(16, Activation.TANH), "in"),
                new NodeDef("hidden2", new Dense.Spec(16, Activation.TANH), "hidden1"),
                new NodeDef("out", new Dense.Spec(1, Activation.IDENTITY), "hidden2"))), SEED, Kernels.active());
        Stepper s = new Stepper(net, new Batcher(WAVE, 32, SEED, true), new org.stepwise.core.train.ScaledLoss(new MeanSquaredError(), factor),
                new Sgd(net.params(), net.kernels()), new ConstantSchedule(),
                Stepper.Settings.of(0.1f / factor).withoutHistory());
        s.usePrecision(precision, scaler);
        double startMse = mse(net);
        float[] start = StepperTest.weights(s);
        for (int e = 0; e < EPOCHS; e++) {
            assertTrue(s.runEpoch(), () -> String.valueOf(s.halt()));
        }
        return new Run(startMse, mse(net), s.precisionReport(), start, StepperTest.weights(s));
    }

    private static double mse(Network net) {
        float[] out = net.predict(WAVE.x(), WAVE.n());
        double sum = 0;
        for (int i = 0; i < WAVE.n(); i++) {
            double e = out[i] - WAVE.y()[i];
            sum += e * e;
        }
        return sum / WAVE.n();
    }

    @Test
    void fp32DoesNotNoticeAPowerOfTwoFactorOnTheLoss() {
        Run weak = train(0x1p-20f, Precision.FP32, null);
        Run plain = train(1f, Precision.FP32, null);
        // 0.3201 → 0.00868, bit for bit as without the factor: scaling by 2⁻²⁰ and back is exact in fp32.
        assertArrayEquals(plain.weights(), weak.weights());
        assertTrue(weak.mse() < weak.startMse() / 20, weak.toString());
    }

    @Test
    void fp16WithoutLossScalingUnderflowsGradientsAndLearnsFarLess() {
        Run fp32 = train(0x1p-20f, Precision.FP32, null);
        Run fp16 = train(0x1p-20f, Precision.FP16, null);
        // 9,361 of 334,320 gradient values flushed to zero; the error ends at 0.0958, 11 times fp32's 0.00868.
        assertTrue(fp16.gradientUnderflows() > 5_000, fp16.report().toString());
        assertTrue(fp16.mse() > 5 * fp32.mse(), fp16.mse() + " against fp32's " + fp32.mse());
    }

    @Test
    void lossScalingKeepsTheGradientsInRangeAndTracksFp32() {
        Run fp32 = train(0x1p-20f, Precision.FP32, null);
        Run unscaled = train(0x1p-20f, Precision.FP16, null);
        Run scaled = train(0x1p-20f, Precision.FP16, LossScaler.standard());
        Run growing = train(0x1p-20f, Precision.FP16, new LossScaler(65536f, 2f, 0.5f, 20));
        // The standard scaler holds 2¹⁶ over 240 steps: 251 underflows instead of 9,361, and an error of 0.008680
        // against fp32's 0.008679.
        assertTrue(scaled.gradientUnderflows() < unscaled.gradientUnderflows() / 20, scaled.report().toString());
        assertEquals(fp32.mse(), scaled.mse(), 0.01 * fp32.mse());
        assertEquals(0, scaled.report().total().skippedSteps());
        // Growing every 20 clean steps, the scale climbs to 2²⁸ without an overflow: 28 underflows.
        assertEquals(0x1p28f, growing.report().lossScale());
        assertTrue(growing.gradientUnderflows() < scaled.gradientUnderflows() / 4, growing.report().toString());
        assertEquals(fp32.mse(), growing.mse(), 0.01 * fp32.mse());
    }

    @Test
    void bf16HasFp32sExponentAndNothingUnderflows() {
        Run fp32 = train(0x1p-20f, Precision.FP32, null);
        Run bf16 = train(0x1p-20f, Precision.BF16, null);
        // No underflow at all; the 8-bit mantissa costs little here: 0.008669 against fp32's 0.008679.
        assertEquals(0, bf16.report().total().underflows(), bf16.report().toString());
        assertEquals(0, bf16.report().total().overflows());
        assertEquals(fp32.mse(), bf16.mse(), 0.01 * fp32.mse());
    }

    @Test
    void aSignalUnderFp16sSmallestSubnormalNeverReachesTheWeightsUnlessScaled() {
        // At 2⁻²⁴ the loss gradient, 2(o − y)/32 · 2⁻²⁴, is under half fp16's smallest subnormal (2⁻²⁵) wherever
        // |o − y| < 8, so every value of it flushes to zero: 240 steps × 32 = 7,680 underflows. Every gradient
        // behind it is then exactly zero and nothing moves.
        Run fp16 = train(0x1p-24f, Precision.FP16, null);
        assertEquals(240 * 32, fp16.gradientUnderflows());
        assertArrayEquals(fp16.start(), fp16.weights());
        assertEquals(fp16.startMse(), fp16.mse());
        // Scaled by 2¹⁶ the same signal trains: 0.3201 → 0.00868 (3,004 underflows remain).
        Run scaled = train(0x1p-24f, Precision.FP16, LossScaler.standard());
        assertTrue(scaled.mse() < scaled.startMse() / 20, scaled.toString());
    }
}
