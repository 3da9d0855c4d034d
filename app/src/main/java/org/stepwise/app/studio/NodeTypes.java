// The node types the palette offers, with what the UI needs to show them: an icon, a default spec for a new node,
// the keys of the title and one-line description in the "palette" bundle, and the key settings a node shows.
package org.stepwise.app.studio;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Concat;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.tensor.Shape;

public final class NodeTypes {
    /** The vocabulary of a dropped embedding or LM head, until the user types the data's. */
    private static final int DEFAULT_VOCABULARY = 64;

    /**
     * @param type    the spec's type() ("dense", "relu", …)
     * @param icon    an Ikonli Material Design 2 icon literal
     * @param group   "layers", "activations", "merges" or "transformer": the palette's sections
     * @param create  a spec with sensible defaults for a node dropped from the palette
     */
    public record NodeType(String type, String icon, String group, Supplier<LayerSpec> create) {
        /** Key of the short title: "node.dense.title". */
        public String titleKey() {
            return "node." + type + ".title";
        }

        /**
         * Key of the title a canvas node shows in its header, for types whose title is too long for it:
         * "node.conv2d.short". Types without one show their title.
         */
        public String shortTitleKey() {
            return "node." + type + ".short";
        }

        /** Key of the one-line description: "node.dense.description". */
        public String descriptionKey() {
            return "node." + type + ".description";
        }
    }

    private static final List<NodeType> ALL = List.of(
            new NodeType("input", "mdi2i-import", "layers", () -> new Input.Spec(Shape.of(2))),
            new NodeType("dense", "mdi2d-dots-grid", "layers", () -> new Dense.Spec(8, Activation.RELU)),
            new NodeType("conv2d", "mdi2g-grid", "layers", () -> new Conv2D.Spec(8, 3, 1, 1, Activation.RELU)),
            new NodeType("maxpool2d", "mdi2a-arrow-collapse-all", "layers", () -> new MaxPool2D.Spec(2, 2)),
            new NodeType("flatten", "mdi2r-reorder-horizontal", "layers", Flatten.Spec::new),
            new NodeType("dropout", "mdi2d-dots-hexagon", "layers", () -> new Dropout.Spec(0.25f)),
            new NodeType("batchnorm", "mdi2s-scale-balance", "layers", BatchNorm.Spec::new),
            new NodeType("relu", "mdi2c-chart-line-variant", "activations",
                    () -> new ActivationNode.Spec(Activation.RELU)),
            new NodeType("leaky_relu", "mdi2c-chart-line-variant", "activations",
                    () -> new ActivationNode.Spec(Activation.LEAKY_RELU)),
            new NodeType("sigmoid", "mdi2s-sine-wave", "activations",
                    () -> new ActivationNode.Spec(Activation.SIGMOID)),
            new NodeType("tanh", "mdi2s-sine-wave", "activations", () -> new ActivationNode.Spec(Activation.TANH)),
            new NodeType("gelu", "mdi2c-chart-bell-curve", "activations",
                    () -> new ActivationNode.Spec(Activation.GELU)),
            new NodeType("softmax", "mdi2c-chart-bar", "activations",
                    () -> new ActivationNode.Spec(Activation.SOFTMAX)),
            new NodeType("add", "mdi2p-plus-circle-outline", "merges", Add.Spec::new),
            new NodeType("concat", "mdi2a-arrow-expand-horizontal", "merges", Concat.Spec::new),
            // Sized like the tiny GPT templates' parts: width 64, context 64, 2 heads, hidden 256.
            new NodeType("token_embedding", "mdi2a-alphabetical-variant", "transformer",
                    () -> new TokenEmbedding.Spec(DEFAULT_VOCABULARY, 64)),
            new NodeType("positional_embedding", "mdi2o-order-numeric-ascending", "transformer",
                    () -> new PositionalEmbedding.Spec(64, false)),
            new NodeType("layernorm", "mdi2t-tune-vertical", "transformer", LayerNorm.Spec::new),
            new NodeType("attention", "mdi2e-eye-outline", "transformer", () -> new CausalSelfAttention.Spec(2)),
            new NodeType("feedforward", "mdi2f-function-variant", "transformer", () -> new FeedForward.Spec(256)),
            new NodeType("lm_head", "mdi2m-message-text-outline", "transformer",
                    () -> new LanguageModelHead.Spec(DEFAULT_VOCABULARY)));

    private NodeTypes() {
    }

    public static List<NodeType> all() {
        return ALL;
    }

    /** The type of that name, or null. */
    public static NodeType find(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst().orElse(null);
    }

    /**
     * The few settings a node shows under its name: "8 · tanh", "8@3×3 · relu", "2×2 /2", "p 0.25", "(1, 28, 28)",
     * "78 → 64", "h 2".
     */
    public static String summary(LayerSpec spec) {
        return switch (spec) {
            case Input.Spec s -> s.shape().toString();
            case Dense.Spec s -> s.units() + activation(s.activation());
            case Conv2D.Spec s -> s.outChannels() + "@" + s.kernelSize() + "×" + s.kernelSize()
                    + (s.stride() != 1 ? " /" + s.stride() : "") + (s.padding() != 0 ? " pad " + s.padding() : "")
                    + activation(s.activation());
            case MaxPool2D.Spec s -> s.size() + "×" + s.size() + " /" + s.stride();
            case Dropout.Spec s -> "p " + trim(s.rate());
            case BatchNorm.Spec s -> "m " + trim(s.momentum());
            case LayerNorm.Spec s -> "ε " + String.format(Locale.ROOT, "%.0e", s.epsilon());
            case TokenEmbedding.Spec s -> s.vocabulary() + " → " + s.dim();
            case PositionalEmbedding.Spec s -> "T " + s.context() + (s.sinusoidal() ? " · sin" : "");
            case CausalSelfAttention.Spec s -> "h " + s.heads();
            case FeedForward.Spec s -> s.hidden() + " · gelu";
            case LanguageModelHead.Spec s -> "V " + s.vocabulary();
            default -> "";
        };
    }

    private static String activation(Activation a) {
        return a == Activation.IDENTITY ? "" : " · " + a.id();
    }

    private static String trim(float value) {
        String s = String.format(Locale.ROOT, "%.4f", value);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
