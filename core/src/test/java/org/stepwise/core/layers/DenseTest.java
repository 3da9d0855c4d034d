// Dense and the stand-alone activations: values by hand, gradients against central differences, shape errors.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class DenseTest {

    @Test
    void forwardIsXTimesWeightTransposedPlusBias() {
        GraphDef g = new GraphDef(java.util.List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("d", new Dense.Spec(2, Activation.IDENTITY), "in")));
        Network net = Network.build(g, 1);
        Dense d = (Dense) net.node("d");
        // W = [[1, 2], [3, 4]] (units × inputs), b = [10, 20]; x = [1, -1] -> [1·1 + 2·−1 + 10, 3 − 4 + 20]
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, d.weight().value(), 0, 4);
        System.arraycopy(new float[] {10, 20}, 0, d.bias().value(), 0, 2);
        float[] y = net.predict(new float[] {1, -1}, 1);
        assertArrayEquals(new float[] {9, 19}, java.util.Arrays.copyOf(y, 2));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseWithEachActivationPassesTheGradientCheck(Activation act) {
        assertGradcheck(new GraphDef(java.util.List.of(
                new NodeDef("in", new Input.Spec(Shape.of(5))),
                new NodeDef("hidden", new Dense.Spec(7, act), "in"),
                new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY), "hidden"))), 4, 11);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void standAloneActivationPassesTheGradientCheck(Activation act) {
        assertGradcheck(new GraphDef(java.util.List.of(
                new NodeDef("in", new Input.Spec(Shape.of(6))),
                new NodeDef("d", new Dense.Spec(5, Activation.IDENTITY), "in"),
                new NodeDef("f", new ActivationNode.Spec(act), "d"))), 3, 5);
    }

    @Test
    void aDeclaredInputCountThatDoesNotMatchNamesBothSides() {
        GraphDef g = new GraphDef(java.util.List.of(
                new NodeDef("in", new Input.Spec(Shape.of(128))),
                new NodeDef("hidden2", new Dense.Spec(10, Activation.RELU, null, 0, 64), "in")));
        GraphException e = assertThrows(GraphException.class, g::validate);
        assertEquals("Dense 'hidden2' expects 64 inputs but receives 128 from 'in'", e.getMessage());
    }

    @Test
    void anImageIntoDenseAsksForAFlatten() {
        GraphDef g = new GraphDef(java.util.List.of(
                new NodeDef("in", new Input.Spec(Shape.of(1, 28, 28))),
                new NodeDef("d", new Dense.Spec(10, Activation.RELU), "in")));
        GraphException e = assertThrows(GraphException.class, g::validate);
        assertEquals("Dense 'd' expects a vector but receives (1, 28, 28) from 'in': put a Flatten before it",
                e.getMessage());
    }
}
