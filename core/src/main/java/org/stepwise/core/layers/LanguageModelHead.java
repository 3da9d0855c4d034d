// A language model's head: one linear map from each position's vector (dim) to a score per vocabulary token, so the
// output (T, vocabulary) holds, at every position, the logits of the token that comes next.
//
// Weights are in nn.Linear's (vocabulary, dim) layout; softmax cross-entropy over the vocabulary at each position
// trains it.
package org.stepwise.core.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

public final class LanguageModelHead extends Node {

    public record Spec(int vocabulary) implements LayerSpec {
        public Spec {
            if (vocabulary < 1) {
                throw new IllegalArgumentException("A language-model head needs a vocabulary of at least 1, not "
                        + vocabulary);
            }
        }

        @Override
        public String type() {
            return "lm_head";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            if (s.rank() != 2) {
                throw new GraphException(node, GraphDef.describe(type(), node) + " expects a sequence of vectors "
                        + "(positions, width) but receives " + s + " from '" + inputNames.get(0) + "'");
            }
            return Shape.of(s.dim(0), vocabulary);
        }

        @Override
        public long parameterCount(List<Shape> in) {
            return (long) in.get(0).dim(1) * vocabulary + vocabulary;
        }

        @Override
        public Node create(String name) {
            return new LanguageModelHead(name, this);
        }
    }

    private final Spec spec;
    private Param weight;
    private Param bias;
    private int dim;

    public LanguageModelHead(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "lm_head";
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(weight, bias);
    }

    public Param weight() {
        ensureParams();
        return weight;
    }

    public Param bias() {
        ensureParams();
        return bias;
    }

    private void ensureParams() {
        if (weight == null) {
            dim = inputs[0].shape().dim(1);
            weight = new Param("weight", Shape.of(spec.vocabulary(), dim), true);
            bias = new Param("bias", Shape.of(spec.vocabulary()), false);
        }
    }

    @Override
    public void initialize(SplittableRandom random) {
        Init.normal(weight().value(), Init.GPT_STD, random);
    }

    @Override
    public void forward(boolean training) {
        Linear.forward(kernels, inputs[0].output(), weight, bias, output, batch * inputs[0].shape().dim(0));
    }

    @Override
    public void backward() {
        Linear.backward(kernels, inputs[0].output(), weight, bias, gradOutput, batch * inputs[0].shape().dim(0),
                frozen(), inputs[0].gradientWanted() ? inputs[0].gradOutput() : null, true);
    }
}
