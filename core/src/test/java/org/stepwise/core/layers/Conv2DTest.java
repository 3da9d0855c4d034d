// Conv2D: values by hand, gradients against central differences, PyTorch's parameter layout, shape errors, freezing.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class Conv2DTest {

    private static GraphDef conv(Shape image, Conv2D.Spec spec) {
        return new GraphDef(List.of(new NodeDef("in", new Input.Spec(image)), new NodeDef("c", spec, "in")));
    }

    @Test
    void forwardSlidesTheKernelOverTheImageAndAddsTheBias() {
        Network net = Network.build(conv(Shape.of(1, 3, 3), new Conv2D.Spec(1, 2, 1, 0, Activation.IDENTITY)), 1);
        Conv2D c = (Conv2D) net.node("c");
        // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], W = [[1, 2], [3, 4]], b = 0.5:
        // top-left window 1·1 + 2·2 + 3·4 + 4·5 + 0.5 = 37.5, and each step right adds 10, each step down 30.
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, c.weight().value(), 0, 4);
        c.bias().value()[0] = 0.5f;
        float[] y = net.predict(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, Arrays.copyOf(y, 4));
    }

    @Test
    void paddingAndStrideSumTheWindowsAroundEveryOtherPixel() {
        // A 3×3 kernel of ones with padding 1 and stride 2 sums the in-image part of the windows centred on the
        // corners; the second filter is the negative of the first and has its own bias.
        Network net = Network.build(conv(Shape.of(1, 3, 3),
                new Conv2D.Spec(2, 3, 2, 1, Activation.IDENTITY, Init.CONSTANT, 1f)), 1);
        Conv2D c = (Conv2D) net.node("c");
        Arrays.fill(c.weight().value(), 9, 18, -1f);
        c.bias().value()[1] = 100f;
        float[] y = net.predict(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
        assertEquals(Shape.of(2, 2, 2), net.output().shape());
        assertArrayEquals(new float[] {12, 16, 24, 28, 88, 84, 76, 72}, Arrays.copyOf(y, 8));
    }

    @Test
    void fusedActivationAppliesToTheConvolutionAndKeepsThePreActivation() {
        Network net = Network.build(conv(Shape.of(1, 2, 2), new Conv2D.Spec(1, 1, 1, 0, Activation.RELU)), 1);
        Conv2D c = (Conv2D) net.node("c");
        c.weight().value()[0] = -2f;
        float[] y = net.predict(new float[] {1, -1, 2, -3}, 1);
        assertArrayEquals(new float[] {0, 2, 0, 6}, Arrays.copyOf(y, 4));
        assertArrayEquals(new float[] {-2, 2, -4, 6}, Arrays.copyOf(c.preActivation(), 4));
    }

    @Test
    void parametersAreLaidOutAsPyTorchConv2d() {
        Network net = Network.build(conv(Shape.of(3, 8, 8), new Conv2D.Spec(5, 3, 1, 0, Activation.RELU)), 1);
        Conv2D c = (Conv2D) net.node("c");
        assertEquals(Shape.of(5, 3, 3, 3), c.weight().shape());
        assertEquals(Shape.of(5), c.bias().shape());
        assertTrue(c.weight().isWeight());
        assertTrue(!c.bias().isWeight());
        assertEquals(Shape.of(5, 6, 6), net.output().shape());
    }

    @Test
    void reluConvolutionsStartWithHeAndOthersWithGlorotOverTheKernelsFans() {
        // fanIn = 8 channels · 3 · 3 = 72, fanOut = 64 filters · 3 · 3 = 576.
        float[] he = ((Conv2D) Network.build(conv(Shape.of(8, 6, 6), new Conv2D.Spec(64, 3, 1, 1,
                Activation.RELU)), 2).node("c")).weight().value();
        double sumSquares = 0;
        for (float w : he) {
            sumSquares += w * w;
        }
        assertEquals(Math.sqrt(2.0 / 72), Math.sqrt(sumSquares / he.length), 0.05 * Math.sqrt(2.0 / 72));
        float[] glorot = ((Conv2D) Network.build(conv(Shape.of(8, 6, 6), new Conv2D.Spec(64, 3, 1, 1,
                Activation.TANH)), 2).node("c")).weight().value();
        double limit = Math.sqrt(6.0 / (72 + 576));
        double largest = 0;
        for (float w : glorot) {
            largest = Math.max(largest, Math.abs(w));
        }
        double extreme = largest;
        assertTrue(extreme <= limit && extreme > 0.99 * limit, () -> "largest |w| " + extreme + ", limit " + limit);
    }

    @ParameterizedTest(name = "{0}×{1}×{1} image, {2} filters {3}×{3}, stride {4}, padding {5}, {6}")
    @CsvSource({
        "1, 5, 2, 3, 1, 0, IDENTITY",
        "2, 6, 3, 3, 2, 1, RELU",
        "3, 7, 2, 2, 2, 0, TANH",
        "2, 5, 4, 1, 1, 0, SIGMOID",
        "1, 4, 2, 5, 1, 1, IDENTITY",
        "2, 7, 3, 3, 2, 2, IDENTITY",
        "2, 6, 3, 3, 1, 1, LEAKY_RELU",
    })
    void convolutionPassesTheGradientCheck(int channels, int side, int filters, int kernel, int stride, int padding,
                                           Activation act) {
        assertGradcheck(conv(Shape.of(channels, side, side), new Conv2D.Spec(filters, kernel, stride, padding, act)),
                3, 17);
    }

    @Test
    void stackedConvolutionsPassTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 6, 6))),
                new NodeDef("c1", new Conv2D.Spec(3, 3, 1, 1, Activation.TANH), "in"),
                new NodeDef("c2", new Conv2D.Spec(2, 3, 2, 0, Activation.IDENTITY), "c1"))), 2, 5);
    }

    @Test
    void aVectorInputIsRejectedNamingItsShape() {
        GraphDef g = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(784))),
                new NodeDef("c1", new Conv2D.Spec(6, 5, 1, 0, Activation.RELU), "in")));
        GraphException e = assertThrows(GraphException.class, g::validate);
        assertEquals("Conv2D 'c1' expects an image (channels, height, width) but receives (784) from 'in'",
                e.getMessage());
    }

    @Test
    void aKernelLargerThanThePaddedImageIsRejected() {
        GraphDef g = conv(Shape.of(1, 3, 3), new Conv2D.Spec(2, 5, 1, 0, Activation.RELU));
        GraphException e = assertThrows(GraphException.class, g::validate);
        assertEquals("Conv2D 'c' has a 5×5 kernel, which does not fit (1, 3, 3) from 'in' with padding 0",
                e.getMessage());
    }

    @Test
    void softmaxIsRefusedAsAConvolutionsActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D.Spec(2, 3, 1, 0, Activation.SOFTMAX));
        assertEquals("A convolution cannot end in softmax: flatten first, then apply softmax", e.getMessage());
    }

    @Test
    void aFrozenConvolutionLeavesItsGradientsAloneButStillPassesTheInputGradient() {
        GraphDef g = conv(Shape.of(2, 5, 5), new Conv2D.Spec(3, 3, 1, 1, Activation.IDENTITY));
        GraphDef frozen = new GraphDef(List.of(g.nodes().get(0), g.nodes().get(1).withFrozen(true)));
        float[] x = new float[2 * 50];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        float[] reference = inputGradient(Network.build(g, 3), x);
        Network net = Network.build(frozen, 3);
        Conv2D c = (Conv2D) net.node("c");
        Arrays.fill(c.weight().grad(), 42f);
        Arrays.fill(c.bias().grad(), -7f);
        float[] passed = inputGradient(net, x);
        assertTrue(c.frozen());
        assertTrue(allEqual(c.weight().grad(), 42f));
        assertTrue(allEqual(c.bias().grad(), -7f));
        assertArrayEquals(reference, passed);
        assertTrue(!allEqual(passed, 0f));
    }

    /** Runs forward and backward with ∂L/∂output = 1 everywhere and returns ∂L/∂input. */
    private static float[] inputGradient(Network net, float[] x) {
        int rows = 2;
        net.setInputGradient(true);
        net.load(x, rows);
        net.forward(true);
        net.zeroGradients();
        Node out = net.output();
        Arrays.fill(out.gradOutput(), 0, rows * out.size(), 1f);
        net.backward();
        return Arrays.copyOf(net.input().gradOutput(), rows * net.input().size());
    }

    private static boolean allEqual(float[] values, float v) {
        for (float f : values) {
            if (f != v) {
                return false;
            }
        }
        return true;
    }
}
