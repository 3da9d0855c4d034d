// "Show the math" for attention: one query's scores, softmax weights and mixed values, checked against numbers
// worked out by hand for identity projections, where q = k = v = x.
package org.stepwise.core.stepper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Input;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.MeanSquaredError;

class AttentionMathTest {
    private static final double ROOT2 = Math.sqrt(2);

    /** Three positions of width 2, x = (1, 0), (0, 1), (1, 1), into one head with identity q, k and v maps. */
    private static Stepper stepper() {
        GraphDef g = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3, 2))),
                new NodeDef("attn", new CausalSelfAttention.Spec(1), "in")));
        Network net = Network.build(g, 3, Kernels.active());
        CausalSelfAttention attn = (CausalSelfAttention) net.node("attn");
        float[] identities = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}; // W_q, W_k, W_v stacked, (6, 2)
        System.arraycopy(identities, 0, attn.inProjectionWeight().value(), 0, identities.length);
        java.util.Arrays.fill(attn.inProjectionBias().value(), 0f);
        float[] x = {1, 0, 0, 1, 1, 1};
        Dataset d = Dataset.regression("three positions", Shape.of(3, 2), x, new float[6], 1);
        return new Stepper(net, new Batcher(d, 1, 1, false), new MeanSquaredError(), new Sgd(net.params(),
                net.kernels()), new ConstantSchedule(), Stepper.Settings.of(0.5f));
    }

    /** The stepper after the input's and the attention's forward. */
    private static Stepper afterForward() {
        Stepper s = stepper();
        s.next();
        s.next();
        return s;
    }

    @Test
    void theLastPositionScoresEveryKeyAndMixesTheValuesByTheSoftmax() {
        Stepper s = afterForward();
        AttentionMath m = MathExplainer.attention(s, "attn", 0, 2, 0);
        assertArrayEquals(new double[] {1, 1}, m.query(), 1e-6);
        assertEquals(List.of(1.0, 1.0, 2.0), m.keys().stream().map(AttentionMath.Key::dot).toList());
        double[] scores = m.keys().stream().mapToDouble(AttentionMath.Key::score).toArray();
        assertArrayEquals(new double[] {1 / ROOT2, 1 / ROOT2, 2 / ROOT2}, scores, 1e-6);
        // softmax(0.7071, 0.7071, 1.4142) = e^s / (2·2.02811 + 4.11325)
        double[] weights = m.keys().stream().mapToDouble(AttentionMath.Key::weight).toArray();
        assertArrayEquals(new double[] {0.248255, 0.248255, 0.503490}, weights, 1e-5);
        // 0.248255·(1, 0) + 0.248255·(0, 1) + 0.503490·(1, 1)
        assertArrayEquals(new double[] {0.751745, 0.751745}, m.context(), 1e-5);
        assertArrayEquals(new double[] {0, 1}, m.keys().get(1).value(), 1e-6);
        assertEquals(1 / ROOT2, m.scale(), 1e-9);
    }

    @Test
    void aPositionSeesOnlyItselfAndEarlierPositions() {
        Stepper s = afterForward();
        AttentionMath first = MathExplainer.attention(s, "attn", 0, 0, 0);
        assertEquals(1, first.keys().size());
        assertEquals(1.0, first.keys().get(0).weight(), 1e-6);
        // position 1, q = (0, 1): scores 0 and 1/√2, weights 0.330238 and 0.669762
        AttentionMath second = MathExplainer.attention(s, "attn", 0, 1, 0);
        assertEquals(2, second.keys().size());
        assertEquals(0.330238, second.keys().get(0).weight(), 1e-5);
        assertEquals(0.669762, second.keys().get(1).weight(), 1e-5);
    }

    @Test
    void afterTheUpdateTheMathStillShowsTheWeightsTheForwardUsed() {
        Stepper s = afterForward();
        AttentionMath during = MathExplainer.attention(s, "attn", 0, 2, 0);
        s.finishStep();
        AttentionMath after = MathExplainer.attention(s, "attn", 0, 2, 0);
        assertArrayEquals(during.query(), after.query(), 0);
        assertArrayEquals(during.context(), after.context(), 0);
    }

    @Test
    void otherNodesAndBadIndicesAreRefusedByName() {
        Stepper s = afterForward();
        assertThrows(GraphException.class, () -> MathExplainer.attention(s, "in", 0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathExplainer.attention(s, "attn", 1, 0, 0));
        assertEquals("Attention 'attn' has heads 0..0 and positions 0..2, not head 1 at 0", e.getMessage());
    }
}
