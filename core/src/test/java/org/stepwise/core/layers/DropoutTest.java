// Dropout: identity in inference, inverted dropout in training with a mask drawn from the step's seed only.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.tensor.Shape;

class DropoutTest {

    private static final int ROWS = 100;
    private static final int FEATURES = 1000;

    private static Network dropout(float rate) {
        return Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(FEATURES))),
                new NodeDef("drop", new Dropout.Spec(rate), "in"))), 9);
    }

    private static float[] ones() {
        float[] x = new float[ROWS * FEATURES];
        Arrays.fill(x, 1f);
        return x;
    }

    private static float[] trainingOutput(Network net) {
        net.load(ones(), ROWS);
        net.forward(true);
        return Arrays.copyOf(net.output().output(), ROWS * FEATURES);
    }

    @Test
    void inferencePassesValuesThroughUnchanged() {
        Network net = dropout(0.5f);
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.25f;
        }
        assertArrayEquals(x, Arrays.copyOf(net.predict(x, ROWS), x.length));
    }

    @Test
    void trainingZeroesAboutRateOfTheValuesAndScalesTheRest() {
        float[] y = trainingOutput(dropout(0.3f));
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
        }
        // 100 000 draws: the standard deviation of the count is about 145.
        assertEquals(0.3 * y.length, zeros, 1000);
    }

    @Test
    void theSameStepDrawsTheSameMaskAndTheNextStepAnother() {
        Network net = dropout(0.5f);
        net.setStep(4);
        float[] first = trainingOutput(net);
        float[] again = trainingOutput(net);
        net.setStep(5);
        float[] next = trainingOutput(net);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, next));
    }

    @Test
    void aTrainingStepAllocatesNothing() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(16))),
                new NodeDef("drop", new Dropout.Spec(0.5f), "in"))), 9);
        net.load(new float[4 * 16], 4);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        for (int step = 0; step < 2000; step++) {
            net.setStep(step);
            net.forward(true);
            net.backward();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int step = 0; step < 200; step++) {
            net.setStep(step);
            net.forward(true);
            net.backward();
        }
        assertEquals(0, threads.getThreadAllocatedBytes(thread) - before);
    }

    @Test
    void backwardLetsGradientThroughTheKeptValuesOnly() {
        Network net = dropout(0.25f);
        net.setInputGradient(true);
        float[] mask = trainingOutput(net);
        net.zeroGradients();
        Arrays.fill(net.output().gradOutput(), 0, ROWS * FEATURES, 1f);
        net.backward();
        assertArrayEquals(mask, Arrays.copyOf(net.input().gradOutput(), ROWS * FEATURES));
    }

    @Test
    void dropoutBetweenDenseLayersPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(6))),
                new NodeDef("d1", new Dense.Spec(8, Activation.TANH), "in"),
                new NodeDef("drop", new Dropout.Spec(0.4f), "d1"),
                new NodeDef("d2", new Dense.Spec(3, Activation.IDENTITY), "drop"))), 4, 31);
    }

    @Test
    void aRateOfOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout.Spec(1f));
        assertEquals("A dropout rate must be at least 0 and below 1, not 1.0", e.getMessage());
    }
}
