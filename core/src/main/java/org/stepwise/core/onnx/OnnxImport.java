// Reads an ONNX model into a Stepwise graph and a network holding the file's weights, so a student can open a model
// trained elsewhere (PyTorch's torch.onnx.export, or Stepwise's own export) and step through it.
//
// It reads the operators Stepwise has nodes for: Gemm or MatMul (+ Add bias) as Dense, Conv, MaxPool, Flatten, the
// activations, Add, Concat, BatchNormalization; Dropout and Identity pass through. An activation right after a Gemm
// or Conv joins that node, as Stepwise's Dense and Conv2D carry one. A Sub and a Div by constants right at the input,
// as OnnxExport writes a Normalization, come back as that Normalization. Everything else is refused, all of it in one
// message, before anything is built.
package org.stepwise.core.onnx;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Concat;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.onnx.OnnxModel.Attribute;
import org.stepwise.core.onnx.OnnxModel.Op;
import org.stepwise.core.onnx.OnnxModel.Tensor;
import org.stepwise.core.onnx.OnnxModel.Value;
import org.stepwise.core.tensor.Shape;

public final class OnnxImport {
    /** Well above the file of the largest network Stepwise builds (its parameters as float32, plus the graph). */
    public static final long MAX_FILE_BYTES = Network.MAX_PARAMETERS * Float.BYTES + (64L << 20);
    /** The newest opset whose operators this importer was checked against; newer files are read with a warning. */
    static final long NEWEST_OPSET = 22;
    static final int MAX_NAME_LENGTH = 64;

    private static final List<String> SUPPORTED = List.of("Gemm", "MatMul", "Conv", "MaxPool", "Flatten", "Relu",
            "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "Add", "Concat", "BatchNormalization", "Dropout", "Identity",
            "Constant");
    /** Read only as an input normalization, so listed apart in messages. */
    private static final List<String> NORMALIZING = List.of("Sub", "Div");

    /**
     * A model as Stepwise sees it.
     *
     * @param graph         the graph, with node names made from the file's (letters, digits, '_' and '-')
     * @param network       built from the graph, holding the file's weights and batch-norm statistics
     * @param warnings      what was read with a change a user should know of; empty when it was read as it is
     * @param normalization the input normalization the file applies first, or null; the network itself then expects
     *                      normalized inputs, as a Stepwise network trained with that normalization does
     */
    public record Imported(GraphDef graph, Network network, List<String> warnings, Normalization normalization) {
        public Imported {
            warnings = List.copyOf(warnings);
        }

        public Imported(GraphDef graph, Network network, List<String> warnings) {
            this(graph, network, warnings, null);
        }
    }

    private final String source;
    private final OnnxModel.Graph onnx;
    private final long opset;
    private final List<String> warnings = new ArrayList<>();
    /** Initializers and Constant outputs: the only tensors a node may take as weights. */
    private final Map<String, Tensor> constants = new HashMap<>();
    /** For every tensor of the file, the ops that read it. */
    private final Map<String, List<Op>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    /** Ops already taken into another Stepwise node (a bias Add, an activation, the normalization). */
    private final Set<Op> absorbed = new HashSet<>();
    /** The Stepwise node whose output each tensor of the file is. */
    private final Map<String, String> producer = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final List<NodeDef> nodes = new ArrayList<>();
    /** Values for each node's parameters, in Node.params() order, and for its state, in Node.state() order. */
    private final Map<String, List<float[]>> params = new HashMap<>();
    private final Map<String, List<float[]>> states = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    /** The Add nodes made so far, by name, which a following Add may take in. */
    private final Map<String, NodeDef> sums = new HashMap<>();
    private Normalization normalization;

    private OnnxImport(String source, OnnxModel.Model model) {
        this.source = source;
        this.onnx = model.graph();
        this.opset = model.opset();
    }

    /** Reads a file; messages name it by its file name. */
    public static Imported read(Path file) throws IOException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(source, 0, 0, "the file is " + String.format("%,d", size) + " bytes, "
                    + "more than the " + String.format("%,d", MAX_FILE_BYTES) + " a Stepwise network can come from");
        }
        return read(Files.readAllBytes(file), source);
    }

    /**
     * Reads a model from memory.
     *
     * @param source how messages name it, such as "model.onnx"
     * @throws ModelFormatException when the bytes are not ONNX, or hold anything Stepwise cannot represent; the
     *                              message says what and where
     */
    public static Imported read(byte[] bytes, String source) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ModelFormatException(source, 0, 0, "the model is " + String.format("%,d", bytes.length)
                    + " bytes, more than the " + String.format("%,d", MAX_FILE_BYTES) + " allowed");
        }
        OnnxModel.Model model = OnnxModel.parse(bytes, source);
        return new OnnxImport(source, model).convert();
    }

    private Imported convert() {
        if (opset > NEWEST_OPSET) {
            warnings.add("the model uses opset " + opset + ", newer than the " + NEWEST_OPSET + " Stepwise knows; "
                    + "it was read with the operators' meaning in opset " + NEWEST_OPSET);
        }
        refuseUnsupported();
        for (Tensor t : onnx.initializers().values()) {
            constants.put(t.name(), t);
        }
        Set<String> produced = new HashSet<>();
        for (Op op : onnx.nodes()) {
            if (op.outputs().isEmpty() || op.outputs().get(0).isEmpty()) {
                throw fail(op.describe() + " has no output");
            }
            for (String out : op.outputs()) {
                if (!out.isEmpty() && (!produced.add(out) || constants.containsKey(out))) {
                    throw fail(op.describe() + " writes '" + out + "', which something before it already holds; "
                            + "every tensor must have one source");
                }
            }
            if (op.type().equals("Constant")) {
                constant(op);
            }
            for (String in : op.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
            }
        }
        Value output = theOutput();
        graphOutputs.add(output.name());
        input();
        for (Op op : onnx.nodes()) {
            if (!absorbed.contains(op)) {
                op(op);
            }
        }
        String last = producer.get(output.name());
        if (last == null) {
            throw fail("the model's output '" + output.name() + "' is not produced by any node");
        }
        if (nodes.get(0).name().equals(last)) {
            throw fail("the model's output is its input: there is no layer to import");
        }
        GraphDef graph = new GraphDef(nodes);
        Network network;
        try {
            network = Network.build(graph, 0);
        } catch (GraphException e) {
            throw fail("the model does not form a Stepwise network: " + e.getMessage());
        }
        if (!network.output().name().equals(last)) {
            throw fail("the model's output '" + output.name() + "' is not its last layer; Stepwise networks end in "
                    + "their output");
        }
        load(network);
        return new Imported(graph, network, warnings, normalization);
    }

    // ---- checks before anything is built ---------------------------------------------------------------------

    private void refuseUnsupported() {
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        for (Op op : onnx.nodes()) {
            boolean standard = op.domain().isEmpty() || op.domain().equals("ai.onnx");
            if (!standard || !(SUPPORTED.contains(op.type()) || NORMALIZING.contains(op.type()))) {
                String type = standard ? op.type() : op.domain() + "." + op.type();
                unsupported.computeIfAbsent(type, k -> new ArrayList<>()).add(op.label());
            }
        }
        if (unsupported.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        unsupported.forEach((type, at) -> parts.add(type + " (node" + (at.size() > 1 ? "s " : " ")
                + String.join(", ", at.size() > 5 ? append(at.subList(0, 5), "…") : at) + ")"));
        throw fail("unsupported operators: " + String.join(", ", parts) + "; Stepwise reads "
                + String.join(", ", SUPPORTED) + ", and " + String.join(" and ", NORMALIZING)
                + " as an input normalization");
    }

    private static List<String> append(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }

    private void constant(Op op) {
        Attribute value = op.attributes().get("value");
        if (value == null || value.t() == null || op.outputs().size() != 1) {
            throw fail(op.describe() + " must hold one tensor in its 'value' attribute; Stepwise reads no other "
                    + "form of constant");
        }
        Tensor t = value.t();
        constants.put(op.outputs().get(0), new Tensor(op.outputs().get(0), t.dataType(), t.dims(), t.values()));
        absorbed.add(op);
    }

    private Value theOutput() {
        if (onnx.outputs().size() != 1) {
            throw fail("the model has " + onnx.outputs().size() + " outputs ("
                    + String.join(", ", onnx.outputs().stream().map(Value::name).toList())
                    + "); a Stepwise network has exactly one");
        }
        return onnx.outputs().get(0);
    }

    // ---- the input and its normalization ---------------------------------------------------------------------

    private void input() {
        List<Value> real = onnx.inputs().stream().filter(v -> !constants.containsKey(v.name())).toList();
        if (real.size() != 1) {
            throw fail("the model has " + real.size() + " inputs" + (real.isEmpty() ? "" : " ("
                    + String.join(", ", real.stream().map(Value::name).toList()) + ")")
                    + "; a Stepwise network has exactly one");
        }
        Value in = real.get(0);
        if (in.elemType() != OnnxFields.DATA_TYPE_FLOAT) {
            throw fail("the input '" + in.name() + "' has element type " + in.elemType() + "; Stepwise reads "
                    + "float32 inputs only");
        }
        String expected = "(batch, features) or (batch, channels, height, width)";
        if (in.dims() == null || (in.dims().size() != 2 && in.dims().size() != 4)) {
            throw fail("the input '" + in.name() + "' has " + (in.dims() == null ? "no shape" : in.dims().size()
                    + " dimensions") + "; Stepwise needs " + expected);
        }
        int[] dims = new int[in.dims().size() - 1];
        for (int i = 0; i < dims.length; i++) {
            OnnxModel.Dim d = in.dims().get(i + 1);
            if (d.value() <= 0 || d.value() > Integer.MAX_VALUE) {
                throw fail("dimension " + (i + 1) + " of the input '" + in.name() + "' is "
                        + (d.value() < 0 ? "free ('" + d.param() + "')" : String.valueOf(d.value()))
                        + "; Stepwise needs fixed sizes after the batch, as in " + expected);
            }
            dims[i] = (int) d.value();
        }
        long batch = in.dims().get(0).value();
        if (batch > 0) {
            warnings.add("the input '" + in.name() + "' fixes the batch size at " + batch + "; Stepwise runs "
                    + "batches of any size");
        }
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw fail("the input '" + in.name() + "': " + e.getMessage());
        }
        String name = name(in.name(), "input");
        add(new NodeDef(name, new Input.Spec(shape)), null, in.name());
        normalization(in.name(), name, shape);
    }

    // Sub(x, offset) then Div(·, divisor), each the only reader of the tensor before it: OnnxExport's normalization.
    private void normalization(String input, String node, Shape shape) {
        Op sub = sole(input);
        if (sub == null || !sub.type().equals("Sub") || !sub.input(0).equals(input)) {
            return;
        }
        Op div = sole(sub.outputs().get(0));
        if (div == null || !div.type().equals("Div") || !div.input(0).equals(sub.outputs().get(0))) {
            return;
        }
        float[] offset = perSample(sub.input(1), shape);
        float[] divisor = perSample(div.input(1), shape);
        if (offset == null || divisor == null) {
            return;
        }
        for (float d : divisor) {
            if (!(d > 0) || !Float.isFinite(d)) {
                return;
            }
        }
        try {
            // With the divisor as the standard deviation, Normalization computes exactly (x − offset) / divisor.
            normalization = Normalization.of(Normalization.Kind.STANDARDIZE, offset, divisor);
        } catch (IllegalArgumentException e) {
            return;
        }
        absorbed.add(sub);
        absorbed.add(div);
        producer.put(div.outputs().get(0), node);
    }

    /** A constant holding one value per input value, shaped as a sample or as a batch of one; else null. */
    private float[] perSample(String name, Shape shape) {
        Tensor t = constants.get(name);
        if (t == null || t.values() == null || t.count() != shape.size()) {
            return null;
        }
        long[] dims = t.dims();
        int skip = dims.length == shape.rank() + 1 && dims[0] == 1 ? 1 : 0;
        if (dims.length - skip != shape.rank()) {
            return dims.length == 1 && shape.rank() == 1 ? t.values() : null;
        }
        for (int i = 0; i < shape.rank(); i++) {
            if (dims[i + skip] != shape.dim(i)) {
                return null;
            }
        }
        return t.values();
    }

    // ---- one operator ----------------------------------------------------------------------------------------

    private void op(Op op) {
        switch (op.type()) {
            case "Gemm" -> gemm(op);
            case "MatMul" -> matMul(op);
            case "Conv" -> conv(op);
            case "MaxPool" -> maxPool(op);
            case "Flatten" -> {
                long axis = intAttr(op, "axis", 1);
                String x = activationInput(op, 0);
                if (axis != 1 && axis != 1 - (shapes.get(x).rank() + 1)) {
                    throw fail(op.describe() + " flattens from axis " + axis + "; Stepwise flattens each sample, "
                            + "from axis 1");
                }
                add(new NodeDef(name(op), new Flatten.Spec(), x), op, op.outputs().get(0));
            }
            case "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax" -> {
                String x = activationInput(op, 0);
                Activation a = activation(op, shapes.get(x), true);
                add(new NodeDef(name(op), new ActivationNode.Spec(a), x), op, op.outputs().get(0));
            }
            case "Add" -> {
                if (constants.containsKey(op.input(0)) || constants.containsKey(op.input(1))) {
                    throw fail(op.describe() + " adds a constant; Stepwise reads that only as the bias right after "
                            + "a MatMul, whose sole reader it must be");
                }
                sum(op);
            }
            case "Concat" -> {
                Attribute axis = op.attributes().get("axis");
                String x = activationInput(op, 0);
                int rank = shapes.get(x).rank() + 1;
                if (axis == null || (axis.i() != 1 && axis.i() != 1 - rank)) {
                    throw fail(op.describe() + " joins along axis " + (axis == null ? "(none given)" : axis.i())
                            + "; Stepwise joins along axis 1: the features of vectors, the channels of images");
                }
                merge(op, new Concat.Spec());
            }
            case "BatchNormalization" -> batchNorm(op);
            case "Dropout", "Identity" -> {
                if (op.outputs().size() > 1 && isRead(op.outputs().get(1))) {
                    throw fail(op.describe() + ": its mask output is used, but Stepwise's inference has no mask");
                }
                String x = activationInput(op, 0);
                producer.put(op.outputs().get(0), x);
                if (op.type().equals("Dropout")) {
                    warnings.add(op.describe() + " is left out: at inference it passes values through unchanged");
                }
            }
            default -> throw fail(op.describe() + " is read only as an input normalization: a " + String.join(
                    " then a ", NORMALIZING) + " by constants right at the input");
        }
    }

    private void gemm(Op op) {
        if (intAttr(op, "transA", 0) != 0 || floatAttr(op, "alpha", 1f) != 1f || floatAttr(op, "beta", 1f) != 1f) {
            throw fail(op.describe() + " uses transA, alpha or beta; Stepwise reads Gemm as x·Wᵀ + b only "
                    + "(transA = 0, alpha = beta = 1)");
        }
        String x = activationInput(op, 0);
        int in = features(op, x);
        Tensor b = weight(op, 1, "its weights B", 2);
        boolean transB = intAttr(op, "transB", 0) != 0;
        int units = (int) (transB ? b.dims()[0] : b.dims()[1]);
        if ((transB ? b.dims()[1] : b.dims()[0]) != in) {
            throw fail(op.describe() + " has weights " + OnnxModel.shapeText(b.dims()) + (transB ? " (transposed)"
                    : "") + " but receives " + in + " features from '" + x + "'");
        }
        float[] w = transB ? b.values() : transpose(b.values(), in, units);
        float[] bias = op.input(2).isEmpty() ? new float[units] : bias(op, 2, units);
        dense(op, x, w, bias, op.outputs().get(0), units);
    }

    // y = x·B (+ c in a following Add): PyTorch writes nn.Linear this way when it does not use Gemm.
    private void matMul(Op op) {
        String x = activationInput(op, 0);
        int in = features(op, x);
        Tensor b = weight(op, 1, "its second operand", 2);
        if (b.dims()[0] != in) {
            throw fail(op.describe() + " multiplies by " + OnnxModel.shapeText(b.dims()) + " but receives " + in
                    + " features from '" + x + "'");
        }
        int units = (int) b.dims()[1];
        float[] bias = new float[units];
        String out = op.outputs().get(0);
        Op add = sole(out);
        if (add != null && add.type().equals("Add")) {
            String other = add.input(0).equals(out) ? add.input(1) : add.input(0);
            Tensor c = constants.get(other);
            if (c != null && c.values() != null && c.count() == units && c.dims().length >= 1
                    && c.dims()[c.dims().length - 1] == units) {
                bias = c.values();
                absorbed.add(add);
                out = add.outputs().get(0);
            }
        }
        dense(op, x, transpose(b.values(), in, units), bias, out, units);
    }

    private void dense(Op op, String x, float[] w, float[] bias, String out, int units) {
        Activation fused = null;
        Op next = sole(out);
        if (next != null && isActivation(next)) {
            fused = activation(next, Shape.of(units), false);
            if (fused != null) {
                absorbed.add(next);
                out = next.outputs().get(0);
            }
        }
        Activation a = fused == null ? Activation.IDENTITY : fused;
        String name = name(op);
        add(new NodeDef(name, spec(op, () -> new Dense.Spec(units, a)), x), op, out);
        params.put(name, List.of(w, bias));
    }

    private void conv(Op op) {
        String x = activationInput(op, 0);
        Shape image = shapes.get(x);
        if (image.rank() != 3) {
            throw fail(op.describe() + " expects an image (channels, height, width) but receives " + image
                    + " from '" + x + "'");
        }
        Tensor w = weight(op, 1, "its weights W", 4);
        long[] d = w.dims();
        if (intAttr(op, "group", 1) != 1) {
            throw fail(op.describe() + " is a grouped convolution; Stepwise's Conv2D connects every input channel "
                    + "to every filter (group = 1)");
        }
        if (d[1] != image.dim(0)) {
            throw fail(op.describe() + " has weights " + OnnxModel.shapeText(d) + " for " + d[1]
                    + " input channels but receives " + image + " from '" + x + "'");
        }
        if (d[2] != d[3]) {
            throw fail(op.describe() + " has a " + d[2] + "×" + d[3] + " kernel; Stepwise's kernels are square");
        }
        int k = (int) d[2];
        long[] kernel = intsAttr(op, "kernel_shape", new long[] {k, k});
        if (kernel.length != 2 || kernel[0] != k || kernel[1] != k) {
            throw fail(op.describe() + ": kernel_shape does not match its " + k + "×" + k + " weights");
        }
        ones(op, "dilations");
        int stride = square(op, "strides");
        int padding = padding(op);
        int outChannels = (int) d[0];
        float[] bias = op.input(2).isEmpty() ? new float[outChannels] : bias(op, 2, outChannels);
        String out = op.outputs().get(0);
        Activation a = Activation.IDENTITY;
        Op next = sole(out);
        if (next != null && isActivation(next) && !next.type().equals("Softmax")) {
            Activation fused = activation(next, image, false);
            if (fused != null) {
                a = fused;
                absorbed.add(next);
                out = next.outputs().get(0);
            }
        }
        Activation act = a;
        String name = name(op);
        add(new NodeDef(name, spec(op, () -> new Conv2D.Spec(outChannels, k, stride, padding, act, null, 0f)), x),
                op, out);
        params.put(name, List.of(w.values(), bias));
    }

    private void maxPool(Op op) {
        String x = activationInput(op, 0);
        Shape image = shapes.get(x);
        if (image.rank() != 3) {
            throw fail(op.describe() + " expects an image (channels, height, width) but receives " + image
                    + " from '" + x + "'");
        }
        if (op.outputs().size() > 1 && isRead(op.outputs().get(1))) {
            throw fail(op.describe() + ": its indices output is used, which Stepwise does not provide");
        }
        long[] kernel = intsAttr(op, "kernel_shape", new long[0]);
        if (kernel.length != 2 || kernel[0] != kernel[1] || kernel[0] <= 0 || kernel[0] > Integer.MAX_VALUE) {
            throw fail(op.describe() + " has the window " + Arrays.toString(kernel) + "; Stepwise pools "
                    + "with square 2-D windows");
        }
        int size = (int) kernel[0];
        ones(op, "dilations");
        int stride = square(op, "strides");
        if (padding(op) != 0) {
            throw fail(op.describe() + " pads its input; Stepwise's MaxPool2D does not pad");
        }
        // Rounding the output size up only matters when the last window would overhang the image.
        if (intAttr(op, "ceil_mode", 0) != 0 && ((image.dim(1) - size) % stride != 0
                || (image.dim(2) - size) % stride != 0)) {
            throw fail(op.describe() + " rounds its output size up (ceil_mode), keeping windows that overhang "
                    + image + "; Stepwise drops them, as PyTorch does by default");
        }
        add(new NodeDef(name(op), spec(op, () -> new MaxPool2D.Spec(size, stride)), x), op, op.outputs().get(0));
    }

    private void batchNorm(Op op) {
        if (intAttr(op, "training_mode", 0) != 0) {
            throw fail(op.describe() + " is in training mode; export the model in evaluation mode");
        }
        for (int i = 1; i < op.outputs().size(); i++) {
            if (isRead(op.outputs().get(i))) {
                throw fail(op.describe() + ": its running-statistics outputs are used, which Stepwise's inference "
                        + "does not provide");
            }
        }
        String x = activationInput(op, 0);
        int channels = shapes.get(x).dim(0);
        float[] scale = bias(op, 1, channels);
        float[] shift = bias(op, 2, channels);
        float[] mean = bias(op, 3, channels);
        float[] var = bias(op, 4, channels);
        float epsilon = floatAttr(op, "epsilon", 1e-5f);
        // ONNX's momentum weighs the old running value; Stepwise's, like PyTorch's, the batch's.
        float onnxMomentum = floatAttr(op, "momentum", 0.9f);
        float m = 0.1f;
        if (onnxMomentum >= 0f && onnxMomentum <= 1f) {
            // Six digits undo the float rounding of 1 − m, so Stepwise's 0.1 comes back as 0.1, not 0.100000024.
            m = new BigDecimal(1.0 - onnxMomentum).round(new MathContext(6)).floatValue();
        } else {
            warnings.add(op.describe() + " has momentum " + onnxMomentum + ", outside [0, 1]; training in Stepwise "
                    + "will use 0.1");
        }
        float momentum = m;
        String name = name(op);
        add(new NodeDef(name, spec(op, () -> new BatchNorm.Spec(momentum, epsilon)), x), op, op.outputs().get(0));
        params.put(name, List.of(scale, shift));
        states.put(name, List.of(mean, var));
    }

    // ONNX's Add takes two inputs, so a sum of three arrives as a chain; an Add read only by the next one joins it,
    // giving back Stepwise's one Add of several inputs.
    private void sum(Op op) {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < op.inputs().size(); i++) {
            String node = activationInput(op, i);
            NodeDef partial = sums.get(node);
            if (partial != null && sole(op.input(i)) == op) {
                inputs.addAll(partial.inputs());
                nodes.remove(partial);
            } else {
                inputs.add(node);
            }
        }
        NodeDef sum = new NodeDef(name(op), new Add.Spec(), inputs, false);
        add(sum, op, op.outputs().get(0));
        sums.put(sum.name(), sum);
    }

    private void merge(Op op, LayerSpec spec) {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < op.inputs().size(); i++) {
            inputs.add(activationInput(op, i));
        }
        add(new NodeDef(name(op), spec, inputs, false), op, op.outputs().get(0));
    }

    // ---- activations -----------------------------------------------------------------------------------------

    private static boolean isActivation(Op op) {
        return switch (op.type()) {
            case "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax" -> true;
            default -> false;
        };
    }

    /**
     * The Stepwise activation for this op over values of per-sample {@code shape}. When it has none: a refusal for
     * a stand-alone op, else null, and the op is then read on its own after the layer (and refused there).
     */
    private Activation activation(Op op, Shape shape, boolean standAlone) {
        switch (op.type()) {
            case "Relu":
                return Activation.RELU;
            case "Sigmoid":
                return Activation.SIGMOID;
            case "Tanh":
                return Activation.TANH;
            case "LeakyRelu": {
                float alpha = floatAttr(op, "alpha", 0.01f);
                if (Math.abs(alpha - Activation.LEAKY_SLOPE) <= 1e-7f) {
                    return Activation.LEAKY_RELU;
                }
                if (standAlone) {
                    throw fail(op.describe() + " has slope " + alpha + "; Stepwise's LeakyReLU has slope "
                            + Activation.LEAKY_SLOPE);
                }
                return null;
            }
            case "Softmax": {
                // Before opset 13 Softmax flattened from its axis (default 1); from 13 it uses one axis (default
                // -1). Both equal Stepwise's softmax over the last axis exactly when the axis is the last.
                int rank = shape.rank() + 1;
                long axis = intAttr(op, "axis", opset >= 13 ? -1 : 1);
                if (axis == rank - 1 || axis == -1) {
                    return Activation.SOFTMAX;
                }
                if (standAlone) {
                    throw fail(op.describe() + " normalises along axis " + axis + " of " + rank + "; Stepwise's "
                            + "softmax normalises along the last axis");
                }
                return null;
            }
            default:
                throw new IllegalStateException(op.type() + " is not an activation");
        }
    }

    // ---- inputs, constants and attributes --------------------------------------------------------------------

    /** The Stepwise node that produces input {@code i} of this op; refuses constants and unknown tensors. */
    private String activationInput(Op op, int i) {
        String tensor = op.input(i);
        if (tensor.isEmpty()) {
            throw fail(op.describe() + " lacks its input " + (i + 1));
        }
        if (constants.containsKey(tensor)) {
            throw fail(op.describe() + " reads the constant '" + tensor + "' as input " + (i + 1) + ", where "
                    + "Stepwise expects values from the network");
        }
        String node = producer.get(tensor);
        if (node == null) {
            throw fail(op.describe() + " reads '" + tensor + "', which no earlier node produces; the file's nodes "
                    + "must be in order, each after the nodes it reads");
        }
        return node;
    }

    private int features(Op op, String x) {
        Shape s = shapes.get(x);
        if (s.rank() != 1) {
            throw fail(op.describe() + " expects a vector but receives " + s + " from '" + x + "': the model needs "
                    + "a Flatten before it");
        }
        return s.dim(0);
    }

    /** Input {@code i} as a float32 constant of the given rank. */
    private Tensor weight(Op op, int i, String what, int rank) {
        String tensor = op.input(i);
        Tensor t = constants.get(tensor);
        if (t == null) {
            throw fail(op.describe() + ": " + what + (tensor.isEmpty() ? " are missing" : " ('" + tensor + "') must "
                    + "be an initializer; Stepwise reads weights stored in the file"));
        }
        if (t.values() == null) {
            throw fail(op.describe() + ": " + what + " ('" + tensor + "') are of data type " + t.dataType()
                    + "; Stepwise reads float32 weights only");
        }
        if (t.dims().length != rank) {
            throw fail(op.describe() + ": " + what + " ('" + tensor + "') have shape "
                    + OnnxModel.shapeText(t.dims()) + " but should have " + rank + " dimensions");
        }
        for (long d : t.dims()) {
            if (d == 0) {
                throw fail(op.describe() + ": " + what + " ('" + tensor + "') are empty");
            }
        }
        return t;
    }

    /** Input {@code i} as {@code n} float32 values: one per output feature or channel, or one for all. */
    private float[] bias(Op op, int i, int n) {
        String tensor = op.input(i);
        Tensor t = constants.get(tensor);
        if (t == null || t.values() == null) {
            throw fail(op.describe() + ": input " + (i + 1) + " ('" + tensor + "') must be a float32 initializer");
        }
        if (t.count() == n) {
            return t.values();
        }
        if (t.count() == 1) {
            float[] all = new float[n];
            Arrays.fill(all, t.values()[0]);
            return all;
        }
        throw fail(op.describe() + ": input " + (i + 1) + " ('" + tensor + "') has shape "
                + OnnxModel.shapeText(t.dims()) + " but should hold " + n + " values");
    }

    private long intAttr(Op op, String name, long fallback) {
        Attribute a = attribute(op, name, OnnxFields.ATTR_TYPE_INT, "a whole number");
        return a == null ? fallback : a.i();
    }

    private float floatAttr(Op op, String name, float fallback) {
        Attribute a = attribute(op, name, OnnxFields.ATTR_TYPE_FLOAT, "a number");
        return a == null ? fallback : a.f();
    }

    private long[] intsAttr(Op op, String name, long[] fallback) {
        Attribute a = attribute(op, name, OnnxFields.ATTR_TYPE_INTS, "a list of whole numbers");
        return a == null ? fallback : a.ints();
    }

    // Files from IR version 1 may leave the type out (0); any other type than the expected one is refused.
    private Attribute attribute(Op op, String name, int type, String what) {
        Attribute a = op.attributes().get(name);
        if (a != null && a.type() != type && a.type() != 0) {
            throw fail(op.describe() + ": attribute '" + name + "' should be " + what + " but has type " + a.type());
        }
        return a;
    }

    private void ones(Op op, String name) {
        for (long v : intsAttr(op, name, new long[0])) {
            if (v != 1) {
                throw fail(op.describe() + " has " + name + " " + Arrays.toString(intsAttr(op, name, null))
                        + "; Stepwise supports only 1");
            }
        }
    }

    /** A two-element attribute such as strides, equal in both directions (1 when absent). */
    private int square(Op op, String name) {
        long[] v = intsAttr(op, name, new long[] {1, 1});
        if (v.length != 2 || v[0] != v[1] || v[0] <= 0 || v[0] > Integer.MAX_VALUE) {
            throw fail(op.describe() + " has " + name + " " + Arrays.toString(v) + "; Stepwise needs two "
                    + "equal positive values");
        }
        return (int) v[0];
    }

    /** The same padding on all four sides, from pads or auto_pad VALID; refuses the rest. */
    private int padding(Op op) {
        Attribute auto = op.attributes().get("auto_pad");
        if (auto != null && !auto.s().isEmpty() && !auto.s().equals("NOTSET") && !auto.s().equals("VALID")) {
            throw fail(op.describe() + " uses auto_pad " + auto.s() + "; Stepwise needs explicit, equal pads");
        }
        long[] pads = intsAttr(op, "pads", new long[] {0, 0, 0, 0});
        if (pads.length != 4 || pads[0] < 0 || pads[0] > Integer.MAX_VALUE / 4 || pads[0] != pads[1]
                || pads[0] != pads[2] || pads[0] != pads[3]) {
            throw fail(op.describe() + " has pads " + Arrays.toString(pads) + "; Stepwise pads every "
                    + "side equally");
        }
        return (int) pads[0];
    }

    // ---- building --------------------------------------------------------------------------------------------

    /** Adds a node whose output is {@code tensor} of the file, inferring its shape now so errors name the op. */
    private void add(NodeDef node, Op op, String tensor) {
        List<Shape> in = node.inputs().stream().map(shapes::get).toList();
        LayerSpec spec = node.spec();
        if (in.size() < spec.minInputs() || in.size() > spec.maxInputs()) {
            throw fail((op == null ? "" : op.describe() + " ") + "has " + in.size() + " inputs; Stepwise's "
                    + GraphDef.describe(spec.type(), node.name()) + " takes " + (spec.maxInputs() == Integer.MAX_VALUE
                    ? "at least " + spec.minInputs() : String.valueOf(spec.minInputs())));
        }
        try {
            shapes.put(node.name(), node.spec().outputShape(node.name(), in, node.inputs()));
        } catch (IllegalArgumentException e) {
            throw fail((op == null ? "" : op.describe() + ": ") + e.getMessage());
        }
        nodes.add(node);
        producer.put(tensor, node.name());
    }

    private LayerSpec spec(Op op, Supplier<LayerSpec> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw fail(op.describe() + ": " + e.getMessage());
        }
    }

    private void load(Network network) {
        for (Node n : network.nodes()) {
            List<float[]> values = params.get(n.name());
            if (values != null) {
                copy(n.params().stream().map(Param::value).toList(), values, n);
            }
            List<float[]> state = states.get(n.name());
            if (state != null) {
                copy(n.state(), state, n);
            }
        }
    }

    private void copy(List<float[]> into, List<float[]> from, Node n) {
        for (int i = 0; i < into.size(); i++) {
            if (into.get(i).length != from.get(i).length) {
                throw fail(GraphDef.describe(n.type(), n.name()) + " needs " + into.get(i).length + " values but the "
                        + "file holds " + from.get(i).length);
            }
            System.arraycopy(from.get(i), 0, into.get(i), 0, into.get(i).length);
        }
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        // m is (rows, cols) -> (cols, rows)
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** The op that alone reads this tensor, when the tensor is not also the model's output. */
    private Op sole(String tensor) {
        List<Op> readers = consumers.getOrDefault(tensor, List.of());
        return readers.size() == 1 && !graphOutputs.contains(tensor) && !absorbed.contains(readers.get(0))
                ? readers.get(0) : null;
    }

    private boolean isRead(String tensor) {
        return !tensor.isEmpty() && (consumers.containsKey(tensor) || graphOutputs.contains(tensor));
    }

    // ---- names -----------------------------------------------------------------------------------------------

    private String name(Op op) {
        return name(op.name().isEmpty() ? op.outputs().isEmpty() ? "" : op.outputs().get(0) : op.name(),
                op.type().toLowerCase(Locale.ROOT));
    }

    /**
     * A unique Stepwise name made from an ONNX one: letters, digits, '_' and '-' kept, runs of anything else made
     * one '_', at most 64 characters; PyTorch's "/fc1/Gemm" becomes "fc1_Gemm".
     */
    private String name(String raw, String fallback) {
        String clean = raw.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_{2,}", "_").replaceAll("^_+|_+$", "");
        if (clean.isEmpty()) {
            clean = fallback;
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            clean = clean.substring(0, MAX_NAME_LENGTH);
        }
        String name = clean;
        for (int i = 2; names.contains(name); i++) {
            name = clean + "_" + i;
        }
        names.add(name);
        return name;
    }

    private ModelFormatException fail(String detail) {
        return new ModelFormatException(source, 0, 0, detail);
    }
}
