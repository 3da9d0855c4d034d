// The part of an ONNX ModelProto that Stepwise reads, decoded into plain records: the default-domain opset, and the
// main graph's nodes, initializers, inputs and outputs. Metadata, subgraphs, training info and functions are skipped.
//
// Counts, ranks and tensor sizes are capped before anything is allocated; tensor data must match its shape exactly.
package org.stepwise.core.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.ModelFormatException;

final class OnnxModel {
    /** Far beyond any network Stepwise can build (which caps its parameters), small enough to refuse junk early. */
    static final int MAX_NODES = 100_000;
    static final int MAX_TENSORS = 100_000;
    static final int MAX_RANK = 8;
    static final int MAX_NAME_BYTES = 4096;
    static final int MAX_PORTS = 10_000;
    static final int MAX_ATTRIBUTE_VALUES = 1 << 20;

    record Model(long irVersion, long opset, String producer, Graph graph) {
    }

    record Graph(String name, List<Op> nodes, Map<String, Tensor> initializers, List<Value> inputs,
                 List<Value> outputs) {
    }

    /** A NodeProto; "op" rather than "node" so it cannot be confused with Stepwise's nodes. */
    record Op(String name, String type, String domain, List<String> inputs, List<String> outputs,
              Map<String, Attribute> attributes) {

        /** How messages name it: "Gemm (node fc1)", or by its first output when the node has no name. */
        String describe() {
            return type + " (node " + label() + ")";
        }

        String label() {
            return !name.isEmpty() ? name : outputs.isEmpty() ? "unnamed" : outputs.get(0);
        }

        String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }
    }

    /** One attribute; which of f, i, s, floats, ints or t holds the value depends on {@code type}. */
    record Attribute(String name, int type, float f, long i, String s, float[] floats, long[] ints, Tensor t) {
    }

    /** A tensor; {@code values} is null unless the data type is float32. */
    record Tensor(String name, int dataType, long[] dims, float[] values) {
        long count() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /** A graph input or output; {@code dims} is null when the file gives no shape. */
    record Value(String name, int elemType, List<Dim> dims) {
    }

    /** One dimension: a fixed size, or -1 with the symbolic name (possibly empty) of a free one. */
    record Dim(long value, String param) {
    }

    private final String source;

    private OnnxModel(String source) {
        this.source = source;
    }

    static Model parse(byte[] bytes, String source) {
        return new OnnxModel(source).model(new ProtoReader(bytes, source));
    }

    private Model model(ProtoReader r) {
        long ir = -1;
        long opset = -1;
        String producer = "";
        Graph graph = null;
        int fields = 0;
        while (r.next()) {
            fields++;
            switch (r.field()) {
                case OnnxFields.MODEL_IR_VERSION -> ir = r.varint();
                case OnnxFields.MODEL_PRODUCER_NAME -> producer = r.string(MAX_NAME_BYTES);
                case OnnxFields.MODEL_OPSET_IMPORT -> {
                    ProtoReader o = r.message();
                    String domain = "";
                    long version = -1;
                    while (o.next()) {
                        switch (o.field()) {
                            case OnnxFields.OPSET_DOMAIN -> domain = o.string(MAX_NAME_BYTES);
                            case OnnxFields.OPSET_VERSION -> version = o.varint();
                            default -> o.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                case OnnxFields.MODEL_GRAPH -> graph = graph(r.message());
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw fail(fields == 0 ? "the file is empty" : "not an ONNX model: it holds no graph");
        }
        if (opset <= 0) {
            throw fail("the model imports no version of the standard ONNX operator set");
        }
        return new Model(ir, opset, producer, graph);
    }

    private Graph graph(ProtoReader r) {
        String name = "";
        List<Op> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<Value> inputs = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.GRAPH_NAME -> name = r.string(MAX_NAME_BYTES);
                case OnnxFields.GRAPH_NODE -> {
                    if (nodes.size() >= MAX_NODES) {
                        throw fail("the graph has more than " + MAX_NODES + " nodes");
                    }
                    nodes.add(op(r.message()));
                }
                case OnnxFields.GRAPH_INITIALIZER -> {
                    if (initializers.size() >= MAX_TENSORS) {
                        throw fail("the graph has more than " + MAX_TENSORS + " initializers");
                    }
                    Tensor t = tensor(r.message());
                    if (initializers.putIfAbsent(t.name(), t) != null) {
                        throw fail("two initializers are named '" + t.name() + "'");
                    }
                }
                case OnnxFields.GRAPH_INPUT, OnnxFields.GRAPH_OUTPUT -> {
                    List<Value> list = r.field() == OnnxFields.GRAPH_INPUT ? inputs : outputs;
                    if (list.size() >= MAX_TENSORS) {
                        throw fail("the graph lists more than " + MAX_TENSORS + " inputs or outputs");
                    }
                    list.add(value(r.message()));
                }
                case OnnxFields.GRAPH_SPARSE_INITIALIZER -> throw fail("the graph has sparse initializers, which "
                        + "Stepwise does not read; save the weights as dense tensors");
                default -> r.skip();
            }
        }
        return new Graph(name, List.copyOf(nodes), Collections.unmodifiableMap(initializers), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    private Op op(ProtoReader r) {
        String name = "";
        String type = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.NODE_INPUT, OnnxFields.NODE_OUTPUT -> {
                    List<String> list = r.field() == OnnxFields.NODE_INPUT ? inputs : outputs;
                    if (list.size() >= MAX_PORTS) {
                        throw r.invalid("a node has more than " + MAX_PORTS + " inputs or outputs");
                    }
                    list.add(r.string(MAX_NAME_BYTES));
                }
                case OnnxFields.NODE_NAME -> name = r.string(MAX_NAME_BYTES);
                case OnnxFields.NODE_OP_TYPE -> type = r.string(MAX_NAME_BYTES);
                case OnnxFields.NODE_DOMAIN -> domain = r.string(MAX_NAME_BYTES);
                case OnnxFields.NODE_ATTRIBUTE -> {
                    if (attributes.size() >= MAX_PORTS) {
                        throw r.invalid("a node has more than " + MAX_PORTS + " attributes");
                    }
                    Attribute a = attribute(r.message());
                    attributes.put(a.name(), a);
                }
                default -> r.skip();
            }
        }
        if (type.isEmpty()) {
            throw fail("node '" + name + "' has no operator type");
        }
        return new Op(name, type, domain, List.copyOf(inputs), List.copyOf(outputs),
                Collections.unmodifiableMap(attributes));
    }

    private Attribute attribute(ProtoReader r) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        ProtoReader.FloatList floats = new ProtoReader.FloatList();
        ProtoReader.LongList ints = new ProtoReader.LongList(MAX_ATTRIBUTE_VALUES);
        Tensor t = null;
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.ATTR_NAME -> name = r.string(MAX_NAME_BYTES);
                case OnnxFields.ATTR_TYPE -> type = r.int32();
                case OnnxFields.ATTR_F -> f = r.float32();
                case OnnxFields.ATTR_I -> i = r.varint();
                case OnnxFields.ATTR_S -> s = r.string(MAX_NAME_BYTES);
                case OnnxFields.ATTR_T -> t = tensor(r.message());
                case OnnxFields.ATTR_FLOATS -> r.floats(floats);
                case OnnxFields.ATTR_INTS -> r.varints(ints);
                default -> r.skip();
            }
        }
        return new Attribute(name, type, f, i, s, floats.toArray(), ints.toArray(), t);
    }

    private Tensor tensor(ProtoReader r) {
        String name = "";
        int dataType = 0;
        ProtoReader.LongList dims = new ProtoReader.LongList(MAX_RANK);
        ProtoReader.FloatList floatData = new ProtoReader.FloatList();
        byte[] raw = null;
        boolean external = false;
        while (r.next()) {
            switch (r.field()) {
                case OnnxFields.TENSOR_NAME -> name = r.string(MAX_NAME_BYTES);
                case OnnxFields.TENSOR_DATA_TYPE -> dataType = r.int32();
                case OnnxFields.TENSOR_DIMS -> r.varints(dims);
                case OnnxFields.TENSOR_FLOAT_DATA -> r.floats(floatData);
                case OnnxFields.TENSOR_RAW_DATA -> raw = r.bytes();
                case OnnxFields.TENSOR_DATA_LOCATION -> external = r.int32() == OnnxFields.DATA_LOCATION_EXTERNAL;
                default -> r.skip();
            }
        }
        String label = name.isEmpty() ? "a tensor" : "tensor '" + name + "'";
        if (external) {
            throw fail(label + " keeps its data in an external file, which Stepwise does not read; save the model "
                    + "with its weights inside the .onnx file");
        }
        long[] shape = dims.toArray();
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw fail(label + " has a negative dimension " + d);
            }
            count *= d;
            if (count > Network.MAX_PARAMETERS) {
                throw fail(label + " has more than " + String.format("%,d", Network.MAX_PARAMETERS)
                        + " values, more than a Stepwise network may hold");
            }
        }
        if (dataType != OnnxFields.DATA_TYPE_FLOAT) {
            return new Tensor(name, dataType, shape, null);
        }
        float[] values;
        if (raw != null) {
            if (raw.length != count * Float.BYTES) {
                throw fail(label + " has shape " + shapeText(shape) + ", which needs " + count * Float.BYTES
                        + " bytes of data, but holds " + raw.length);
            }
            values = new float[(int) count];
            for (int k = 0; k < values.length; k++) {
                int b = 4 * k;
                values[k] = Float.intBitsToFloat((raw[b] & 0xFF) | (raw[b + 1] & 0xFF) << 8
                        | (raw[b + 2] & 0xFF) << 16 | (raw[b + 3] & 0xFF) << 24);
            }
        } else {
            if (floatData.size() != count) {
                throw fail(label + " has shape " + shapeText(shape) + ", which needs " + count + " values, but "
                        + "holds " + floatData.size());
            }
            values = floatData.toArray();
        }
        return new Tensor(name, dataType, shape, values);
    }

    private Value value(ProtoReader r) {
        String name = "";
        int elemType = 0;
        List<Dim> dims = null;
        while (r.next()) {
            if (r.field() == OnnxFields.VALUE_INFO_NAME) {
                name = r.string(MAX_NAME_BYTES);
            } else if (r.field() == OnnxFields.VALUE_INFO_TYPE) {
                ProtoReader type = r.message();
                while (type.next()) {
                    if (type.field() != OnnxFields.TYPE_TENSOR_TYPE) {
                        type.skip();
                        continue;
                    }
                    ProtoReader tensor = type.message();
                    while (tensor.next()) {
                        if (tensor.field() == OnnxFields.TENSOR_TYPE_ELEM_TYPE) {
                            elemType = tensor.int32();
                        } else if (tensor.field() == OnnxFields.TENSOR_TYPE_SHAPE) {
                            dims = shape(tensor.message());
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                r.skip();
            }
        }
        return new Value(name, elemType, dims);
    }

    private List<Dim> shape(ProtoReader r) {
        List<Dim> dims = new ArrayList<>();
        while (r.next()) {
            if (r.field() != OnnxFields.SHAPE_DIM) {
                r.skip();
                continue;
            }
            if (dims.size() >= MAX_RANK) {
                throw r.invalid("a shape has more than " + MAX_RANK + " dimensions");
            }
            ProtoReader d = r.message();
            long value = -1;
            String param = "";
            while (d.next()) {
                switch (d.field()) {
                    case OnnxFields.DIM_VALUE -> value = d.varint();
                    case OnnxFields.DIM_PARAM -> param = d.string(MAX_NAME_BYTES);
                    default -> d.skip();
                }
            }
            dims.add(new Dim(value, param));
        }
        return List.copyOf(dims);
    }

    static String shapeText(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < dims.length; k++) {
            sb.append(k > 0 ? ", " : "").append(dims[k]);
        }
        return sb.append(')').toString();
    }

    private ModelFormatException fail(String detail) {
        return new ModelFormatException(source, 0, 0, detail);
    }
}
