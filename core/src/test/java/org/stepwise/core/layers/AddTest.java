// Add: the element-wise sum of skip connections, its gradient to every input, and the equal-shape rule.
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

class AddTest {

    @Test
    void aResidualConnectionAddsTheInputToTheLayersOutput() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("d", new Dense.Spec(2, Activation.IDENTITY), "in"),
                new NodeDef("sum", new Add.Spec(), "in", "d"))), 1);
        Dense d = (Dense) net.node("d");
        // W = [[1, 2], [3, 4]], b = 0; x = [1, −1]: W·x = [−1, −1], and x + W·x = [0, −2].
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, d.weight().value(), 0, 4);
        float[] y = net.predict(new float[] {1, -1, 2, 0}, 2);
        assertArrayEquals(new float[] {0, -2, 4, 6}, Arrays.copyOf(y, 4));
    }

    @Test
    void everyInputReceivesTheWholeGradientAndAnInputUsedTwiceReceivesItTwice() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("sum", new Add.Spec(), "in", "in", "in"))), 1);
        net.setInputGradient(true);
        net.load(new float[] {1, 2}, 1);
        net.forward(true);
        assertArrayEquals(new float[] {3, 6}, Arrays.copyOf(net.output().output(), 2));
        net.zeroGradients();
        System.arraycopy(new float[] {0.5f, -1}, 0, net.output().gradOutput(), 0, 2);
        net.backward();
        assertArrayEquals(new float[] {1.5f, -3}, Arrays.copyOf(net.input().gradOutput(), 2));
    }

    @Test
    void aSkipConnectionPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(5))),
                new NodeDef("d1", new Dense.Spec(6, Activation.TANH), "in"),
                new NodeDef("d2", new Dense.Spec(6, Activation.TANH), "d1"),
                new NodeDef("sum", new Add.Spec(), "d1", "d2"),
                new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY), "sum"))), 4, 47);
    }

    @Test
    void aThreeWayImageSumPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 4, 4))),
                new NodeDef("c1", new Conv2D.Spec(2, 3, 1, 1, Activation.TANH), "in"),
                new NodeDef("c2", new Conv2D.Spec(2, 1, 1, 0, Activation.IDENTITY), "in"),
                new NodeDef("sum", new Add.Spec(), "c1", "c2", "in"))), 3, 53);
    }

    @Test
    void unequalShapesAreRejectedNamingBothProducers() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("a", new Dense.Spec(8, Activation.RELU), "in"),
                new NodeDef("b", new Dense.Spec(4, Activation.RELU), "in"),
                new NodeDef("sum", new Add.Spec(), "a", "b"))).validate());
        assertEquals("Add 'sum' needs equal shapes but receives (8) from 'a' and (4) from 'b'", e.getMessage());
    }

    @Test
    void aSingleInputIsNotEnough() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("sum", new Add.Spec(), "in"))).validate());
        assertEquals("Add 'sum' needs at least 2 inputs but has 1", e.getMessage());
    }
}
