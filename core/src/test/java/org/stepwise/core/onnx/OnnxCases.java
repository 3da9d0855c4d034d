// The networks the ONNX tests export: every node type and activation, with and without an input normalization.
package org.stepwise.core.onnx;

import java.util.List;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Concat;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.tensor.Shape;

final class OnnxCases {

    /** @param norm null for none; @param readsBack false when import cannot read the export (GELU) */
    record Case(String name, GraphDef graph, Normalization norm, boolean readsBack) {
        @Override
        public String toString() {
            return name;
        }
    }

    private OnnxCases() {
    }

    static List<Case> all() {
        return List.of(
                new Case("mlp", mlp(false), Normalization.of(Normalization.Kind.MIN_MAX,
                        new float[] {-1, 0, 2, 5}, new float[] {3, 0, 2.5f, 7}), true),
                new Case("mlp-gelu", mlp(true), Normalization.of(Normalization.Kind.STANDARDIZE,
                        new float[] {0.5f, -1, 0, 3}, new float[] {2, 0.25f, 0, 1.5f}), false),
                new Case("lenet", template("lenet"), null, true),
                new Case("residual-mlp", template("residual-mlp"), Normalization.of(Normalization.Kind.STANDARDIZE,
                        new float[] {0.1f, -0.2f}, new float[] {0.9f, 1.7f}), true),
                new Case("batchnorm-concat", batchNormConcat(), null, true),
                new Case("activations", activations(), null, true));
    }

    /** 4 → 8 tanh → 8 leaky → 6 sigmoid → 6 relu or gelu → 3. */
    static GraphDef mlp(boolean gelu) {
        return graph(new NodeDef("input", new Input.Spec(Shape.of(4))),
                dense("hidden1", 8, Activation.TANH, "input"),
                dense("hidden2", 8, Activation.LEAKY_RELU, "hidden1"),
                dense("hidden3", 6, Activation.SIGMOID, "hidden2"),
                dense("hidden4", 6, gelu ? Activation.GELU : Activation.RELU, "hidden3"),
                dense("output", 3, Activation.IDENTITY, "hidden4"));
    }

    /** Conv, batch norm on images and on vectors, two branches joined by Concat, dropout, and a softmax output. */
    static GraphDef batchNormConcat() {
        return graph(new NodeDef("image", new Input.Spec(Shape.of(3, 8, 8))),
                new NodeDef("conv1", new Conv2D.Spec(4, 3, 1, 1, Activation.IDENTITY), "image"),
                new NodeDef("bn1", new BatchNorm.Spec(), "conv1"),
                new NodeDef("relu1", new ActivationNode.Spec(Activation.RELU), "bn1"),
                new NodeDef("pool", new MaxPool2D.Spec(2, 2), "relu1"),
                new NodeDef("branchA", new Conv2D.Spec(4, 3, 1, 1, Activation.RELU), "pool"),
                new NodeDef("branchB", new Conv2D.Spec(2, 1, 1, 0, Activation.SIGMOID), "pool"),
                new NodeDef("join", new Concat.Spec(), "branchA", "branchB"),
                new NodeDef("drop", new Dropout.Spec(0.3f), "join"),
                new NodeDef("flatten", new Flatten.Spec(), "drop"),
                dense("fc", 10, Activation.IDENTITY, "flatten"),
                new NodeDef("bn2", new BatchNorm.Spec(0.2f, 1e-3f), "fc"),
                new NodeDef("probs", new ActivationNode.Spec(Activation.SOFTMAX), "bn2"));
    }

    /** Stand-alone activations, a three-way Add, a stride-2 convolution, and a Dense that ends in softmax. */
    static GraphDef activations() {
        return graph(new NodeDef("x", new Input.Spec(Shape.of(2, 6, 6))),
                new NodeDef("conv", new Conv2D.Spec(3, 3, 2, 1, Activation.TANH), "x"),
                new NodeDef("flat", new Flatten.Spec(), "conv"),
                dense("d1", 6, Activation.IDENTITY, "flat"),
                new NodeDef("r", new ActivationNode.Spec(Activation.RELU), "d1"),
                new NodeDef("s", new ActivationNode.Spec(Activation.SIGMOID), "d1"),
                new NodeDef("t", new ActivationNode.Spec(Activation.TANH), "d1"),
                new NodeDef("sum", new Add.Spec(), "r", "s", "t"),
                new NodeDef("leaky", new ActivationNode.Spec(Activation.LEAKY_RELU), "sum"),
                dense("out", 4, Activation.SOFTMAX, "leaky"));
    }

    static GraphDef template(String name) {
        return Templates.find(name).orElseThrow().graph();
    }

    private static NodeDef dense(String name, int units, Activation a, String from) {
        return new NodeDef(name, new Dense.Spec(units, a), from);
    }

    private static GraphDef graph(NodeDef... nodes) {
        return new GraphDef(List.of(nodes));
    }
}
