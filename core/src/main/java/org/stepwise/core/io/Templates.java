// The networks a student can start from by name: on the command line ("--model lenet"), in a file
// ({"template": "lenet"}) and in the GUI's "New from template" menu.
//
// Every output layer emits logits, with no softmax or sigmoid: the loss applies it, which is both cheaper and
// numerically safer. Node names are stable, since lessons and saved weights refer to them.
package org.stepwise.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.tensor.Shape;

public final class Templates {

    /**
     * @param name    how files and the command line name it: "mlp-2-8-8-1"
     * @param title   how a menu names it: "MLP 2-8-8-1"
     * @param summary one line on what it is for
     */
    public record Template(String name, String title, String summary, GraphDef graph) {
    }

    private static final List<Template> ALL = List.of(
            new Template("perceptron", "Perceptron",
                    "2 inputs → 1 output: a single linear unit for binary classification of 2-D points",
                    graph(input(2), dense("output", 1, Activation.IDENTITY, "input"))),
            new Template("mlp-2-8-8-1", "MLP 2-8-8-1",
                    "2 → 8 tanh → 8 tanh → 1: a small multi-layer perceptron for 2-D toy data",
                    graph(input(2),
                            dense("hidden1", 8, Activation.TANH, "input"),
                            dense("hidden2", 8, Activation.TANH, "hidden1"),
                            dense("output", 1, Activation.IDENTITY, "hidden2"))),
            new Template("mlp-784-128-10", "MLP 784-128-10",
                    "784 → 128 relu → 10: one hidden layer for 28×28 digit or clothing images, flattened",
                    graph(input(784),
                            dense("hidden1", 128, Activation.RELU, "input"),
                            dense("output", 10, Activation.IDENTITY, "hidden1"))),
            new Template("deep-mlp", "Deep MLP",
                    "2 → 6 × (16 relu) → 1: a deep, narrow MLP, to watch gradients shrink or explode with depth",
                    deepMlp()),
            new Template("lenet", "LeNet",
                    "(1, 28, 28) → conv 6@5×5 pad 2 → pool → conv 16@5×5 → pool → 120 → 84 → 10: LeCun's "
                            + "convolutional network, as PyTorch's tutorials build it",
                    graph(new NodeDef("input", new Input.Spec(Shape.of(1, 28, 28))),
                            new NodeDef("conv1", new Conv2D.Spec(6, 5, 1, 2, Activation.RELU), "input"),
                            new NodeDef("pool1", new MaxPool2D.Spec(2, 2), "conv1"),
                            new NodeDef("conv2", new Conv2D.Spec(16, 5, 1, 0, Activation.RELU), "pool1"),
                            new NodeDef("pool2", new MaxPool2D.Spec(2, 2), "conv2"),
                            new NodeDef("flatten", new Flatten.Spec(), "pool2"),
                            dense("fc1", 120, Activation.RELU, "flatten"),
                            dense("fc2", 84, Activation.RELU, "fc1"),
                            dense("output", 10, Activation.IDENTITY, "fc2"))),
            new Template("residual-mlp", "Residual block",
                    "2 → 16 relu (stem) → a block of 16 relu → 16 whose result is added to the stem, then relu → 1",
                    graph(input(2),
                            dense("stem", 16, Activation.RELU, "input"),
                            dense("block1", 16, Activation.RELU, "stem"),
                            dense("block2", 16, Activation.IDENTITY, "block1"),
                            new NodeDef("add", new Add.Spec(), "stem", "block2"),
                            new NodeDef("relu", new ActivationNode.Spec(Activation.RELU), "add"),
                            dense("output", 1, Activation.IDENTITY, "relu"))));

    private Templates() {
    }

    /** In menu order, from the simplest. */
    public static List<Template> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Template::name).toList();
    }

    public static Optional<Template> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static GraphDef deepMlp() {
        List<NodeDef> nodes = new ArrayList<>(List.of(input(2)));
        String previous = "input";
        for (int i = 1; i <= 6; i++) {
            nodes.add(dense("hidden" + i, 16, Activation.RELU, previous));
            previous = "hidden" + i;
        }
        nodes.add(dense("output", 1, Activation.IDENTITY, previous));
        return new GraphDef(nodes);
    }

    private static NodeDef input(int features) {
        return new NodeDef("input", new Input.Spec(Shape.of(features)));
    }

    private static NodeDef dense(String name, int units, Activation act, String from) {
        return new NodeDef(name, new Dense.Spec(units, act), from);
    }

    private static GraphDef graph(NodeDef... nodes) {
        return new GraphDef(List.of(nodes));
    }
}
