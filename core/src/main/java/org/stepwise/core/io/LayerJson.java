// Each layer type's settings in JSON, read and written side by side so that the two cannot drift apart.
//
// Both forms share this table: the graph form names a node's type ("type": "dense") and holds its main setting
// under its own key ("units": 8); the layer-list form uses the type's short key for both ("dense": 8).
package org.stepwise.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.stepwise.core.layers.Init;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;

final class LayerJson {

    /**
     * One layer type as files spell it.
     *
     * @param type       the graph form's "type", which is the spec's type()
     * @param mainKey    the graph form's key for the main setting ("units"), or null when there is none
     * @param compactKey the layer-list form's key ("dense"), or null when the type has no place in a plain stack
     * @param settings   the other keys, all optional except where the README says
     */
    record Kind(String type, String mainKey, String compactKey, List<String> settings) {
        /** The keys a graph-form node of this type may have. */
        List<String> graphKeys() {
            List<String> keys = new ArrayList<>(List.of("name", "type"));
            if (mainKey != null) {
                keys.add(mainKey);
            }
            keys.addAll(settings);
            if (!type.equals("input")) {
                keys.add("inputs");
            }
            keys.add("frozen");
            return keys;
        }

        /** The keys a layer-list entry of this type may have. */
        List<String> compactKeys() {
            List<String> keys = new ArrayList<>(List.of(compactKey));
            keys.addAll(settings);
            keys.add("name");
            keys.add("frozen");
            return keys;
        }
    }

    /** In the README's order; activations, which take no settings, follow. */
    static final List<Kind> KINDS;

    static {
        List<Kind> kinds = new ArrayList<>(List.of(
                new Kind("input", "shape", null, List.of()),
                new Kind("dense", "units", "dense", List.of("act", "init", "init_value", "in_features")),
                new Kind("conv2d", "channels", "conv2d",
                        List.of("kernel", "stride", "padding", "act", "init", "init_value")),
                new Kind("maxpool2d", "size", "maxpool", List.of("stride")),
                new Kind("flatten", null, "flatten", List.of()),
                new Kind("dropout", "rate", "dropout", List.of()),
                new Kind("batchnorm", null, "batchnorm", List.of("momentum", "epsilon")),
                new Kind("layernorm", null, "layernorm", List.of("epsilon")),
                new Kind("token_embedding", "dim", "token_embedding", List.of("vocabulary")),
                new Kind("positional_embedding", "context", "positional_embedding", List.of("sinusoidal")),
                new Kind("attention", "heads", "attention", List.of()),
                new Kind("feedforward", "hidden", "feedforward", List.of()),
                new Kind("lm_head", "vocabulary", "lm_head", List.of()),
                new Kind("add", null, null, List.of()),
                new Kind("concat", null, null, List.of())));
        for (Activation a : Activation.values()) {
            kinds.add(new Kind(a.id(), null, null, List.of()));
        }
        KINDS = List.copyOf(kinds);
    }

    private LayerJson() {
    }

    static List<String> types() {
        return KINDS.stream().map(Kind::type).toList();
    }

    /**
     * Reads a spec of this kind; its keys have been checked already.
     *
     * @param mainKey where the main setting is: the kind's mainKey in the graph form, its compactKey in the list form
     */
    static LayerSpec read(Kind kind, Fields f, String mainKey) {
        try {
            return switch (kind.type()) {
                case "input" -> new Input.Spec(f.shape(mainKey));
                case "dense" -> {
                    int units = f.integer(mainKey, 1);
                    Activation act = f.activation("act");
                    Init init = f.init("init");
                    yield new Dense.Spec(units, act, init, initValue(f, init), f.integer("in_features", 1, 0));
                }
                case "conv2d" -> {
                    int channels = f.integer(mainKey, 1);
                    int kernel = f.integer("kernel", 1);
                    int stride = f.integer("stride", 1, 1);
                    int padding = f.integer("padding", 0, 0);
                    Activation act = f.activation("act");
                    Init init = f.init("init");
                    yield new Conv2D.Spec(channels, kernel, stride, padding, act, init, initValue(f, init));
                }
                case "maxpool2d" -> {
                    int size = f.integer(mainKey, 1);
                    yield new MaxPool2D.Spec(size, f.integer("stride", 1, size));
                }
                case "flatten" -> new Flatten.Spec();
                case "dropout" -> new Dropout.Spec(f.decimal(mainKey, r -> r >= 0 && r < 1, "at least 0 and below 1"));
                case "batchnorm" -> {
                    BatchNorm.Spec defaults = new BatchNorm.Spec();
                    yield new BatchNorm.Spec(
                            f.decimal("momentum", m -> m >= 0 && m <= 1, "between 0 and 1", defaults.momentum()),
                            f.decimal("epsilon", e -> e > 0 && (float) e > 0, "above 0", defaults.epsilon()));
                }
                case "layernorm" -> new LayerNorm.Spec(f.decimal("epsilon", e -> e > 0 && (float) e > 0, "above 0",
                        new LayerNorm.Spec().epsilon()));
                case "token_embedding" -> new TokenEmbedding.Spec(f.integer("vocabulary", 1), f.integer(mainKey, 1));
                case "positional_embedding" -> new PositionalEmbedding.Spec(f.integer(mainKey, 1),
                        f.flag("sinusoidal", false));
                case "attention" -> new CausalSelfAttention.Spec(f.integer(mainKey, 1));
                case "feedforward" -> new FeedForward.Spec(f.integer(mainKey, 1));
                case "lm_head" -> new LanguageModelHead.Spec(f.integer(mainKey, 1));
                case "add" -> new Add.Spec();
                case "concat" -> new Concat.Spec();
                default -> new ActivationNode.Spec(Activation.parse(kind.type()));
            };
        } catch (IllegalArgumentException e) {
            // What only the spec knows to refuse, such as a convolution ending in softmax.
            throw f.here(e.getMessage());
        }
    }

    /** Writes a spec's type and settings in the graph form, leaving out settings at their defaults. */
    static void write(LayerSpec spec, ObjectNode out) {
        out.put("type", spec.type());
        switch (spec) {
            case Input.Spec s -> {
                ArrayNode shape = out.putArray("shape");
                for (int d : s.shape().dims()) {
                    shape.add(d);
                }
            }
            case Dense.Spec s -> {
                out.put("units", s.units());
                writeActivationAndInit(out, s.activation(), s.init(), s.initValue());
                if (s.inputs() > 0) {
                    out.put("in_features", s.inputs());
                }
            }
            case Conv2D.Spec s -> {
                out.put("channels", s.outChannels());
                out.put("kernel", s.kernelSize());
                out.put("stride", s.stride());
                out.put("padding", s.padding());
                writeActivationAndInit(out, s.activation(), s.init(), s.initValue());
            }
            case MaxPool2D.Spec s -> {
                out.put("size", s.size());
                out.put("stride", s.stride());
            }
            case Dropout.Spec s -> out.put("rate", s.rate());
            case BatchNorm.Spec s -> {
                out.put("momentum", s.momentum());
                out.put("epsilon", s.epsilon());
            }
            case LayerNorm.Spec s -> out.put("epsilon", s.epsilon());
            case TokenEmbedding.Spec s -> {
                out.put("vocabulary", s.vocabulary());
                out.put("dim", s.dim());
            }
            case PositionalEmbedding.Spec s -> {
                out.put("context", s.context());
                if (s.sinusoidal()) {
                    out.put("sinusoidal", true);
                }
            }
            case CausalSelfAttention.Spec s -> out.put("heads", s.heads());
            case FeedForward.Spec s -> out.put("hidden", s.hidden());
            case LanguageModelHead.Spec s -> out.put("vocabulary", s.vocabulary());
            case Flatten.Spec s -> { }
            case Add.Spec s -> { }
            case Concat.Spec s -> { }
            case ActivationNode.Spec s -> { }
            default -> throw new IllegalArgumentException("A " + spec.type() + " node has no JSON form yet");
        }
    }

    // "init_value" means something only for "init": "constant", which cannot do without it.
    private static float initValue(Fields f, Init init) {
        if (init == Init.CONSTANT) {
            return f.decimal("init_value", v -> Float.isFinite((float) v), "a finite number");
        }
        if (f.has("init_value")) {
            throw f.atKey("init_value", "'init_value' only applies with \"init\": \"constant\"");
        }
        return 0f;
    }

    private static void writeActivationAndInit(ObjectNode out, Activation act, Init init, float initValue) {
        if (act != Activation.IDENTITY) {
            out.put("act", act.id());
        }
        if (init != null) {
            out.put("init", init.name().toLowerCase(Locale.ROOT));
            if (init == Init.CONSTANT) {
                out.put("init_value", initValue);
            }
        }
    }
}
