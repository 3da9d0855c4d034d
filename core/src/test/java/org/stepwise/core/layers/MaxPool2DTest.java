// MaxPool2D: maxima and gradient routing by hand, gradients against central differences, shape errors.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.MeanSquaredError;

class MaxPool2DTest {

    private static GraphDef pool(Shape image, int size, int stride) {
        return new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(image)),
                new NodeDef("p", new MaxPool2D.Spec(size, stride), "in")));
    }

    /** Forward, then backward with the given ∂L/∂output; returns ∂L/∂input. */
    private static float[] routeGradient(Network net, float[] x, float[] dy) {
        net.setInputGradient(true);
        net.load(x, 1);
        net.forward(true);
        net.zeroGradients();
        System.arraycopy(dy, 0, net.output().gradOutput(), 0, dy.length);
        net.backward();
        return Arrays.copyOf(net.input().gradOutput(), x.length);
    }

    @Test
    void eachOutputIsTheLargestValueOfItsWindowPerChannel() {
        Network net = Network.build(pool(Shape.of(2, 4, 4), 2, 2), 1);
        float[] x = {
            1, 2, 0, 0,
            3, 4, 0, 5,
            -1, -2, 7, 6,
            -3, -4, 8, 1,

            0, 0, 0, 0,
            0, -1, 2, 0,
            9, 0, -5, -6,
            0, 0, -7, -8,
        };
        float[] y = net.predict(x, 1);
        assertEquals(Shape.of(2, 2, 2), net.output().shape());
        assertArrayEquals(new float[] {4, 5, -1, 8, 0, 2, 9, -5}, Arrays.copyOf(y, 8));
    }

    @Test
    void backwardSendsEachGradientToTheWinnerOnly() {
        Network net = Network.build(pool(Shape.of(1, 4, 4), 2, 2), 1);
        float[] x = {
            1, 2, 0, 0,
            3, 4, 0, 5,
            -1, -2, 7, 6,
            -3, -4, 8, 1,
        };
        float[] dx = routeGradient(net, x, new float[] {10, 20, 30, 40});
        assertArrayEquals(new float[] {
            0, 0, 0, 0,
            0, 10, 0, 20,
            30, 0, 0, 0,
            0, 0, 40, 0,
        }, dx);
    }

    @Test
    void overlappingWindowsThatShareAWinnerAddTheirGradients() {
        // The centre is the maximum of all four 2×2 windows of a 3×3 image.
        Network net = Network.build(pool(Shape.of(1, 3, 3), 2, 1), 1);
        float[] dx = routeGradient(net, new float[] {1, 2, 3, 4, 9, 5, 6, 7, 8}, new float[] {1, 2, 3, 4});
        assertArrayEquals(new float[] {9, 9, 9, 9}, Arrays.copyOf(net.output().output(), 4));
        assertArrayEquals(new float[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, dx);
    }

    @Test
    void windowsThatOverhangTheImageAreDropped() {
        assertEquals(Shape.of(3, 2, 3), pool(Shape.of(3, 5, 7), 2, 2).validate().shapes().get("p"));
        assertEquals(Shape.of(3, 2, 3), pool(Shape.of(3, 6, 8), 3, 2).validate().shapes().get("p"));
    }

    // The inputs are a shuffle of values 0.05 apart, so no perturbation of ε = 0.01 changes a window's winner:
    // the max is only differentiable away from ties, and a central difference across one would be meaningless.
    @ParameterizedTest(name = "{0}×{1}×{2} image, window {3}, stride {4}")
    @CsvSource({
        "1, 4, 4, 2, 2",
        "2, 5, 7, 2, 2",
        "3, 6, 6, 3, 1",
        "2, 7, 5, 3, 2",
    })
    void poolingBeforeADenseLayerPassesTheGradientCheck(int channels, int height, int width, int size, int stride) {
        int rows = 2;
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(channels, height, width))),
                new NodeDef("p", new MaxPool2D.Spec(size, stride), "in"),
                new NodeDef("f", new Flatten.Spec(), "p"),
                new NodeDef("d", new Dense.Spec(3, Activation.IDENTITY), "f"))), 23);
        SplittableRandom random = new SplittableRandom(23);
        float[] x = new float[rows * channels * height * width];
        for (int i = 0; i < x.length; i++) {
            int j = random.nextInt(i + 1);
            x[i] = x[j];
            x[j] = (i - x.length / 2) * 0.05f;
        }
        float[] y = new float[rows * 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextDouble();
        }
        assertGradcheck(net, new MeanSquaredError(), Batch.regression(x, y, rows));
    }

    @Test
    void aVectorInputIsRejectedNamingItsShape() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(10))),
                new NodeDef("p", new MaxPool2D.Spec(2, 2), "in"))).validate());
        assertEquals("MaxPool2D 'p' expects an image (channels, height, width) but receives (10) from 'in'",
                e.getMessage());
    }

    @Test
    void aWindowLargerThanTheImageIsRejected() {
        GraphException e = assertThrows(GraphException.class, () -> pool(Shape.of(1, 2, 5), 3, 1).validate());
        assertEquals("MaxPool2D 'p' has a 3×3 window, which does not fit (1, 2, 5) from 'in'", e.getMessage());
    }
}
