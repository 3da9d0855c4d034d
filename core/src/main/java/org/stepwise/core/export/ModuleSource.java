// Writes model.py: a PyTorch module that mirrors a Stepwise network node by node, meant to be read as well as run.
//
// __init__ builds one torch.nn layer per node that has one; forward() computes one local variable per node in the
// network's topological order, with the node's per-sample shape beside it; merges (add, concat) and fused
// activations are written out in forward() rather than hidden in modules. Stepwise node names appear in the text
// only inside comments, escaped, so no name can inject code.
package org.stepwise.core.export;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
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

final class ModuleSource {
    /** The class the text blocks below name. */
    static final String CLASS_NAME = "StepwiseModel";

    private final Network net;
    private final boolean normalized;
    private final Map<String, String> ids;
    private final StringBuilder out = new StringBuilder();

    ModuleSource(Network net, boolean normalized, Map<String, String> ids) {
        this.net = net;
        this.normalized = normalized;
        this.ids = ids;
    }

    String render() {
        header();
        out.append(IMPORTS).append("\n\n").append(LOADER).append("\n\n");
        if (normalized) {
            out.append(INPUT_NORM).append("\n\n");
        }
        if (uses(PositionalEmbedding.class)) {
            out.append(POSITIONS).append("\n\n");
        }
        if (uses(CausalSelfAttention.class)) {
            out.append(ATTENTION).append("\n\n");
        }
        if (uses(FeedForward.class)) {
            out.append(FEED_FORWARD).append("\n\n");
        }
        module();
        out.append("\n\n").append(LOAD_MODEL).append("\n\n").append(MAIN);
        return out.toString();
    }

    // ---- the file's parts, in file order ---------------------------------------------------------------------

    private void header() {
        String input = batched(net.input().shape());
        out.append("""
                # model.py: a network trained in Stepwise, as a PyTorch module. Its weights are in model.safetensors.
                #
                # StepwiseModel mirrors the Stepwise graph node by node. Each node with a PyTorch layer is an
                # attribute of the same name, so the state_dict keys ("<node>.weight", "<node>.bias", ...) are the
                # tensor names in model.safetensors. forward() computes one local variable per node, in the order
                # Stepwise runs them, with the shape of each result beside it.
                #
                """);
        if (normalized) {
            line("# forward() takes raw inputs shaped " + input + " and first applies the normalization fitted");
            line("# on the training data, x' = (x - offset) / divisor, exactly as `stepwise predict` does.");
        } else {
            line("# forward() takes inputs shaped " + input + " as they are: the network was trained without");
            line("# input normalization.");
        }
        out.append("""
                # It returns what the output node computes: a classifier's logits, with no softmax unless the graph
                # ends in one. Dropout and BatchNorm behave as in Stepwise's predictions once eval() is called, as
                # load_model() does.
                #
                # Only PyTorch is needed: load_safetensors() reads the weights with json and struct, without the
                # safetensors package. `python3 model.py` loads the weights, prints the module and runs it on zeros.
                """);
        List<Node> renamed = net.nodes().stream().filter(n -> !ids.get(n.name()).equals(n.name())).toList();
        if (!renamed.isEmpty()) {
            line("#");
            line("# Stepwise node names that Python would refuse, or that the module already uses, are renamed:");
            for (Node n : renamed) {
                line("#   " + quoted(n.name()) + " -> " + ids.get(n.name()));
            }
        }
        line("");
    }

    private static final String IMPORTS = """
            import json
            import os
            import struct
            import sys

            import torch
            import torch.nn as nn
            import torch.nn.functional as F

            WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.safetensors")
            """;

    private static final String LOADER = """
            def load_safetensors(path):
                \"""Reads a float32 safetensors file into {name: tensor}.

                The format: an 8-byte little-endian header length, a JSON header giving each tensor's dtype, shape
                and byte range in the data that follows, then the data.
                \"""
                with open(path, "rb") as f:
                    data = f.read()
                (header_length,) = struct.unpack_from("<Q", data, 0)
                header = json.loads(data[8:8 + header_length])
                start = 8 + header_length
                tensors = {}
                for name, entry in header.items():
                    if name == "__metadata__":
                        continue
                    if entry["dtype"] != "F32":
                        raise ValueError(f"{path}: tensor {name} is {entry['dtype']}; this loader reads F32 only")
                    begin, end = entry["data_offsets"]
                    if start + end > len(data):
                        raise ValueError(f"{path}: tensor {name} lies beyond the end of the file")
                    values = struct.unpack_from(f"<{(end - begin) // 4}f", data, start + begin)
                    tensors[name] = torch.tensor(values, dtype=torch.float32).reshape(entry["shape"])
                return tensors
            """;

    private static final String INPUT_NORM = """
            class InputNorm(nn.Module):
                \"""x' = (x - offset) / divisor per input value, with statistics of the training data.\"""

                def __init__(self, shape):
                    super().__init__()
                    self.register_buffer("offset", torch.zeros(shape))
                    self.register_buffer("divisor", torch.ones(shape))

                def forward(self, x):
                    return (x - self.offset) / self.divisor
            """;

    private boolean uses(Class<? extends Node> type) {
        return net.nodes().stream().anyMatch(type::isInstance);
    }

    private static final String POSITIONS = """
            class LearnedPositions(nn.Module):
                \"""Adds a learned vector per position: x + weight[:T].\"""

                def __init__(self, context, dim):
                    super().__init__()
                    self.weight = nn.Parameter(torch.zeros(context, dim))

                def forward(self, x):
                    return x + self.weight[: x.shape[1]]


            class SinusoidalPositions(nn.Module):
                \"""Adds the Transformer paper's fixed table: sin(t / 10000^(2i/dim)) and cos(...) in turn.\"""

                def __init__(self, context, dim):
                    super().__init__()
                    t = torch.arange(context, dtype=torch.float64).unsqueeze(1)
                    pair = torch.arange(dim) // 2 * 2
                    angle = t * torch.pow(10000.0, -pair.double() / dim)
                    table = torch.where(torch.arange(dim) % 2 == 0, torch.sin(angle), torch.cos(angle))
                    self.register_buffer("table", table.float(), persistent=False)

                def forward(self, x):
                    return x + self.table[: x.shape[1]]
            """;

    private static final String ATTENTION = """
            class CausalSelfAttention(nn.Module):
                \"""Multi-head causal self-attention, with nn.MultiheadAttention's parameters under flat names.

                q, k and v are the three row blocks of in_proj_weight applied to x; head h takes columns
                h*d:(h+1)*d; position i attends to positions 0..i only.
                \"""

                def __init__(self, dim, heads):
                    super().__init__()
                    self.heads = heads
                    self.in_proj_weight = nn.Parameter(torch.zeros(3 * dim, dim))
                    self.in_proj_bias = nn.Parameter(torch.zeros(3 * dim))
                    self.out_proj_weight = nn.Parameter(torch.zeros(dim, dim))
                    self.out_proj_bias = nn.Parameter(torch.zeros(dim))

                def forward(self, x):
                    batch, length, dim = x.shape
                    d = dim // self.heads
                    q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).split(dim, dim=-1)
                    q, k, v = (t.view(batch, length, self.heads, d).transpose(1, 2) for t in (q, k, v))
                    scores = q @ k.transpose(-2, -1) / d ** 0.5
                    future = torch.ones(length, length, dtype=torch.bool, device=x.device).triu(1)
                    weights = torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
                    mixed = (weights @ v).transpose(1, 2).reshape(batch, length, dim)
                    return F.linear(mixed, self.out_proj_weight, self.out_proj_bias)
            """;

    private static final String FEED_FORWARD = """
            class FeedForward(nn.Module):
                \"""fc2(GELU(fc1(x))) at every position, with GELU's tanh form as Stepwise computes it.\"""

                def __init__(self, dim, hidden):
                    super().__init__()
                    self.fc1_weight = nn.Parameter(torch.zeros(hidden, dim))
                    self.fc1_bias = nn.Parameter(torch.zeros(hidden))
                    self.fc2_weight = nn.Parameter(torch.zeros(dim, hidden))
                    self.fc2_bias = nn.Parameter(torch.zeros(dim))

                def forward(self, x):
                    h = F.gelu(F.linear(x, self.fc1_weight, self.fc1_bias), approximate="tanh")
                    return F.linear(h, self.fc2_weight, self.fc2_bias)
            """;

    private void module() {
        line("class " + CLASS_NAME + "(nn.Module):");
        line("    # One sample's shape; forward() takes a batch of them.");
        line("    input_shape = " + tuple(net.input().shape()));
        line("");
        line("    def __init__(self):");
        line("        super().__init__()");
        if (normalized) {
            line("        self." + PyTorchExport.NORM + " = InputNorm(" + CLASS_NAME + ".input_shape)");
        }
        for (Node node : net.nodes()) {
            String layer = layer(node);
            if (layer != null) {
                line("        self." + ids.get(node.name()) + " = " + layer);
            }
        }
        line("");
        line("    def forward(self, x):");
        for (Node node : net.nodes()) {
            line("        " + ids.get(node.name()) + " = " + expression(node) + "  # " + batched(node.shape()));
        }
        line("        return " + ids.get(net.output().name()));
    }

    private static final String LOAD_MODEL = """
            def load_model(path=WEIGHTS):
                \"""Builds StepwiseModel, loads its weights from path, and switches it to inference (eval).\"""
                model = StepwiseModel()
                missing, unexpected = model.load_state_dict(load_safetensors(path), strict=False)
                # PyTorch's batch norm also counts the batches it has seen; Stepwise does not, and inference never
                # reads the count, so num_batches_tracked is the one key allowed to be missing.
                missing = [k for k in missing if not k.endswith(".num_batches_tracked")]
                if missing or unexpected:
                    raise RuntimeError(f"{path} does not fit StepwiseModel: missing {missing}, unexpected {unexpected}")
                return model.eval()
            """;

    private static final String MAIN = """
            if __name__ == "__main__":
                model = load_model(sys.argv[1] if len(sys.argv) > 1 else WEIGHTS)
                print(model)
                print(sum(p.numel() for p in model.parameters()), "parameters")
                with torch.no_grad():
                    y = model(torch.zeros(1, *StepwiseModel.input_shape))
                print("output for an all-zero input:", y)
            """;

    // ---- one node ------------------------------------------------------------------------------------------

    /** The torch.nn layer built in __init__, or null for nodes computed directly in forward(). */
    private static String layer(Node node) {
        return switch (node) {
            case Dense d -> "nn.Linear(" + d.inputFeatures() + ", " + d.spec().units() + ")";
            case Conv2D c -> {
                Conv2D.Spec s = c.spec();
                yield "nn.Conv2d(" + c.weight().shape().dim(1) + ", " + s.outChannels() + ", kernel_size="
                        + s.kernelSize() + ", stride=" + s.stride() + ", padding=" + s.padding() + ")";
            }
            case MaxPool2D p -> "nn.MaxPool2d(kernel_size=" + p.spec().size() + ", stride=" + p.spec().stride() + ")";
            case BatchNorm b -> "nn.BatchNorm" + (b.shape().rank() == 3 ? "2d(" : "1d(") + b.runningMean().length
                    + ", eps=" + literal(b.spec().epsilon()) + ", momentum=" + literal(b.spec().momentum()) + ")";
            case Flatten f -> "nn.Flatten()";
            case Dropout d -> "nn.Dropout(p=" + literal(d.spec().rate()) + ")";
            case ActivationNode a -> switch (a.activation()) {
                case IDENTITY -> "nn.Identity()";
                case RELU -> "nn.ReLU()";
                case LEAKY_RELU -> "nn.LeakyReLU(negative_slope=" + literal(Activation.LEAKY_SLOPE) + ")";
                case SIGMOID -> "nn.Sigmoid()";
                case TANH -> "nn.Tanh()";
                case GELU -> "nn.GELU(approximate=\"tanh\")";
                case SOFTMAX -> "nn.Softmax(dim=-1)";
            };
            case LayerNorm l -> "nn.LayerNorm(" + l.gamma().size() + ", eps=" + literal(l.spec().epsilon()) + ")";
            case TokenEmbedding t -> "nn.Embedding(" + t.spec().vocabulary() + ", " + t.spec().dim() + ")";
            case PositionalEmbedding p -> (p.spec().sinusoidal() ? "SinusoidalPositions(" : "LearnedPositions(")
                    + p.spec().context() + ", " + p.shape().dim(1) + ")";
            case CausalSelfAttention a -> "CausalSelfAttention(" + a.shape().dim(1) + ", " + a.heads() + ")";
            case FeedForward f -> "FeedForward(" + f.shape().dim(f.shape().rank() - 1) + ", " + f.spec().hidden()
                    + ")";
            case LanguageModelHead h -> "nn.Linear(" + h.weight().shape().dim(1) + ", " + h.spec().vocabulary() + ")";
            case Input i -> null;
            case Add a -> null;
            case Concat c -> null;
            default -> throw PyTorchExport.unsupported(node);
        };
    }

    /** The right-hand side of the node's line in forward(). */
    private String expression(Node node) {
        List<String> in = Arrays.stream(node.inputs()).map(n -> ids.get(n.name())).toList();
        String self = "self." + ids.get(node.name());
        return switch (node) {
            case Input i -> normalized ? "self." + PyTorchExport.NORM + "(x)" : "x";
            case Add a -> in.size() == 2 ? "torch.add(" + in.get(0) + ", " + in.get(1) + ")" : String.join(" + ", in);
            case Concat c -> "torch.cat([" + String.join(", ", in) + "], dim=1)";
            case Dense d -> fused(d.activation(), self + "(" + in.get(0) + ")");
            case Conv2D c -> fused(c.activation(), self + "(" + in.get(0) + ")");
            // token ids arrive as floats, as Stepwise feeds them; an embedding looks them up as integers
            case TokenEmbedding t -> self + "(" + in.get(0) + ".long())";
            default -> self + "(" + in.get(0) + ")";
        };
    }

    /** A layer's built-in activation applied to its affine result z; softmax runs over the last axis, as in Stepwise. */
    private static String fused(Activation activation, String z) {
        return switch (activation) {
            case IDENTITY -> z;
            case RELU -> "F.relu(" + z + ")";
            case LEAKY_RELU -> "F.leaky_relu(" + z + ", negative_slope=" + literal(Activation.LEAKY_SLOPE) + ")";
            case SIGMOID -> "torch.sigmoid(" + z + ")";
            case TANH -> "torch.tanh(" + z + ")";
            // Stepwise's GELU is the tanh approximation, so the module uses it too rather than the exact erf form.
            case GELU -> "F.gelu(" + z + ", approximate=\"tanh\")";
            case SOFTMAX -> "torch.softmax(" + z + ", dim=-1)";
        };
    }

    // ---- text helpers --------------------------------------------------------------------------------------

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** The shortest decimal that reads back as the same float: 1e-5f becomes "0.00001", 0.1f "0.1". */
    static String literal(float value) {
        String plain = new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A Python tuple: "(2,)" or "(1, 28, 28)". */
    private static String tuple(Shape shape) {
        int[] dims = shape.dims();
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            b.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return b.append(')').toString();
    }

    /** "(batch, 6, 14, 14)": a per-sample shape with the batch dimension in front. */
    private static String batched(Shape shape) {
        return "(batch, " + shape.toString().substring(1);
    }

    /**
     * A name in single quotes as Python would print it, with quotes, backslashes and every control or line-breaking
     * character escaped, so it is safe inside a comment.
     */
    static String quoted(String name) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
