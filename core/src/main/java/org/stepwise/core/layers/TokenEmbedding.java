// A token embedding: each position's token id picks one row of a learned table, as PyTorch's nn.Embedding.
//
// The input holds token ids as floats, one per position (T); the output is (T, dim). The table is (vocabulary, dim).
// Ids are not differentiable, so backward sends nothing upstream; it adds each position's gradient into the row of
// the token that was there, so a token seen twice in a batch collects both.
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

public final class TokenEmbedding extends Node {

    public record Spec(int vocabulary, int dim) implements LayerSpec {
        public Spec {
            if (vocabulary < 1 || dim < 1) {
                throw new IllegalArgumentException("A token embedding needs a vocabulary and a width of at least 1, "
                        + "not " + vocabulary + " and " + dim);
            }
        }

        @Override
        public String type() {
            return "token_embedding";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            if (s.rank() != 1) {
                throw new GraphException(node, GraphDef.describe(type(), node) + " expects a sequence of token ids "
                        + "but receives " + s + " from '" + inputNames.get(0) + "'");
            }
            return Shape.of(s.dim(0), dim);
        }

        @Override
        public long parameterCount(List<Shape> in) {
            return (long) vocabulary * dim;
        }

        @Override
        public Node create(String name) {
            return new TokenEmbedding(name, this);
        }
    }

    private final Spec spec;
    private Param weight;

    public TokenEmbedding(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "token_embedding";
    }

    @Override
    public List<Param> params() {
        return List.of(weight());
    }

    /** The table (vocabulary, dim): row i is token i's vector. */
    public Param weight() {
        if (weight == null) {
            weight = new Param("weight", Shape.of(spec.vocabulary(), spec.dim()), true);
        }
        return weight;
    }

    @Override
    public void initialize(SplittableRandom random) {
        Init.normal(weight().value(), Init.GPT_STD, random);
    }

    /** The token id at a position of the input, checked against the vocabulary. */
    int tokenAt(float[] ids, int index) {
        float v = ids[index];
        int id = (int) v;
        if (id != v || id < 0 || id >= spec.vocabulary()) {
            int positions = inputs[0].size();
            throw new IllegalArgumentException(GraphDef.describe(type(), name()) + " received " + v + " at position "
                    + index % positions + " of sample " + index / positions + ", but token ids are whole numbers in [0, "
                    + spec.vocabulary() + ")");
        }
        return id;
    }

    @Override
    public void forward(boolean training) {
        float[] ids = inputs[0].output();
        float[] w = weight.value();
        int dim = spec.dim();
        int positions = batch * inputs[0].size();
        for (int p = 0; p < positions; p++) {
            System.arraycopy(w, tokenAt(ids, p) * dim, output, p * dim, dim);
        }
    }

    @Override
    public void backward() {
        if (frozen()) {
            return;
        }
        float[] ids = inputs[0].output();
        float[] g = weight.grad();
        Arrays.fill(g, 0f);
        int dim = spec.dim();
        int positions = batch * inputs[0].size();
        for (int p = 0; p < positions; p++) {
            int row = (int) ids[p] * dim;
            int from = p * dim;
            for (int j = 0; j < dim; j++) {
                g[row + j] += gradOutput[from + j];
            }
        }
    }
}
