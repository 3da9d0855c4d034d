// Initialisation: the schemes' statistics, constants, and that the seed alone decides every weight.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class InitTest {

    @Test
    void heHasTheStandardDeviationOfItsFanIn() {
        float[] w = new float[200_000];
        Init.HE.fill(w, 50, 10, 0, new SplittableRandom(1));
        double mean = 0;
        double var = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        for (float v : w) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 0.002);
        assertEquals(Math.sqrt(2.0 / 50), Math.sqrt(var / w.length), 0.002);
    }

    @Test
    void glorotStaysWithinItsLimitAndReachesItsEdges() {
        float[] w = new float[100_000];
        Init.GLOROT.fill(w, 20, 30, 0, new SplittableRandom(2));
        double limit = Math.sqrt(6.0 / 50);
        double max = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= limit + 1e-7);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.99 * limit);
    }

    @Test
    void zerosAndConstantsFillEveryWeight() {
        float[] w = new float[7];
        Init.CONSTANT.fill(w, 3, 3, 0.25f, new SplittableRandom(3));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, w);
        Init.ZEROS.fill(w, 3, 3, 0, new SplittableRandom(3));
        assertArrayEquals(new float[7], w);
    }

    @Test
    void theSeedAloneDecidesTheWeightsAndBiasesStartAtZero() {
        GraphDef g = new GraphDef(List.of(new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("d", new Dense.Spec(4, Activation.RELU), "in")));
        Dense a = (Dense) Network.build(g, 42).node("d");
        Dense b = (Dense) Network.build(g, 42).node("d");
        Dense c = (Dense) Network.build(g, 43).node("d");
        assertArrayEquals(a.weight().value(), b.weight().value());
        assertFalse(java.util.Arrays.equals(a.weight().value(), c.weight().value()));
        assertArrayEquals(new float[4], a.bias().value());
    }
}
