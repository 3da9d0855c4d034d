// BatchNorm: batch statistics and PyTorch's running-statistics update by hand, inference from the running
// statistics, and gradients through the batch statistics against central differences.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class BatchNormTest {

    private static final float EPS = 1e-5f;

    private static Network batchNorm(Shape shape) {
        return Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(shape)),
                new NodeDef("bn", new BatchNorm.Spec(), "in"))), 1);
    }

    private static float[] forward(Network net, float[] x, int rows, boolean training) {
        net.load(x, rows);
        net.forward(training);
        return Arrays.copyOf(net.output().output(), x.length);
    }

    private static float norm(double x, double mean, double var) {
        return (float) ((x - mean) / Math.sqrt(var + EPS));
    }

    @Test
    void trainingNormalisesEachFeatureWithTheBatchMeanAndBiasedVariance() {
        Network net = batchNorm(Shape.of(2));
        BatchNorm bn = (BatchNorm) net.node("bn");
        System.arraycopy(new float[] {2, 1}, 0, bn.gamma().value(), 0, 2);
        System.arraycopy(new float[] {0, 0.5f}, 0, bn.beta().value(), 0, 2);
        // Feature 0 is 1, 2, 3, 4: mean 2.5, variance 1.25. Feature 1 is 10, 10, 10, 14: mean 11, variance 3.
        float[] y = forward(net, new float[] {1, 10, 2, 10, 3, 10, 4, 14}, 4, true);
        assertArrayEquals(new float[] {
            2 * norm(1, 2.5, 1.25), norm(10, 11, 3) + 0.5f,
            2 * norm(2, 2.5, 1.25), norm(10, 11, 3) + 0.5f,
            2 * norm(3, 2.5, 1.25), norm(10, 11, 3) + 0.5f,
            2 * norm(4, 2.5, 1.25), norm(14, 11, 3) + 0.5f,
        }, y, 1e-6f);
    }

    @Test
    void oneTrainingForwardMovesTheRunningStatisticsAsPyTorchDoes() {
        Network net = batchNorm(Shape.of(2));
        BatchNorm bn = (BatchNorm) net.node("bn");
        forward(net, new float[] {1, 10, 2, 10, 3, 10, 4, 14}, 4, true);
        // running = 0.9 · running + 0.1 · batch, with the unbiased variances 5/3 and 12/3 and a start of (0, 1).
        assertArrayEquals(new float[] {0.25f, 1.1f}, bn.runningMean(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 5 / 3f, 0.9f + 0.1f * 4}, bn.runningVar(), 1e-6f);
    }

    @Test
    void inferenceNormalisesWithTheRunningStatisticsAndLeavesThemAlone() {
        Network net = batchNorm(Shape.of(2));
        BatchNorm bn = (BatchNorm) net.node("bn");
        forward(net, new float[] {1, 10, 2, 10, 3, 10, 4, 14}, 4, true);
        float[] mean = bn.runningMean().clone();
        float[] var = bn.runningVar().clone();
        float[] y = forward(net, new float[] {1, 10}, 1, false);
        assertArrayEquals(new float[] {norm(1, mean[0], var[0]), norm(10, mean[1], var[1])}, y, 1e-6f);
        assertArrayEquals(mean, bn.runningMean());
        assertArrayEquals(var, bn.runningVar());
    }

    @Test
    void imagesAreNormalisedPerChannelOverTheBatchAndEveryPosition() {
        Network net = batchNorm(Shape.of(2, 1, 2));
        BatchNorm bn = (BatchNorm) net.node("bn");
        // Channel 0 holds 1, 3 | 5, 7: mean 4, variance 5 (unbiased 20/3).
        // Channel 1 holds 0, 0 | 2, −2: mean 0, variance 2 (unbiased 8/3).
        float[] y = forward(net, new float[] {1, 3, 0, 0, 5, 7, 2, -2}, 2, true);
        assertArrayEquals(new float[] {
            norm(1, 4, 5), norm(3, 4, 5), norm(0, 0, 2), norm(0, 0, 2),
            norm(5, 4, 5), norm(7, 4, 5), norm(2, 0, 2), norm(-2, 0, 2),
        }, y, 1e-6f);
        assertArrayEquals(new float[] {0.4f, 0f}, bn.runningMean(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 20 / 3f, 0.9f + 0.1f * 8 / 3f}, bn.runningVar(), 1e-6f);
    }

    @Test
    void parametersAreGammaAndBetaPerChannelAndTheRunningStatisticsAreState() {
        Network net = batchNorm(Shape.of(3, 4, 4));
        BatchNorm bn = (BatchNorm) net.node("bn");
        assertEquals(Shape.of(3), bn.gamma().shape());
        assertEquals(Shape.of(3), bn.beta().shape());
        assertEquals(List.of("weight", "bias"), bn.params().stream().map(p -> p.name()).toList());
        assertFalse(bn.gamma().isWeight() || bn.beta().isWeight());
        assertArrayEquals(new float[] {1, 1, 1}, bn.gamma().value());
        assertArrayEquals(new float[] {0, 0, 0}, bn.beta().value());
        assertArrayEquals(new float[] {0, 0, 0}, bn.runningMean());
        assertArrayEquals(new float[] {1, 1, 1}, bn.runningVar());
        assertSame(bn.runningMean(), bn.state().get(0));
        assertSame(bn.runningVar(), bn.state().get(1));
    }

    @Test
    void inferenceBackwardIsTheAffineMapOfTheRunningStatistics() {
        Network net = batchNorm(Shape.of(1));
        BatchNorm bn = (BatchNorm) net.node("bn");
        bn.gamma().value()[0] = 2f;
        bn.runningMean()[0] = 1f;
        bn.runningVar()[0] = 3f;
        net.setInputGradient(true);
        forward(net, new float[] {5}, 1, false);
        net.zeroGradients();
        net.output().gradOutput()[0] = 1f;
        net.backward();
        float invStd = (float) (1 / Math.sqrt(3 + EPS));
        assertEquals(2 * invStd, net.input().gradOutput()[0], 1e-6f);
        assertEquals(4 * invStd, bn.gamma().grad()[0], 1e-6f);
        assertEquals(1f, bn.beta().grad()[0]);
    }

    // The layers before batch norm end in tanh: a bias straight before it has a true gradient of zero, where the
    // check would compare float noise with float noise.
    @Test
    void vectorBatchNormBetweenDenseLayersPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(5))),
                new NodeDef("d1", new Dense.Spec(6, Activation.TANH), "in"),
                new NodeDef("bn", new BatchNorm.Spec(), "d1"),
                new NodeDef("d2", new Dense.Spec(3, Activation.TANH), "bn"))), 4, 37);
    }

    @Test
    void batchNormOnTheInputPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4))),
                new NodeDef("bn", new BatchNorm.Spec(0.3f, 1e-3f), "in"),
                new NodeDef("d", new Dense.Spec(2, Activation.IDENTITY), "bn"))), 5, 41);
    }

    @Test
    void imageBatchNormAfterAConvolutionPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 4, 4))),
                new NodeDef("c", new Conv2D.Spec(3, 3, 1, 1, Activation.TANH), "in"),
                new NodeDef("bn", new BatchNorm.Spec(), "c"),
                new NodeDef("c2", new Conv2D.Spec(2, 3, 2, 0, Activation.IDENTITY), "bn"))), 3, 43);
    }

    @Test
    void trainingOnASingleValuePerChannelIsRefused() {
        Network net = batchNorm(Shape.of(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> forward(net, new float[] {1, 2}, 1, true));
        assertEquals("BatchNorm 'bn' needs more than one value per channel in training, but receives a batch of 1 "
                + "of shape (2)", e.getMessage());
    }
}
