// The best previous-token head over every block, as lessons read it: the highest previousTokenScore of any head on
// the first windows of a dataset, measured on a copy, so the caller's buffers keep their last batch.
package org.stepwise.core.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

class PreviousTokenHeadTest {
    /** Five windows of five token ids over a vocabulary of 9. */
    private static final float[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 8, 7, 6, 5, 4, 3, 2, 1, 0, 8, 1, 3, 5, 7, 2};
    private static final Dataset WINDOWS = new Dataset("windows", Shape.of(5), X, new int[25], null, 5, 9);

    /** The best head after running {@code x} through {@code net} itself: what the copy must find. */
    private static TransformerTrace.HeadScore bestAfterRunning(Network net, float[] x, int rows) {
        net.predict(x, rows);
        TransformerTrace.HeadScore best = null;
        for (CausalSelfAttention a : TransformerTrace.attentionNodes(net)) {
            for (int h = 0; h < a.heads(); h++) {
                double score = TransformerTrace.previousTokenScore(a, h);
                if (best == null || score > best.score()) {
                    best = new TransformerTrace.HeadScore(a.name(), h, score);
                }
            }
        }
        return best;
    }

    @Test
    void theBestHeadIsTheHighestScoreOverAllBlocksAndLeavesTheNetworkAsItWas() {
        Network net = Network.build(new GptConfig(9, 5, 8, 2, 2, 16).graph(), 4, Kernels.active());
        net.predict(new float[] {8, 8, 8, 8, 8}, 1);
        float[] logitsBefore = net.output().output().clone();

        TransformerTrace.HeadScore best = TransformerTrace.bestPreviousTokenHead(net, WINDOWS, 4);

        assertEquals(1, net.batch(), "the caller's network ran nothing");
        assertArrayEquals(logitsBefore, net.output().output());
        assertEquals(bestAfterRunning(net, Arrays.copyOf(X, 20), 4), best);
    }

    @Test
    void askingForMoreWindowsThanThereAreMeasuresThemAll() {
        Network net = Network.build(new GptConfig(9, 5, 8, 2, 2, 16).graph(), 4, Kernels.active());
        TransformerTrace.HeadScore all = TransformerTrace.bestPreviousTokenHead(net, WINDOWS, 100);
        assertEquals(bestAfterRunning(net, X, 5), all);
    }

    @Test
    void aNetworkWithoutAttentionHasNoPreviousTokenHead() {
        Network net = Network.build(new GraphDef(List.of(new NodeDef("x", new Input.Spec(Shape.of(3))))), 1,
                Kernels.active());
        Dataset one = new Dataset("one", Shape.of(3), new float[3], new int[3], null, 1, 3);
        assertNull(TransformerTrace.bestPreviousTokenHead(net, one, 8));
    }
}
