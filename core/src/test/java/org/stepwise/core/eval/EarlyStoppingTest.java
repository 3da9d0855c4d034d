// Early stopping: patience counts epochs without improvement, and the best epoch's weights come back exactly.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Param;

class EarlyStoppingTest {

    private static Metrics loss(double value) {
        return new RegressionMetrics(10, value, value, 0, 0);
    }

    private static List<float[]> snapshot(Network net) {
        List<float[]> copy = new ArrayList<>();
        net.params().forEach(p -> copy.add(p.value().clone()));
        return copy;
    }

    private static void perturb(Network net, float by) {
        for (Param p : net.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] += by;
            }
        }
    }

    @Test
    void stopsOnceEpochsWithoutImprovementExceedThePatience() {
        Network net = Network.build(Blobs.mlp(4), 1);
        EarlyStopping stopping = EarlyStopping.onLoss(2);
        assertFalse(stopping.observe(1, loss(1.0), net));
        assertFalse(stopping.observe(2, loss(0.5), net));
        assertFalse(stopping.observe(3, loss(0.7), net));
        assertFalse(stopping.observe(4, loss(0.6), net));
        assertTrue(stopping.observe(5, loss(0.8), net));
        assertEquals(2, stopping.bestEpoch());
        assertEquals(0.5, stopping.bestValue());
    }

    @Test
    void restoringBringsBackTheBestEpochsWeightsExactly() {
        Network net = Network.build(Blobs.mlp(4), 1);
        EarlyStopping stopping = EarlyStopping.onLoss(5);
        double[] losses = {0.9, 0.4, 0.6, 0.5};
        List<float[]> best = null;
        for (int e = 0; e < losses.length; e++) {
            perturb(net, 0.125f * (e + 1));
            stopping.observe(e + 1, loss(losses[e]), net);
            if (e == 1) {
                best = snapshot(net);
            }
        }
        assertTrue(stopping.restoreBest(net));
        List<float[]> restored = snapshot(net);
        for (int i = 0; i < best.size(); i++) {
            assertArrayEquals(best.get(i), restored.get(i));
        }
        assertEquals(2, stopping.bestEpoch());
    }

    @Test
    void higherIsBetterForScoresAndADivergedLossNeverCountsAsBest() {
        Network net = Network.build(Blobs.mlp(4), 1);
        EarlyStopping onScore = EarlyStopping.onScore(3);
        onScore.observe(1, loss(0.8), net);
        onScore.observe(2, loss(0.3), net);
        assertEquals(2, onScore.bestEpoch(), "the score of a regression is −loss, so 0.3 scores higher");

        EarlyStopping onLoss = EarlyStopping.onLoss(3);
        onLoss.observe(1, loss(0.8), net);
        onLoss.observe(2, loss(Double.NaN), net);
        assertEquals(1, onLoss.bestEpoch());
    }

    @Test
    void restoringBeforeAnyEpochChangesNothing() {
        Network net = Network.build(Blobs.mlp(4), 1);
        List<float[]> before = snapshot(net);
        assertFalse(EarlyStopping.onLoss(1).restoreBest(net));
        assertArrayEquals(before.get(0), net.params().get(0).value());
    }
}
