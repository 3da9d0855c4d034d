// The gradient check reports its progress element by element and stops when its watcher asks, weights restored.
package org.stepwise.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

class GradientCheckWatcherTest {

    // 3 -> 4 -> 2: weights 12 + 4 and 8 + 2 elements, all below the 64-element sample.
    private static Network net() {
        return Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("hidden", new Dense.Spec(4, Activation.TANH), "in"),
                new NodeDef("out", new Dense.Spec(2, Activation.IDENTITY), "hidden"))), 5);
    }

    private static Batch batch() {
        return Batch.regression(new float[] {0.5f, -1, 0.25f, 1, 0, -0.5f}, new float[] {1, 0, 0, 1}, 2);
    }

    @Test
    void progressCountsEveryComparedElementUpToTheTotal() {
        List<int[]> calls = new ArrayList<>();
        new GradientCheck().run(net(), new MeanSquaredError(), batch(), false, new GradientCheck.Watcher() {
            @Override
            public void progress(int done, int total) {
                calls.add(new int[] {done, total});
            }
        });
        assertEquals(26, calls.size());
        assertArrayEquals(new int[] {1, 26}, calls.get(0));
        assertArrayEquals(new int[] {26, 26}, calls.get(25));
    }

    @Test
    void aCancelledCheckStopsAtOnceAndLeavesTheWeightsAsTheyWere() {
        Network net = net();
        float[] before = net.node("hidden").params().get(0).value().clone();
        int[] done = {0};
        assertThrows(CancellationException.class, () -> new GradientCheck().run(net, new MeanSquaredError(),
                batch(), false, new GradientCheck.Watcher() {
                    @Override
                    public void progress(int d, int total) {
                        done[0] = d;
                    }

                    @Override
                    public boolean cancelled() {
                        return done[0] >= 5;
                    }
                }));
        assertEquals(5, done[0]);
        assertArrayEquals(before, net.node("hidden").params().get(0).value());
    }
}
