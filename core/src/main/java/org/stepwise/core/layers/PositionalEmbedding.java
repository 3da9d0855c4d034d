// A positional embedding: adds a vector per position to a sequence of vectors (T, dim), so that attention, which
// treats its inputs as a set, can tell the first token from the fifth.
//
// Learned (GPT's way): a table (context, dim) trained like any weight; a sequence shorter than the context uses the
// first T rows. Sinusoidal (the original Transformer's way): fixed sines and cosines of geometric wavelengths,
// PE[t, 2i] = sin(t / 10000^(2i/dim)), PE[t, 2i+1] = cos(t / 10000^(2i/dim)); no parameters.
package org.stepwise.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class PositionalEmbedding extends Node {

    /**
     * @param context    the longest sequence the table covers
     * @param sinusoidal fixed sines and cosines instead of a learned table
     */
    public record Spec(int context, boolean sinusoidal) implements LayerSpec {
        public Spec {
            if (context < 1) {
                throw new IllegalArgumentException("A positional embedding needs a context of at least 1, not "
                        + context);
            }
        }

        public Spec(int context) {
            this(context, false);
        }

        @Override
        public String type() {
            return "positional_embedding";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            String self = GraphDef.describe(type(), node);
            if (s.rank() != 2) {
                throw new GraphException(node, self + " expects a sequence of vectors (positions, width) but "
                        + "receives " + s + " from '" + inputNames.get(0) + "': put a token embedding before it");
            }
            if (s.dim(0) > context) {
                throw new GraphException(node, self + " covers " + context + " positions but receives "
                        + s.dim(0) + " from '" + inputNames.get(0) + "'");
            }
            return s;
        }

        @Override
        public long parameterCount(List<Shape> in) {
            return sinusoidal ? 0 : (long) context * in.get(0).dim(1);
        }

        @Override
        public Node create(String name) {
            return new PositionalEmbedding(name, this);
        }
    }

    private final Spec spec;
    private Param weight;
    /** The sinusoidal table (context, dim), or null when learned. */
    private float[] fixed;
    private int dim;

    public PositionalEmbedding(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "positional_embedding";
    }

    private void ensureParams() {
        if (dim == 0) {
            dim = inputs[0].shape().dim(1);
            if (spec.sinusoidal()) {
                fixed = sinusoids(spec.context(), dim);
            } else {
                weight = new Param("weight", Shape.of(spec.context(), dim), true);
            }
        }
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return weight == null ? List.of() : List.of(weight);
    }

    /** The vector added at each position, (context, dim): the learned table's live values or the fixed sinusoids. */
    public float[] table() {
        ensureParams();
        return weight == null ? fixed : weight.value();
    }

    /** PE[t, 2i] = sin(t·ω_i), PE[t, 2i+1] = cos(t·ω_i), ω_i = 10000^(−2i/dim). */
    static float[] sinusoids(int context, int dim) {
        float[] pe = new float[context * dim];
        for (int t = 0; t < context; t++) {
            for (int j = 0; j < dim; j++) {
                double omega = Math.pow(10000, -(double) (j - j % 2) / dim);
                pe[t * dim + j] = (float) (j % 2 == 0 ? Math.sin(t * omega) : Math.cos(t * omega));
            }
        }
        return pe;
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        if (weight != null) {
            Init.normal(weight.value(), Init.GPT_STD, random);
        }
    }

    @Override
    public void forward(boolean training) {
        ensureParams();
        float[] x = inputs[0].output();
        float[] pe = table();
        for (int r = 0; r < batch; r++) {
            int base = r * size;
            for (int i = 0; i < size; i++) {
                output[base + i] = x[base + i] + pe[i];
            }
        }
    }

    @Override
    public void backward() {
        if (weight != null && !frozen()) {
            // ∂L/∂PE[t] = Σ over the batch of the gradient at position t.
            float[] g = weight.grad();
            Arrays.fill(g, 0f);
            for (int r = 0; r < batch; r++) {
                int base = r * size;
                for (int i = 0; i < size; i++) {
                    g[i] += gradOutput[base + i];
                }
            }
        }
        if (inputs[0].gradientWanted()) {
            float[] dx = inputs[0].gradOutput();
            int n = batch * size;
            for (int i = 0; i < n; i++) {
                dx[i] += gradOutput[i];
            }
        }
    }
}
