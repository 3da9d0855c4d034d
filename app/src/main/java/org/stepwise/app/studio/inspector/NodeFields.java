// The editable settings of each kind of node, without any UI: which fields a spec has, the text each shows, and
// the new spec a typed value makes, or the reason it is refused, as a Text for the user's language.
package org.stepwise.app.studio.inspector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stepwise.app.editor.Text;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.Init;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.tensor.Shape;

final class NodeFields {
    /** The init choice that leaves the init null: the activation's default. */
    static final String DEFAULT_INIT = "default";

    /** @param choices the ids a CHOICE field offers; empty for the others */
    record Field(String key, FieldKind kind, List<String> choices) {
        static Field text(String key, FieldKind kind) {
            return new Field(key, kind, List.of());
        }
    }

    /** A new spec, or why there is none. */
    record Outcome(LayerSpec spec, Text refusal) {
        static Outcome of(LayerSpec spec) {
            return new Outcome(spec, null);
        }

        static Outcome refused(String key, Object... args) {
            return new Outcome(null, Text.of(key, args));
        }
    }

    private NodeFields() {
    }

    /** The fields of this spec, in the order the inspector shows them; none for Flatten, Add and Concat. */
    static List<Field> of(LayerSpec spec) {
        List<Field> fields = new ArrayList<>();
        switch (spec) {
            case Input.Spec s -> fields.add(Field.text("shape", FieldKind.SHAPE));
            case Dense.Spec s -> {
                fields.add(Field.text("units", FieldKind.COUNT));
                fields.add(activationField(false));
                initFields(fields, s.init());
            }
            case Conv2D.Spec s -> {
                fields.add(Field.text("outChannels", FieldKind.COUNT));
                fields.add(Field.text("kernelSize", FieldKind.COUNT));
                fields.add(Field.text("stride", FieldKind.COUNT));
                fields.add(Field.text("padding", FieldKind.COUNT));
                fields.add(activationField(true));
                initFields(fields, s.init());
            }
            case MaxPool2D.Spec s -> {
                fields.add(Field.text("size", FieldKind.COUNT));
                fields.add(Field.text("stride", FieldKind.COUNT));
            }
            case Dropout.Spec s -> fields.add(Field.text("rate", FieldKind.NUMBER));
            case BatchNorm.Spec s -> {
                fields.add(Field.text("momentum", FieldKind.NUMBER));
                fields.add(Field.text("epsilon", FieldKind.NUMBER));
            }
            case LayerNorm.Spec s -> fields.add(Field.text("epsilon", FieldKind.NUMBER));
            case TokenEmbedding.Spec s -> {
                fields.add(Field.text("vocabulary", FieldKind.COUNT));
                fields.add(Field.text("dim", FieldKind.COUNT));
            }
            case PositionalEmbedding.Spec s -> {
                fields.add(Field.text("context", FieldKind.COUNT));
                fields.add(Field.text("sinusoidal", FieldKind.FLAG));
            }
            case CausalSelfAttention.Spec s -> fields.add(Field.text("heads", FieldKind.COUNT));
            case FeedForward.Spec s -> fields.add(Field.text("hidden", FieldKind.COUNT));
            case LanguageModelHead.Spec s -> fields.add(Field.text("vocabulary", FieldKind.COUNT));
            case ActivationNode.Spec s -> fields.add(new Field("activation", FieldKind.CHOICE,
                    Arrays.stream(Activation.values()).filter(a -> a != Activation.IDENTITY).map(Activation::id)
                            .toList()));
            default -> {
            }
        }
        return fields;
    }

    private static Field activationField(boolean conv) {
        return new Field("activation", FieldKind.CHOICE, Arrays.stream(Activation.values())
                .filter(a -> !(conv && a == Activation.SOFTMAX)).map(Activation::id).toList());
    }

    private static void initFields(List<Field> fields, Init init) {
        List<String> choices = new ArrayList<>(List.of(DEFAULT_INIT));
        Arrays.stream(Init.values()).map(i -> i.name().toLowerCase(Locale.ROOT)).forEach(choices::add);
        fields.add(new Field("init", FieldKind.CHOICE, choices));
        if (init == Init.CONSTANT) {
            fields.add(Field.text("initValue", FieldKind.NUMBER));
        }
    }

    /** What the field shows for this spec: a number, a choice id or a shape as "1, 28, 28". */
    static String value(LayerSpec spec, String key) {
        return switch (spec) {
            case Input.Spec s -> shapeText(s.shape());
            case Dense.Spec s -> switch (key) {
                case "units" -> Integer.toString(s.units());
                case "activation" -> s.activation().id();
                case "init" -> initId(s.init());
                case "initValue" -> Numbers.format(s.initValue());
                default -> "";
            };
            case Conv2D.Spec s -> switch (key) {
                case "outChannels" -> Integer.toString(s.outChannels());
                case "kernelSize" -> Integer.toString(s.kernelSize());
                case "stride" -> Integer.toString(s.stride());
                case "padding" -> Integer.toString(s.padding());
                case "activation" -> s.activation().id();
                case "init" -> initId(s.init());
                case "initValue" -> Numbers.format(s.initValue());
                default -> "";
            };
            case MaxPool2D.Spec s -> Integer.toString(key.equals("size") ? s.size() : s.stride());
            case Dropout.Spec s -> Numbers.format(s.rate());
            case BatchNorm.Spec s -> Numbers.format(key.equals("momentum") ? s.momentum() : s.epsilon());
            case LayerNorm.Spec s -> Numbers.format(s.epsilon());
            case TokenEmbedding.Spec s -> Integer.toString(key.equals("vocabulary") ? s.vocabulary() : s.dim());
            case PositionalEmbedding.Spec s -> key.equals("context") ? Integer.toString(s.context())
                    : Boolean.toString(s.sinusoidal());
            case CausalSelfAttention.Spec s -> Integer.toString(s.heads());
            case FeedForward.Spec s -> Integer.toString(s.hidden());
            case LanguageModelHead.Spec s -> Integer.toString(s.vocabulary());
            case ActivationNode.Spec s -> s.activation().id();
            default -> "";
        };
    }

    /** The spec with {@code key} set from {@code text}, or the reason the text cannot be that setting. */
    static Outcome apply(LayerSpec spec, String key, String text) {
        String t = text == null ? "" : text.strip();
        try {
            return switch (spec) {
                case Input.Spec s -> shape(t);
                case Dense.Spec s -> dense(s, key, t);
                case Conv2D.Spec s -> conv(s, key, t);
                case MaxPool2D.Spec s -> {
                    Integer v = count(t, 1);
                    if (v == null) {
                        yield Outcome.refused("refuse.count", 1);
                    }
                    yield Outcome.of(key.equals("size") ? new MaxPool2D.Spec(v, s.stride())
                            : new MaxPool2D.Spec(s.size(), v));
                }
                case Dropout.Spec s -> {
                    Float v = Numbers.parse(t);
                    if (v == null) {
                        yield Outcome.refused("refuse.number");
                    }
                    yield v >= 0 && v < 1 ? Outcome.of(new Dropout.Spec(v)) : Outcome.refused("refuse.rate");
                }
                case BatchNorm.Spec s -> {
                    Float v = Numbers.parse(t);
                    if (v == null) {
                        yield Outcome.refused("refuse.number");
                    }
                    if (key.equals("momentum")) {
                        yield v >= 0 && v <= 1 ? Outcome.of(new BatchNorm.Spec(v, s.epsilon()))
                                : Outcome.refused("refuse.momentum");
                    }
                    yield v > 0 ? Outcome.of(new BatchNorm.Spec(s.momentum(), v)) : Outcome.refused("refuse.epsilon");
                }
                case LayerNorm.Spec s -> {
                    Float v = Numbers.parse(t);
                    if (v == null) {
                        yield Outcome.refused("refuse.number");
                    }
                    yield v > 0 ? Outcome.of(new LayerNorm.Spec(v)) : Outcome.refused("refuse.epsilon");
                }
                case PositionalEmbedding.Spec s when key.equals("sinusoidal") ->
                        Outcome.of(new PositionalEmbedding.Spec(s.context(), Boolean.parseBoolean(t)));
                case TokenEmbedding.Spec s -> sized(t, v -> key.equals("vocabulary")
                        ? new TokenEmbedding.Spec(v, s.dim()) : new TokenEmbedding.Spec(s.vocabulary(), v));
                case PositionalEmbedding.Spec s -> sized(t, v -> new PositionalEmbedding.Spec(v, s.sinusoidal()));
                case CausalSelfAttention.Spec s -> sized(t, CausalSelfAttention.Spec::new);
                case FeedForward.Spec s -> sized(t, FeedForward.Spec::new);
                case LanguageModelHead.Spec s -> sized(t, LanguageModelHead.Spec::new);
                case ActivationNode.Spec s -> Outcome.of(new ActivationNode.Spec(Activation.parse(t)));
                default -> Outcome.refused("refuse.spec", key);
            };
        } catch (IllegalArgumentException e) {
            // The spec's own check, for anything the checks above let through; its message names the rule.
            return Outcome.refused("refuse.spec", e.getMessage());
        }
    }

    /** A spec made from one whole number of at least 1: vocabulary, width, context, heads, hidden width. */
    private static Outcome sized(String t, java.util.function.IntFunction<LayerSpec> make) {
        Integer v = count(t, 1);
        return v == null ? Outcome.refused("refuse.count", 1) : Outcome.of(make.apply(v));
    }

    private static Outcome dense(Dense.Spec s, String key, String t) {
        return switch (key) {
            case "units" -> {
                Integer v = count(t, 1);
                yield v == null ? Outcome.refused("refuse.count", 1)
                        : Outcome.of(new Dense.Spec(v, s.activation(), s.init(), s.initValue(), s.inputs()));
            }
            case "activation" -> Outcome.of(new Dense.Spec(s.units(), Activation.parse(t), s.init(), s.initValue(),
                    s.inputs()));
            case "init" -> Outcome.of(new Dense.Spec(s.units(), s.activation(), init(t), s.initValue(),
                    s.inputs()));
            case "initValue" -> {
                Float v = Numbers.parse(t);
                yield v == null ? Outcome.refused("refuse.number")
                        : Outcome.of(new Dense.Spec(s.units(), s.activation(), s.init(), v, s.inputs()));
            }
            default -> Outcome.refused("refuse.spec", key);
        };
    }

    private static Outcome conv(Conv2D.Spec s, String key, String t) {
        if (key.equals("activation")) {
            Activation a = Activation.parse(t);
            return a == Activation.SOFTMAX ? Outcome.refused("refuse.convSoftmax")
                    : Outcome.of(new Conv2D.Spec(s.outChannels(), s.kernelSize(), s.stride(), s.padding(), a,
                    s.init(), s.initValue()));
        }
        if (key.equals("init")) {
            return Outcome.of(new Conv2D.Spec(s.outChannels(), s.kernelSize(), s.stride(), s.padding(),
                    s.activation(), init(t), s.initValue()));
        }
        if (key.equals("initValue")) {
            Float v = Numbers.parse(t);
            return v == null ? Outcome.refused("refuse.number")
                    : Outcome.of(new Conv2D.Spec(s.outChannels(), s.kernelSize(), s.stride(), s.padding(),
                    s.activation(), s.init(), v));
        }
        int least = key.equals("padding") ? 0 : 1;
        Integer v = count(t, least);
        if (v == null) {
            return Outcome.refused("refuse.count", least);
        }
        return Outcome.of(switch (key) {
            case "outChannels" -> new Conv2D.Spec(v, s.kernelSize(), s.stride(), s.padding(), s.activation(),
                    s.init(), s.initValue());
            case "kernelSize" -> new Conv2D.Spec(s.outChannels(), v, s.stride(), s.padding(), s.activation(),
                    s.init(), s.initValue());
            case "stride" -> new Conv2D.Spec(s.outChannels(), s.kernelSize(), v, s.padding(), s.activation(),
                    s.init(), s.initValue());
            default -> new Conv2D.Spec(s.outChannels(), s.kernelSize(), s.stride(), v, s.activation(), s.init(),
                    s.initValue());
        });
    }

    /** "2" for features, "1, 28, 28" for an image; brackets and × are accepted too. */
    private static Outcome shape(String t) {
        String[] parts = t.replaceAll("[()\\[\\]]", "").split("[,×x\\s]+");
        List<Integer> dims = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            Integer d = count(p, 1);
            if (d == null) {
                return Outcome.refused("refuse.shape");
            }
            dims.add(d);
        }
        if (dims.size() != 1 && dims.size() != 3) {
            return Outcome.refused("refuse.shape");
        }
        return Outcome.of(new Input.Spec(Shape.of(dims.stream().mapToInt(Integer::intValue).toArray())));
    }

    static String shapeText(Shape shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            sb.append(i == 0 ? "" : ", ").append(shape.dim(i));
        }
        return sb.toString();
    }

    private static String initId(Init init) {
        return init == null ? DEFAULT_INIT : init.name().toLowerCase(Locale.ROOT);
    }

    private static Init init(String id) {
        return id.equals(DEFAULT_INIT) ? null : Init.parse(id);
    }

    /** A whole number of at least {@code least}, or null. */
    static Integer count(String t, int least) {
        try {
            int v = Integer.parseInt(t.strip());
            return v >= least ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
