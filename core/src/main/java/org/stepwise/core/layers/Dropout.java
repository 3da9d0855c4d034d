// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1 / (1 − rate), so that
// inference needs no rescaling and passes values through unchanged.
//
// The mask comes only from the step's seed: repeating a forward within a step (the gradient check, the stepper's
// replay) draws the same mask, and the next step draws another.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.random.SplitMix64;
import org.stepwise.core.tensor.Shape;

public final class Dropout extends Node {

    /** @param rate the probability of zeroing a value in training, in [0, 1) */
    public record Spec(float rate) implements LayerSpec {
        public Spec {
            if (!(rate >= 0f && rate < 1f)) {
                throw new IllegalArgumentException("A dropout rate must be at least 0 and below 1, not " + rate);
            }
        }

        @Override
        public String type() {
            return "dropout";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            return in.get(0);
        }

        @Override
        public Node create(String name) {
            return new Dropout(name, this);
        }
    }

    private final Spec spec;
    /** The factor (batch, size) each value was multiplied by: 0 or 1 / (1 − rate). */
    private float[] mask;
    /** Whether the last forward applied the mask; backward follows the same path. */
    private boolean masked;

    public Dropout(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    protected void allocateScratch(int capacity) {
        mask = new float[capacity * size];
    }

    @Override
    public void forward(boolean training) {
        float[] x = inputs[0].output();
        int n = batch * size;
        masked = training && spec.rate() > 0f;
        if (!masked) {
            System.arraycopy(x, 0, output, 0, n);
            return;
        }
        float rate = spec.rate();
        float keep = 1f / (1f - rate);
        long state = stepSeed;
        for (int i = 0; i < n; i++) {
            state += SplitMix64.GAMMA;
            mask[i] = SplitMix64.uniform(state) < rate ? 0f : keep;
            output[i] = x[i] * mask[i];
        }
    }

    @Override
    public void backward() {
        if (!inputs[0].gradientWanted()) {
            return;
        }
        float[] dx = inputs[0].gradOutput();
        int n = batch * size;
        if (masked) {
            for (int i = 0; i < n; i++) {
                dx[i] += gradOutput[i] * mask[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                dx[i] += gradOutput[i];
            }
        }
    }
}
