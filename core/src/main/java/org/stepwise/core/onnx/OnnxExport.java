// Writes a network as an ONNX model (IR version 8, opset 13) that ONNX Runtime or Netron can open.
//
// The ONNX model computes what Network.predict returns: the output node's values, logits unless the graph itself ends
// in a softmax. The batch dimension is symbolic ("batch"), so any batch size runs. When a Normalization is given it
// is written into the model as a Sub and a Div on the input, so the model takes RAW inputs, exactly the values a
// student would type or load, not normalized ones. Dropout is left out, since inference passes values through.
// Weights keep PyTorch's layout ((out, in) for Gemm with transB=1) and names ("fc1.weight"). The Transformer's
// nodes are built from basic operators (Gather, ReduceMean, MatMul, Reshape, Transpose, Softmax), since opset 13 has
// no LayerNormalization or attention; their position-wise linear maps store Wᵀ ("…weight_t") for MatMul.
package org.stepwise.core.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.tensor.Shape;

public final class OnnxExport {
    public static final long IR_VERSION = 8;
    public static final long OPSET = 13;
    /** The name of the symbolic batch dimension of the input and the output. */
    public static final String BATCH = "batch";

    private final ProtoWriter graph = new ProtoWriter();
    /** Every tensor and ONNX node name in use, so that made-up names never collide with the network's own. */
    private final Set<String> used = new HashSet<>();
    /** The ONNX tensor that holds each Stepwise node's output. */
    private final Map<String, String> tensorOf = new HashMap<>();
    /** Scalar constants (GELU's) by value, written once each. */
    private final Map<Float, String> scalars = new HashMap<>();

    private OnnxExport() {
    }

    /**
     * The model as bytes.
     *
     * @param norm the input normalization to bake in, or null when the network reads its inputs as they are
     * @throws IllegalArgumentException naming the node when the network holds something ONNX export does not cover
     */
    public static byte[] toBytes(Network net, Normalization norm) {
        OnnxExport export = new OnnxExport();
        ProtoWriter model = new ProtoWriter()
                .varint(OnnxFields.MODEL_IR_VERSION, IR_VERSION)
                .string(OnnxFields.MODEL_PRODUCER_NAME, "Stepwise")
                .message(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter()
                        .string(OnnxFields.OPSET_DOMAIN, "")
                        .varint(OnnxFields.OPSET_VERSION, OPSET))
                .message(OnnxFields.MODEL_GRAPH, export.graph(net, norm));
        return model.toBytes();
    }

    /** Writes {@link #toBytes} to {@code out}, replacing the file. */
    public static void write(Network net, Normalization norm, Path out) throws IOException {
        Files.write(out, toBytes(net, norm));
    }

    private ProtoWriter graph(Network net, Normalization norm) {
        List<Node> nodes = net.nodes();
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("The network is only its input node; there is nothing to export");
        }
        nodes.forEach(n -> used.add(n.name()));
        graph.string(OnnxFields.GRAPH_NAME, "stepwise");
        Node input = net.input();
        tensorOf.put(input.name(), input.name());
        if (norm != null) {
            normalization(input, norm);
        }
        for (Node n : nodes.subList(1, nodes.size())) {
            node(n, n == net.output());
        }
        graph.message(OnnxFields.GRAPH_INPUT, valueInfo(input.name(), input.shape()));
        graph.message(OnnxFields.GRAPH_OUTPUT, valueInfo(tensorOf.get(net.output().name()), net.output().shape()));
        return graph;
    }

    // x' = (x − offset) / divisor as Normalization computes it, with the same float operations in the same order.
    private void normalization(Node input, Normalization norm) {
        if (norm.features() != input.size()) {
            throw new IllegalArgumentException("The normalization was fitted on " + norm.features() + " features "
                    + "but input '" + input.name() + "' has " + input.size() + " values " + input.shape());
        }
        float[] a = norm.a();
        float[] b = norm.b();
        float[] divisor = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            float spread = norm.kind() == Normalization.Kind.STANDARDIZE ? b[j] : b[j] - a[j];
            divisor[j] = spread > 0 ? spread : 1f;
        }
        String offsetName = initializer(input.name() + ".offset", input.shape().dims(), a);
        String divisorName = initializer(input.name() + ".divisor", input.shape().dims(), divisor);
        String centered = fresh(input.name() + "_centered");
        op("Sub", centered, new ProtoWriter[0], input.name(), offsetName);
        String normalized = fresh(input.name() + "_normalized");
        op("Div", normalized, new ProtoWriter[0], centered, divisorName);
        tensorOf.put(input.name(), normalized);
    }

    private void node(Node n, boolean isOutput) {
        String name = n.name();
        Node[] inputs = n.inputs();
        String x = inputs.length > 0 ? tensorOf.get(inputs[0].name()) : null;
        switch (n) {
            case Dense d -> {
                String w = initializer(name + ".weight", d.weight().shape().dims(), d.weight().value());
                String b = initializer(name + ".bias", d.bias().shape().dims(), d.bias().value());
                String z = d.activation() == Activation.IDENTITY ? name : fresh(name + "_linear");
                // (batch, in) · (out, in)ᵀ + b -> (batch, out)
                opNamed(name, "Gemm", z, new ProtoWriter[] {intAttr("transB", 1)}, x, w, b);
                activated(d.activation(), name, z);
            }
            case Conv2D c -> {
                Conv2D.Spec s = c.spec();
                String w = initializer(name + ".weight", c.weight().shape().dims(), c.weight().value());
                String b = initializer(name + ".bias", c.bias().shape().dims(), c.bias().value());
                String z = c.activation() == Activation.IDENTITY ? name : fresh(name + "_conv");
                int k = s.kernelSize();
                int p = s.padding();
                opNamed(name, "Conv", z, new ProtoWriter[] {
                        intsAttr("kernel_shape", k, k), intsAttr("strides", s.stride(), s.stride()),
                        intsAttr("pads", p, p, p, p), intsAttr("dilations", 1, 1), intAttr("group", 1)}, x, w, b);
                activated(c.activation(), name, z);
            }
            case MaxPool2D m -> {
                opNamed(name, "MaxPool", name, new ProtoWriter[] {
                        intsAttr("kernel_shape", m.spec().size(), m.spec().size()),
                        intsAttr("strides", m.spec().stride(), m.spec().stride())}, x);
                tensorOf.put(name, name);
            }
            case BatchNorm bn -> {
                String scale = initializer(name + ".weight", bn.gamma().shape().dims(), bn.gamma().value());
                String bias = initializer(name + ".bias", bn.beta().shape().dims(), bn.beta().value());
                int[] c = {bn.runningMean().length};
                String mean = initializer(name + ".running_mean", c, bn.state().get(0));
                String var = initializer(name + ".running_var", c, bn.state().get(1));
                // ONNX's momentum weighs the old running value, Stepwise's (like PyTorch's) the batch's.
                opNamed(name, "BatchNormalization", name, new ProtoWriter[] {
                        floatAttr("epsilon", bn.spec().epsilon()), floatAttr("momentum", 1f - bn.spec().momentum())},
                        x, scale, bias, mean, var);
                tensorOf.put(name, name);
            }
            case ActivationNode a -> activation(a.activation(), name, name, x);
            case TokenEmbedding t -> tokenEmbedding(t, name, x);
            case PositionalEmbedding p -> positions(p, name, x);
            case LayerNorm l -> layerNorm(l, name, x);
            case CausalSelfAttention a -> attention(a, name, x);
            case FeedForward f -> feedForward(f, name, x);
            case LanguageModelHead h -> head(h, name, x);
            default -> other(n, name, inputs, x, isOutput);
        }
    }

    // The nodes without their own class fields to read: merges, flatten, dropout.
    private void other(Node n, String name, Node[] inputs, String x, boolean isOutput) {
        switch (n.type()) {
            case "flatten" -> opNamed(name, "Flatten", name, new ProtoWriter[] {intAttr("axis", 1)}, x);
            case "concat" -> {
                String[] parts = new String[inputs.length];
                for (int i = 0; i < inputs.length; i++) {
                    parts[i] = tensorOf.get(inputs[i].name());
                }
                opNamed(name, "Concat", name, new ProtoWriter[] {intAttr("axis", 1)}, parts);
            }
            case "add" -> {
                // ONNX's Add takes two inputs: sum left to right, as Stepwise's Add does.
                String sum = x;
                for (int i = 1; i < inputs.length; i++) {
                    String out = i == inputs.length - 1 ? name : fresh(name + "_partial" + i);
                    opNamed(i == inputs.length - 1 ? name : out, "Add", out, new ProtoWriter[0], sum,
                            tensorOf.get(inputs[i].name()));
                    sum = out;
                }
            }
            case "dropout" -> {
                // Inference passes values through, so later nodes read the input; only the model's output needs a
                // tensor of its own.
                if (isOutput) {
                    opNamed(name, "Identity", name, new ProtoWriter[0], x);
                } else {
                    tensorOf.put(name, x);
                    return;
                }
            }
            default -> throw new IllegalArgumentException("ONNX export does not cover " + GraphDef.describe(
                    n.type(), name) + " yet; remove it or replace it to export the network");
        }
        tensorOf.put(name, name);
    }

    /** The activation op that ends a Dense or Conv2D reading its pre-activation {@code z}, if it has one. */
    private void activated(Activation a, String name, String z) {
        if (a != Activation.IDENTITY) {
            activation(a, fresh(name + "_" + a.id()), name, z);
        }
        tensorOf.put(name, name);
    }

    private void activation(Activation a, String nodeName, String out, String x) {
        ProtoWriter[] none = new ProtoWriter[0];
        switch (a) {
            case IDENTITY -> opNamed(nodeName, "Identity", out, none, x);
            case RELU -> opNamed(nodeName, "Relu", out, none, x);
            case LEAKY_RELU -> opNamed(nodeName, "LeakyRelu", out,
                    new ProtoWriter[] {floatAttr("alpha", Activation.LEAKY_SLOPE)}, x);
            case SIGMOID -> opNamed(nodeName, "Sigmoid", out, none, x);
            case TANH -> opNamed(nodeName, "Tanh", out, none, x);
            // Stepwise normalises over the last axis; opset 13's Softmax works on that one axis alone.
            case SOFTMAX -> opNamed(nodeName, "Softmax", out, new ProtoWriter[] {intAttr("axis", -1)}, x);
            case GELU -> gelu(nodeName, out, x);
        }
        tensorOf.put(out, out);
    }

    // Stepwise's GELU is the tanh approximation, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), so it is written out
    // with that formula rather than the exact Erf form, which differs by up to about 1e-3.
    private void gelu(String nodeName, String out, String x) {
        ProtoWriter[] none = new ProtoWriter[0];
        String square = fresh(nodeName + "_square");
        op("Mul", square, none, x, x);
        String cube = fresh(nodeName + "_cube");
        op("Mul", cube, none, square, x);
        String cubic = fresh(nodeName + "_cubic");
        op("Mul", cubic, none, cube, scalar(0.044715f));
        String inner = fresh(nodeName + "_inner");
        op("Add", inner, none, x, cubic);
        String scaled = fresh(nodeName + "_scaled");
        op("Mul", scaled, none, inner, scalar((float) Math.sqrt(2 / Math.PI)));
        String t = fresh(nodeName + "_tanh");
        op("Tanh", t, none, scaled);
        String onePlus = fresh(nodeName + "_one_plus");
        op("Add", onePlus, none, t, scalar(1f));
        String half = fresh(nodeName + "_half");
        op("Mul", half, none, x, scalar(0.5f));
        opNamed(nodeName, "Mul", out, none, half, onePlus);
    }

    // ---- the Transformer's nodes, from opset 13's basic operators ----------------------------------------------

    /** Token ids arrive as floats; Gather needs integers: Cast to int64, then pick rows of the (V, D) table. */
    private void tokenEmbedding(TokenEmbedding t, String name, String x) {
        String ids = fresh(name + "_ids");
        op("Cast", ids, new ProtoWriter[] {intAttr("to", OnnxFields.DATA_TYPE_INT64)}, x);
        String table = initializer(name + ".weight", t.weight().shape().dims(), t.weight().value());
        opNamed(name, "Gather", name, new ProtoWriter[] {intAttr("axis", 0)}, table, ids);
        tensorOf.put(name, name);
    }

    /** x + the table's first T rows, broadcast over the batch. */
    private void positions(PositionalEmbedding p, String name, String x) {
        int t = p.shape().dim(0);
        int d = p.shape().dim(1);
        float[] rows = java.util.Arrays.copyOf(p.table(), t * d);
        String table = initializer(name + (p.spec().sinusoidal() ? ".table" : ".weight"), new int[] {t, d}, rows);
        opNamed(name, "Add", name, new ProtoWriter[0], x, table);
        tensorOf.put(name, name);
    }

    // (x − mean) / √(var + ε) · γ + β over the last axis, as LayerNorm computes it (the biased variance).
    private void layerNorm(LayerNorm l, String name, String x) {
        ProtoWriter[] lastAxis = {intsAttr("axes", -1), intAttr("keepdims", 1)};
        ProtoWriter[] none = new ProtoWriter[0];
        String mean = fresh(name + "_mean");
        op("ReduceMean", mean, lastAxis, x);
        String centered = fresh(name + "_centered");
        op("Sub", centered, none, x, mean);
        String squares = fresh(name + "_squares");
        op("Mul", squares, none, centered, centered);
        String variance = fresh(name + "_variance");
        op("ReduceMean", variance, lastAxis, squares);
        String shifted = fresh(name + "_var_eps");
        op("Add", shifted, none, variance, scalar(l.spec().epsilon()));
        String std = fresh(name + "_std");
        op("Sqrt", std, none, shifted);
        String normalized = fresh(name + "_normalized");
        op("Div", normalized, none, centered, std);
        String scaled = fresh(name + "_scaled");
        op("Mul", scaled, none, normalized, initializer(name + ".weight", l.gamma().shape().dims(),
                l.gamma().value()));
        opNamed(name, "Add", name, none, scaled, initializer(name + ".bias", l.beta().shape().dims(),
                l.beta().value()));
        tensorOf.put(name, name);
    }

    /**
     * x·Wᵀ + b over the last axis for W rows [from, from + rows) of an (out, in) weight: MatMul with the transposed
     * block as an initializer, then Add.
     */
    private String linear(String base, String out, String x, float[] weight, float[] bias, int in, int from,
                          int rows) {
        float[] transposed = new float[in * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < in; c++) {
                transposed[c * rows + r] = weight[(from + r) * in + c];
            }
        }
        String product = fresh(base + "_matmul");
        op("MatMul", product, new ProtoWriter[0], x, initializer(base + ".weight_t", new int[] {in, rows},
                transposed));
        float[] b = java.util.Arrays.copyOfRange(bias, from, from + rows);
        opNamed(out, "Add", out, new ProtoWriter[0], product, initializer(base + ".bias", new int[] {rows}, b));
        return out;
    }

    /**
     * Per head h: softmax(q_h·k_hᵀ/√d + mask)·v_h, heads side by side, then the output projection. The mask adds
     * −1e9 above the diagonal, which exp turns into exactly 0, as Stepwise's causal softmax gives.
     */
    private void attention(CausalSelfAttention a, String name, String x) {
        int t = a.positions();
        int d = a.headSize();
        int heads = a.heads();
        int dim = d * heads;
        ProtoWriter[] none = new ProtoWriter[0];
        float[] w = a.inProjectionWeight().value();
        float[] b = a.inProjectionBias().value();
        String shape = int64s(name + "_heads_shape", 0, t, heads, d);
        String[] qkv = new String[3];
        String[] parts = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            String flat = linear(name + "_" + parts[i], fresh(name + "_" + parts[i]), x, w, b, dim, i * dim, dim);
            String split = fresh(name + "_" + parts[i] + "_split");
            op("Reshape", split, none, flat, shape);
            // q and v become (batch, heads, T, d); k becomes (batch, heads, d, T), ready for q·kᵀ
            String perm = fresh(name + "_" + parts[i] + "_heads");
            op("Transpose", perm, new ProtoWriter[] {i == 1 ? intsAttr("perm", 0, 2, 3, 1)
                    : intsAttr("perm", 0, 2, 1, 3)}, split);
            qkv[i] = perm;
        }
        String scores = fresh(name + "_scores");
        op("MatMul", scores, none, qkv[0], qkv[1]);
        String scaled = fresh(name + "_scaled");
        op("Mul", scaled, none, scores, scalar((float) (1 / Math.sqrt(d))));
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = -1e9f;
            }
        }
        String masked = fresh(name + "_masked");
        op("Add", masked, none, scaled, initializer(name + ".causal_mask", new int[] {t, t}, mask));
        String weights = fresh(name + "_weights");
        op("Softmax", weights, new ProtoWriter[] {intAttr("axis", -1)}, masked);
        String mixed = fresh(name + "_mixed");
        op("MatMul", mixed, none, weights, qkv[2]);
        String back = fresh(name + "_positions_first");
        op("Transpose", back, new ProtoWriter[] {intsAttr("perm", 0, 2, 1, 3)}, mixed);
        String joined = fresh(name + "_joined");
        op("Reshape", joined, none, back, int64s(name + "_joined_shape", 0, t, dim));
        linear(name + "_out", name, joined, a.outProjectionWeight().value(), a.outProjectionBias().value(), dim, 0,
                dim);
        tensorOf.put(name, name);
    }

    private void feedForward(FeedForward f, String name, String x) {
        List<org.stepwise.core.graph.Param> p = f.params();
        int dim = f.shape().dim(f.shape().rank() - 1);
        int hidden = f.spec().hidden();
        String h = linear(name + "_fc1", fresh(name + "_fc1"), x, p.get(0).value(), p.get(1).value(), dim, 0,
                hidden);
        String g = fresh(name + "_gelu");
        gelu(g, g, h);
        linear(name + "_fc2", name, g, p.get(2).value(), p.get(3).value(), hidden, 0, dim);
        tensorOf.put(name, name);
    }

    private void head(LanguageModelHead h, String name, String x) {
        int dim = h.weight().shape().dim(1);
        linear(name, name, x, h.weight().value(), h.bias().value(), dim, 0, h.spec().vocabulary());
        tensorOf.put(name, name);
    }

    /** An int64 initializer: Reshape's target shapes. */
    private String int64s(String base, long... values) {
        String name = fresh(base);
        byte[] raw = new byte[values.length * Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < 8; j++) {
                raw[8 * i + j] = (byte) (values[i] >>> (8 * j));
            }
        }
        graph.message(OnnxFields.GRAPH_INITIALIZER, new ProtoWriter()
                .packedVarints(OnnxFields.TENSOR_DIMS, new long[] {values.length})
                .varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.DATA_TYPE_INT64)
                .string(OnnxFields.TENSOR_NAME, name)
                .bytes(OnnxFields.TENSOR_RAW_DATA, raw));
        return name;
    }

    // ---- protobuf pieces -------------------------------------------------------------------------------------

    private void op(String type, String out, ProtoWriter[] attributes, String... inputs) {
        opNamed(out, type, out, attributes, inputs);
    }

    private void opNamed(String nodeName, String type, String out, ProtoWriter[] attributes, String... inputs) {
        used.add(nodeName);
        used.add(out);
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(OnnxFields.NODE_INPUT, in);
        }
        node.string(OnnxFields.NODE_OUTPUT, out)
                .string(OnnxFields.NODE_NAME, nodeName)
                .string(OnnxFields.NODE_OP_TYPE, type);
        for (ProtoWriter a : attributes) {
            node.message(OnnxFields.NODE_ATTRIBUTE, a);
        }
        graph.message(OnnxFields.GRAPH_NODE, node);
    }

    private String initializer(String base, int[] dims, float[] values) {
        String name = fresh(base);
        graph.message(OnnxFields.GRAPH_INITIALIZER, tensor(name, dims, values));
        return name;
    }

    private String scalar(float value) {
        return scalars.computeIfAbsent(value, v -> initializer("const_" + Float.toString(v).replace('.', '_')
                .replace('-', 'm'), new int[0], new float[] {v}));
    }

    private static ProtoWriter tensor(String name, int[] dims, float[] values) {
        long[] d = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i];
        }
        byte[] raw = new byte[values.length * Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            raw[4 * i] = (byte) bits;
            raw[4 * i + 1] = (byte) (bits >>> 8);
            raw[4 * i + 2] = (byte) (bits >>> 16);
            raw[4 * i + 3] = (byte) (bits >>> 24);
        }
        ProtoWriter t = new ProtoWriter();
        if (d.length > 0) {
            t.packedVarints(OnnxFields.TENSOR_DIMS, d);
        }
        return t.varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.DATA_TYPE_FLOAT)
                .string(OnnxFields.TENSOR_NAME, name)
                .bytes(OnnxFields.TENSOR_RAW_DATA, raw);
    }

    /** A float tensor (batch, ...per-sample shape) with the batch dimension symbolic. */
    private static ProtoWriter valueInfo(String name, Shape perSample) {
        ProtoWriter shape = new ProtoWriter()
                .message(OnnxFields.SHAPE_DIM, new ProtoWriter().string(OnnxFields.DIM_PARAM, BATCH));
        for (int d : perSample.dims()) {
            shape.message(OnnxFields.SHAPE_DIM, new ProtoWriter().varint(OnnxFields.DIM_VALUE, d));
        }
        ProtoWriter tensorType = new ProtoWriter()
                .varint(OnnxFields.TENSOR_TYPE_ELEM_TYPE, OnnxFields.DATA_TYPE_FLOAT)
                .message(OnnxFields.TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter()
                .string(OnnxFields.VALUE_INFO_NAME, name)
                .message(OnnxFields.VALUE_INFO_TYPE,
                        new ProtoWriter().message(OnnxFields.TYPE_TENSOR_TYPE, tensorType));
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INT)
                .varint(OnnxFields.ATTR_I, value);
    }

    private static ProtoWriter intsAttr(String name, long... values) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INTS)
                .packedVarints(OnnxFields.ATTR_INTS, values);
    }

    private static ProtoWriter floatAttr(String name, float value) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_FLOAT)
                .float32(OnnxFields.ATTR_F, value);
    }

    /** {@code base}, or base_2, base_3, … when that is taken. */
    private String fresh(String base) {
        String name = base;
        for (int i = 2; used.contains(name); i++) {
            name = base + "_" + i;
        }
        used.add(name);
        return name;
    }
}
