// Flatten: an image becomes a vector with its values in row-major order, and gradients flow back unchanged.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class FlattenTest {

    private static GraphDef flatten(Shape image) {
        return new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(image)),
                new NodeDef("f", new Flatten.Spec(), "in")));
    }

    @Test
    void anImageBecomesOneVectorPerSampleInRowMajorOrder() {
        Network net = Network.build(flatten(Shape.of(2, 1, 2)), 1);
        float[] y = net.predict(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2);
        assertEquals(Shape.of(4), net.output().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, Arrays.copyOf(y, 8));
    }

    @Test
    void backwardAddsTheGradientToTheImageUnchanged() {
        Network net = Network.build(flatten(Shape.of(1, 2, 2)), 1);
        net.setInputGradient(true);
        net.load(new float[] {0, 0, 0, 0}, 1);
        net.forward(true);
        net.zeroGradients();
        net.input().gradOutput()[0] = 100f;
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, net.output().gradOutput(), 0, 4);
        net.backwardNode(1);
        assertArrayEquals(new float[] {101, 2, 3, 4}, Arrays.copyOf(net.input().gradOutput(), 4));
    }

    @Test
    void aConvolutionFlattenedIntoADenseLayerPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 5, 5))),
                new NodeDef("c", new Conv2D.Spec(3, 3, 2, 1, Activation.TANH), "in"),
                new NodeDef("f", new Flatten.Spec(), "c"),
                new NodeDef("d", new Dense.Spec(4, Activation.IDENTITY), "f"))), 3, 29);
    }
}
