// Concat: vectors joined along features and images along channels, gradients split back, mismatches named.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class ConcatTest {

    @Test
    void vectorsAreJoinedFeatureAfterFeaturePerSample() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("d", new Dense.Spec(1, Activation.IDENTITY), "in"),
                new NodeDef("cat", new Concat.Spec(), "in", "d"))), 1);
        Dense d = (Dense) net.node("d");
        System.arraycopy(new float[] {1, 10}, 0, d.weight().value(), 0, 2);
        float[] y = net.predict(new float[] {1, 2, 3, 4}, 2);
        assertEquals(Shape.of(3), net.output().shape());
        assertArrayEquals(new float[] {1, 2, 21, 3, 4, 43}, Arrays.copyOf(y, 6));
    }

    @Test
    void imagesAreJoinedChannelAfterChannel() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(1, 1, 2))),
                new NodeDef("c", new Conv2D.Spec(2, 1, 1, 0, Activation.IDENTITY), "in"),
                new NodeDef("cat", new Concat.Spec(), "c", "in"))), 1);
        Conv2D c = (Conv2D) net.node("c");
        System.arraycopy(new float[] {2, -1}, 0, c.weight().value(), 0, 2);
        float[] y = net.predict(new float[] {3, 5}, 1);
        assertEquals(Shape.of(3, 1, 2), net.output().shape());
        assertArrayEquals(new float[] {6, 10, -3, -5, 3, 5}, Arrays.copyOf(y, 6));
    }

    @Test
    void backwardHandsEachInputItsOwnSlice() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("cat", new Concat.Spec(), "in", "in"))), 1);
        net.setInputGradient(true);
        net.load(new float[] {1, 2, 3, 4}, 2);
        net.forward(true);
        net.zeroGradients();
        System.arraycopy(new float[] {1, 2, 10, 20, 3, 4, 30, 40}, 0, net.output().gradOutput(), 0, 8);
        net.backward();
        assertArrayEquals(new float[] {11, 22, 33, 44}, Arrays.copyOf(net.input().gradOutput(), 4));
    }

    @Test
    void twoDenseBranchesPassTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4))),
                new NodeDef("a", new Dense.Spec(3, Activation.TANH), "in"),
                new NodeDef("b", new Dense.Spec(5, Activation.SIGMOID), "in"),
                new NodeDef("cat", new Concat.Spec(), "a", "b"),
                new NodeDef("out", new Dense.Spec(2, Activation.IDENTITY), "cat"))), 4, 59);
    }

    @Test
    void twoConvolutionBranchesPassTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 5, 5))),
                new NodeDef("a", new Conv2D.Spec(2, 3, 1, 1, Activation.TANH), "in"),
                new NodeDef("b", new Conv2D.Spec(3, 1, 1, 0, Activation.IDENTITY), "in"),
                new NodeDef("cat", new Concat.Spec(), "a", "b", "in"),
                new NodeDef("c", new Conv2D.Spec(2, 3, 2, 0, Activation.IDENTITY), "cat"))), 2, 61);
    }

    @Test
    void aVectorAndAnImageCannotBeJoined() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(1, 4, 4))),
                new NodeDef("f", new Flatten.Spec(), "in"),
                new NodeDef("cat", new Concat.Spec(), "f", "in"))).validate());
        assertEquals("Concat 'cat' cannot join (16) from 'f' and (1, 4, 4) from 'in': give it only vectors or only "
                + "images", e.getMessage());
    }

    @Test
    void imagesOfDifferentSizesAreRejectedNamingBoth() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(1, 6, 6))),
                new NodeDef("p", new MaxPool2D.Spec(2, 2), "in"),
                new NodeDef("cat", new Concat.Spec(), "in", "p"))).validate());
        assertEquals("Concat 'cat' needs images of equal height and width but receives (1, 6, 6) from 'in' and "
                + "(1, 3, 3) from 'p'", e.getMessage());
    }
}
