// The networks the export tests write: together they use every layer, every activation both fused and alone,
// both normalizations, batch norm with trained running statistics, and node names Python would refuse.
package org.stepwise.core.export;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
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
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.tensor.Shape;

final class ExportCases {

    /** A network to export, its normalization (or null) and a few raw input rows, as a user would feed them. */
    record Case(String name, Network net, Normalization norm, float[] x, int rows) {
        /** What Stepwise predicts for the rows: normalize, then run the network in inference mode. */
        float[] expected() {
            float[] in = x.clone();
            if (norm != null) {
                norm.applyInPlace(in, rows);
            }
            float[] y = net.predict(in, rows);
            return Arrays.copyOf(y, rows * net.output().size());
        }
    }

    private ExportCases() {
    }

    static List<Case> all() {
        return List.of(mlp(), lenet(), residual(), batchNorm(), concat(), gpt(false), gpt(true));
    }

    /**
     * A tiny GPT: token and positional embeddings (learned or sinusoidal), two pre-norm blocks of 2-head causal
     * attention and a GELU feed-forward block, LayerNorm and the LM head. Its weights are redrawn twenty times
     * larger than GPT's initial 0.02, so that attention is far from uniform. Inputs are token ids as floats.
     */
    static Case gpt(boolean sinusoidal) {
        List<NodeDef> nodes = new java.util.ArrayList<>(new GptConfig(11, 6, 8, 2, 2, 16).graph().nodes());
        if (sinusoidal) {
            nodes.replaceAll(n -> n.name().equals("pos_emb")
                    ? new NodeDef(n.name(), new PositionalEmbedding.Spec(6, true), n.inputs(), false) : n);
        }
        Network net = scrambled(Network.build(new GraphDef(nodes), 5), 6);
        Random random = new Random(13);
        for (Param p : net.params()) {
            if (p.isWeight()) {
                float[] v = p.value();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.4 * random.nextGaussian());
                }
            }
        }
        int rows = 3;
        float[] x = new float[rows * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(11);
        }
        return new Case(sinusoidal ? "gpt-sinusoidal" : "gpt", net, null, x, rows);
    }

    /** Every activation fused into a Dense and all but softmax alone; dropout; z-scored inputs, one constant. */
    static Case mlp() {
        GraphDef def = new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(3))),
                dense("h1", 8, Activation.GELU, "input"),
                new NodeDef("drop", new Dropout.Spec(0.3f), "h1"),
                dense("h2", 8, Activation.LEAKY_RELU, "drop"),
                act("gelu", Activation.GELU, "h2"),
                dense("h3", 8, Activation.SIGMOID, "gelu"),
                act("leaky", Activation.LEAKY_RELU, "h3"),
                dense("h4", 8, Activation.TANH, "leaky"),
                act("sigmoid", Activation.SIGMOID, "h4"),
                dense("h5", 8, Activation.RELU, "sigmoid"),
                act("tanh", Activation.TANH, "h5"),
                act("same", Activation.IDENTITY, "tanh"),
                dense("h6", 6, Activation.SOFTMAX, "same"),
                dense("logits", 4, Activation.IDENTITY, "h6")));
        float[] means = {1.5f, -20f, 0.25f};
        Normalization norm = Normalization.of(Normalization.Kind.STANDARDIZE, means, new float[] {2f, 0f, 0.5f});
        Random random = new Random(11);
        int rows = 6;
        float[] x = new float[rows * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (means[i % 3] + 2 * random.nextGaussian());
        }
        return new Case("mlp", scrambled(Network.build(def, 1), 2), norm, x, rows);
    }

    /** The LeNet template on pixels in 0..255, scaled to [0, 1] by a min-max fit whose corner pixels are constant. */
    static Case lenet() {
        Network net = scrambled(Network.build(Templates.find("lenet").orElseThrow().graph(), 3), 4);
        float[] min = new float[784];
        float[] max = new float[784];
        Arrays.fill(max, 255f);
        max[0] = 0f;
        max[783] = 0f;
        Normalization norm = Normalization.of(Normalization.Kind.MIN_MAX, min, max);
        return new Case("lenet", net, norm, uniform(4 * 784, 255f, 5), 4);
    }

    static Case residual() {
        Network net = scrambled(Network.build(Templates.find("residual-mlp").orElseThrow().graph(), 6), 7);
        return new Case("residual-mlp", net, null, gaussian(5 * 2, 8), 5);
    }

    /** Batch norm over an image and over a vector, after training passes moved the running statistics. */
    static Case batchNorm() {
        GraphDef def = new GraphDef(List.of(
                new NodeDef("image", new Input.Spec(Shape.of(2, 6, 6))),
                new NodeDef("conv-1", new Conv2D.Spec(4, 3, 1, 1, Activation.IDENTITY), "image"),
                new NodeDef("bn 2d", new BatchNorm.Spec(0.2f, 1e-3f), "conv-1"),
                act("class", Activation.RELU, "bn 2d"),
                new NodeDef("pool", new MaxPool2D.Spec(2, 2), "class"),
                new NodeDef("flatten", new Flatten.Spec(), "pool"),
                dense("2nd", 8, Activation.IDENTITY, "flatten"),
                new NodeDef("self", new BatchNorm.Spec(), "2nd"),
                act("x", Activation.TANH, "self"),
                dense("output", 3, Activation.IDENTITY, "x")));
        Network net = scrambled(Network.build(def, 9), 10);
        for (int step = 0; step < 5; step++) {
            net.setStep(step);
            net.load(shifted(gaussian(16 * 72, 20 + step), 0.7f), 16);
            net.forward(true);
        }
        return new Case("batchnorm", net, null, shifted(gaussian(3 * 72, 30), 0.7f), 3);
    }

    /** Concat along channels and along features, a strided GELU conv, a softmax over an image's rows, a 3-way add. */
    static Case concat() {
        GraphDef def = new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(3, 8, 8))),
                new NodeDef("a", new Conv2D.Spec(4, 3, 1, 1, Activation.RELU), "input"),
                new NodeDef("b", new Conv2D.Spec(2, 1, 1, 0, Activation.IDENTITY), "input"),
                new NodeDef("join", new Concat.Spec(), "a", "b"),
                new NodeDef("c", new Conv2D.Spec(6, 3, 2, 1, Activation.GELU), "join"),
                new NodeDef("p", new MaxPool2D.Spec(2, 2), "join"),
                act("sm", Activation.SOFTMAX, "p"),
                new NodeDef("sum", new Add.Spec(), "c", "p", "sm"),
                new NodeDef("flat", new Flatten.Spec(), "sum"),
                dense("v1", 5, Activation.TANH, "flat"),
                dense("v2", 3, Activation.SIGMOID, "flat"),
                new NodeDef("features", new Concat.Spec(), "v1", "v2"),
                dense("output", 2, Activation.IDENTITY, "features")));
        return new Case("concat", scrambled(Network.build(def, 12), 13), null, gaussian(4 * 192, 14), 4);
    }

    // Biases start at zero and batch norm at γ = 1, β = 0; nudging them makes each of them matter. Weights are
    // random already.
    private static Network scrambled(Network net, long seed) {
        Random random = new Random(seed);
        for (Param p : net.params()) {
            if (p.isWeight()) {
                continue;
            }
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.2 * random.nextGaussian());
            }
        }
        return net;
    }

    private static NodeDef dense(String name, int units, Activation activation, String from) {
        return new NodeDef(name, new Dense.Spec(units, activation), from);
    }

    private static NodeDef act(String name, Activation activation, String from) {
        return new NodeDef(name, new ActivationNode.Spec(activation), from);
    }

    private static float[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static float[] uniform(int n, float max, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = max * random.nextFloat();
        }
        return x;
    }

    private static float[] shifted(float[] x, float by) {
        for (int i = 0; i < x.length; i++) {
            x[i] += by;
        }
        return x;
    }
}
