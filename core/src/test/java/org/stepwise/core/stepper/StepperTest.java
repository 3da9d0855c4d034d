// The stepper: phase order, equality with a plain training loop, determinism, going back, halting, allocation.
package org.stepwise.core.stepper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Generators;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.Templates;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.Input;
import org.stepwise.core.optim.Adam;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Optimizer;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class StepperTest {
    private static final int BATCH = 8;

    /** in(4) → hidden1 (6, tanh) → drop → hidden2 (5, relu) → output (3): dropout makes replay non-trivial. */
    static GraphDef graph() {
        return new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4))),
                new NodeDef("hidden1", new Dense.Spec(6, Activation.TANH), "in"),
                new NodeDef("drop", new Dropout.Spec(0.25f), "hidden1"),
                new NodeDef("hidden2", new Dense.Spec(5, Activation.RELU), "drop"),
                new NodeDef("output", new Dense.Spec(3, Activation.IDENTITY), "hidden2")));
    }

    static Dataset data() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 37;
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (random.nextDouble() * 2 - 1);
            }
            labels[i] = (x[i * 4] + x[i * 4 + 1] > 0 ? 1 : 0) + (x[i * 4 + 2] > 0.5 ? 1 : 0);
        }
        return Dataset.classification("toy", Shape.of(4), x, labels, 3);
    }

    static Stepper stepper(long seed, Stepper.Settings settings, boolean adam) {
        Network net = Network.build(graph(), seed, Kernels.active());
        Optimizer opt = adam ? new Adam(net.params(), net.kernels()) : new Sgd(net.params(), net.kernels());
        return new Stepper(net, new Batcher(data(), BATCH, seed, true), new SoftmaxCrossEntropy(), opt,
                new ConstantSchedule(), settings);
    }

    static float[] weights(Stepper s) {
        List<Float> all = new ArrayList<>();
        for (Param p : s.network().params()) {
            for (float v : p.value()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aStepIsForwardPerNodeThenLossThenBackwardInReverseThenUpdate() {
        Stepper s = stepper(1, Stepper.Settings.of(0.1f), false);
        List<String> phases = s.phases().stream().map(p -> p.kind() + (p.node() == null ? "" : " " + p.node()))
                .toList();
        assertEquals(List.of("forward in", "forward hidden1", "forward drop", "forward hidden2", "forward output",
                "loss", "backward output", "backward hidden2", "backward drop", "backward hidden1", "update"), phases);
    }

    @Test
    void phaseIndicatorNamesEpochBatchPhaseAndNode() {
        Stepper s = stepper(1, Stepper.Settings.of(0.1f), false);
        assertEquals("Epoch 1 · batch 1/5 · ready", s.describePosition());
        for (int i = 0; i < 8; i++) {
            s.next();
        }
        assertEquals("Epoch 1 · batch 1/5 · backward · Dense 'hidden2'", s.describePosition());
        s.runEpoch();
        s.runBatches(2);
        assertEquals("Epoch 2 · batch 3/5 · ready", s.describePosition());
    }

    @Test
    void steppingPhaseByPhaseEqualsAPlainTrainingLoopBitForBit() {
        Stepper stepped = stepper(3, Stepper.Settings.of(0.05f), true);
        for (int i = 0; i < 7 * stepped.phases().size(); i++) {
            stepped.next();
        }
        // The same seven steps written out by hand against the network, the optimizer and the batcher.
        Network net = Network.build(graph(), 3, Kernels.active());
        Adam adam = new Adam(net.params(), net.kernels());
        Batcher batcher = new Batcher(data(), BATCH, 3, true);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        for (int step = 0; step < 7; step++) {
            Batch b = batcher.batch(step / 5, step % 5);
            net.setStep(step);
            net.load(b.x(), b.rows());
            net.forward(true);
            loss.value(net.kernels(), net.output().output(), b, 3);
            net.zeroGradients();
            loss.gradient(net.kernels(), net.output().output(), b, 3, net.output().gradOutput());
            net.backward();
            adam.update(net.params(), 0.05f);
        }
        float[] expected = new float[0];
        List<Float> all = new ArrayList<>();
        net.params().forEach(p -> {
            for (float v : p.value()) {
                all.add(v);
            }
        });
        expected = new float[all.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = all.get(i);
        }
        assertArrayEquals(expected, weights(stepped));
    }

    @Test
    void runningABatchInOneCallEqualsSteppingItPhaseByPhase() {
        Stepper whole = stepper(4, Stepper.Settings.of(0.1f), true);
        Stepper phased = stepper(4, Stepper.Settings.of(0.1f), true);
        whole.runBatches(3);
        for (int i = 0; i < 3 * phased.phases().size(); i++) {
            phased.next();
        }
        assertArrayEquals(weights(whole), weights(phased));
        assertEquals(whole.loss(), phased.loss());
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        Stepper a = stepper(9, Stepper.Settings.of(0.1f).withoutHistory(), true);
        Stepper b = stepper(9, Stepper.Settings.of(0.1f).withoutHistory(), true);
        Stepper c = stepper(10, Stepper.Settings.of(0.1f).withoutHistory(), true);
        a.runBatches(23);
        b.runBatches(23);
        c.runBatches(23);
        assertArrayEquals(weights(a), weights(b));
        assertFalse(java.util.Arrays.equals(weights(a), weights(c)));
    }

    @Test
    void rewindingAndRerunningGivesIdenticalResults() {
        Stepper s = stepper(2, Stepper.Settings.of(0.1f), true);
        s.runBatches(9);
        float[] at9 = weights(s);
        float loss9 = s.loss();
        assertTrue(s.rewindTo(3, 4));
        assertEquals(3, s.step());
        assertEquals(4, s.phaseIndex());
        s.runBatches(6);
        assertEquals(9, s.step());
        assertArrayEquals(at9, weights(s));
        assertEquals(loss9, s.loss());
    }

    @Test
    void rewindingToTheStepBoundaryWhereTheStepperStandsChangesNothing() {
        Stepper s = stepper(2, Stepper.Settings.of(0.1f), true);
        s.runBatches(5);
        float[] at5 = weights(s);
        long optimizerSteps = s.optimizer().steps();
        assertTrue(s.rewindTo(5, 0));
        assertEquals(5, s.step());
        assertArrayEquals(at5, weights(s));
        assertEquals(optimizerSteps, s.optimizer().steps());
    }

    @Test
    void previousPhaseRestoresWhatThatPhaseShowed() {
        Stepper s = stepper(6, Stepper.Settings.of(0.1f), false);
        s.runBatches(2);
        for (int i = 0; i < 4; i++) {
            s.next();
        }
        float[] hidden2 = s.view("hidden2").output().copy();
        s.next();
        s.next();
        s.next();
        assertTrue(s.previous());
        assertTrue(s.previous());
        assertTrue(s.previous());
        assertEquals(4, s.phaseIndex());
        assertEquals("forward", s.lastPhase().kind());
        assertEquals("hidden2", s.lastPhase().node());
        assertArrayEquals(hidden2, s.view("hidden2").output().copy());
        // Back across a step boundary: the last phase before step 2 began is the update of step 1.
        s.rewindTo(2, 0);
        assertTrue(s.previous());
        assertEquals(1, s.step());
        assertEquals(s.phases().size() - 1, s.phaseIndex());
    }

    @Test
    void historyIsCappedInBytesAndReportsWhatItKeeps() {
        Stepper probe = stepper(1, Stepper.Settings.of(0.1f), true);
        long perSnapshot = (long) probe.history().bytes();
        probe.next();
        long oneSlot = probe.history().bytes();
        assertTrue(oneSlot > perSnapshot);
        Stepper s = stepper(1, new Stepper.Settings(0.1f, null, 0, oneSlot * 3, 1), true);
        s.runBatches(10);
        assertEquals(3, s.history().capacity());
        assertEquals(3, s.history().snapshots());
        assertEquals(3 * oneSlot, s.history().bytes());
        assertEquals(7, s.history().oldestStep());
        assertFalse(s.rewindTo(5, 0), "step 5 is older than the history");
        assertTrue(s.rewindTo(8, 2));
    }

    @Test
    void snapshotsEveryNStepsStillReachEveryStepByReplay() {
        Stepper s = stepper(8, new Stepper.Settings(0.1f, null, 0, 64L << 20, 4), true);
        s.runBatches(11);
        float[] at11 = weights(s);
        assertTrue(s.rewindTo(6, 3));
        s.runBatches(5);
        assertEquals(11, s.step());
        assertArrayEquals(at11, weights(s));
    }

    @Test
    void anExplodingLearningRateHaltsWithTheNodeAndNeverThrows() {
        Stepper s = stepper(1, Stepper.Settings.of(1e30f), false);
        boolean finished = s.runBatches(50);
        assertFalse(finished);
        Halt halt = s.halt();
        assertNotNull(halt);
        assertTrue(halt.message().contains("became NaN or infinite"), halt.message());
        assertFalse(s.next(), "a halted stepper runs nothing");
        assertTrue(s.previous(), "going back clears the halt");
        assertNull(s.halt());
    }

    @Test
    void aFrozenNodeIsNeitherUpdatedNorGivenGradientsWhileTheOthersTrain() {
        Stepper s = stepper(5, Stepper.Settings.of(0.1f), true);
        s.network().node("hidden1").setFrozen(true);
        s.refreshFrozen();
        Dense hidden1 = (Dense) s.network().node("hidden1");
        Dense output = (Dense) s.network().node("output");
        float[] frozenBefore = hidden1.weight().value().clone();
        float[] trainedBefore = output.weight().value().clone();
        s.runBatches(5);
        assertArrayEquals(frozenBefore, hidden1.weight().value());
        assertArrayEquals(new float[hidden1.weight().size()], hidden1.weight().grad());
        assertFalse(java.util.Arrays.equals(trainedBefore, output.weight().value()));
    }

    @Test
    void aLearningRateScaleMovesThatNodeByTheScaledStepOnly() {
        Stepper full = stepper(5, Stepper.Settings.of(0.1f), false);
        Stepper scaled = stepper(5, Stepper.Settings.of(0.1f), false);
        scaled.setLearningRateScale("hidden1", 0.5f);
        float[] start = ((Dense) full.network().node("hidden1")).weight().value().clone();
        full.finishStep();
        scaled.finishStep();
        float[] fullMove = ((Dense) full.network().node("hidden1")).weight().value();
        float[] halfMove = ((Dense) scaled.network().node("hidden1")).weight().value();
        for (int i = 0; i < start.length; i++) {
            // SGD: w − 0.05·g against w − 0.1·g from the same w and g.
            assertEquals((fullMove[i] - start[i]) * 0.5f, halfMove[i] - start[i], 1e-6f, "weight " + i);
        }
        assertArrayEquals(((Dense) full.network().node("output")).weight().value(),
                ((Dense) scaled.network().node("output")).weight().value());
        assertEquals(0.5f, scaled.learningRateScale("hidden1"));
        assertEquals(1f, scaled.learningRateScale("output"));
    }

    @Test
    void clippingLimitsTheGlobalNormOfTheAppliedGradient() {
        Stepper s = stepper(13, new Stepper.Settings(0.5f, null, 0.01f, 64L << 20, 1), false);
        s.finishStep();
        assertTrue(s.gradientNorm() > 0.01, "the raw norm is reported: " + s.gradientNorm());
        double moved = 0;
        float[] before = s.paramsAtStepStart();
        for (Param p : s.network().params()) {
            int offset = s.paramOffset(p);
            for (int i = 0; i < p.size(); i++) {
                double d = p.value()[i] - before[offset + i];
                moved += d * d;
            }
        }
        // Plain SGD moves the weights by lr · g, so after clipping by 0.5 · 0.01.
        assertEquals(0.5 * 0.01, Math.sqrt(moved), 1e-5);
    }

    @Test
    void l2RegularizationAddsToTheLossAndShrinksWeights() {
        Stepper plain = stepper(12, Stepper.Settings.of(0.1f), false);
        Stepper decayed = stepper(12, new Stepper.Settings(0.1f, new org.stepwise.core.train.Regularization(0f, 0.5f),
                0f, 64L << 20, 1), false);
        plain.finishStep();
        decayed.finishStep();
        double penalty = 0;
        for (Param p : decayed.network().params()) {
            if (p.isWeight()) {
                float[] before = decayed.paramsAtStepStart();
                int offset = decayed.paramOffset(p);
                for (int i = 0; i < p.size(); i++) {
                    penalty += 0.25 * before[offset + i] * before[offset + i];
                }
            }
        }
        assertEquals(plain.loss() + penalty, decayed.loss(), 1e-4);
        double plainNorm = 0;
        double decayedNorm = 0;
        for (int i = 0; i < plain.network().params().size(); i++) {
            for (float v : plain.network().params().get(i).value()) {
                plainNorm += v * v;
            }
            for (float v : decayed.network().params().get(i).value()) {
                decayedNorm += v * v;
            }
        }
        assertTrue(decayedNorm < plainNorm);
    }

    @Test
    void trainingWithoutObserverOrHistoryAllocatesNothingPerStep() {
        Stepper s = stepper(1, Stepper.Settings.of(0.05f).withoutHistory(), true);
        // Until C2 has compiled the vector kernels, the Vector API runs its Java fallback, which allocates.
        s.runBatches(40_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        s.runBatches(5000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // Even one 16-byte object per step would be 80,000 bytes; the allowance covers a rare JIT recompilation.
        assertTrue(allocated < 5000, "allocated " + allocated + " bytes over 5000 steps");
    }

    @Test
    void oneLogitBinaryTrainingAllocatesNothingPerStep() {
        // The default project's case: two classes, one logit, bce fed the batcher's 0/1 targets.
        Dataset spiral = Generators.generate("spiral", 37, 0.1, 1);
        Network net = Network.build(Templates.find("mlp-2-8-8-1").orElseThrow().graph(), 1,
                Kernels.active());
        Stepper s = new Stepper(net, new Batcher(spiral, BATCH, 1, true), new BinaryCrossEntropyWithLogits(),
                new Adam(net.params(), net.kernels()), new ConstantSchedule(),
                Stepper.Settings.of(0.05f).withoutHistory());
        s.runBatches(40_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        s.runBatches(5000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 5000, "allocated " + allocated + " bytes over 5000 steps");
    }
}
