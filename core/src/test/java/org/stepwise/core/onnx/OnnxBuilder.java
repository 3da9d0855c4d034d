// Hand-made ONNX models for the error tests, written with ProtoWriter: one input (batch, features) named "x", nodes,
// float initializers and one output.
package org.stepwise.core.onnx;

import java.util.ArrayList;
import java.util.List;

final class OnnxBuilder {
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final long[] inputDims;
    private String output = "y";
    private long opset = 13;

    /** An input "x" of (batch, dims...). */
    OnnxBuilder(long... perSample) {
        this.inputDims = perSample;
    }

    OnnxBuilder node(String type, String name, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
        return node("", type, name, inputs, outputs, attributes);
    }

    OnnxBuilder node(String domain, String type, String name, List<String> inputs, List<String> outputs,
                     ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        inputs.forEach(i -> n.string(OnnxFields.NODE_INPUT, i));
        outputs.forEach(o -> n.string(OnnxFields.NODE_OUTPUT, o));
        n.string(OnnxFields.NODE_NAME, name).string(OnnxFields.NODE_OP_TYPE, type);
        if (!domain.isEmpty()) {
            n.string(OnnxFields.NODE_DOMAIN, domain);
        }
        for (ProtoWriter a : attributes) {
            n.message(OnnxFields.NODE_ATTRIBUTE, a);
        }
        nodes.add(n);
        return this;
    }

    OnnxBuilder initializer(String name, long[] dims, float[] values) {
        ProtoWriter t = new ProtoWriter().packedVarints(OnnxFields.TENSOR_DIMS, dims)
                .varint(OnnxFields.TENSOR_DATA_TYPE, OnnxFields.DATA_TYPE_FLOAT)
                .string(OnnxFields.TENSOR_NAME, name)
                .packedFloats(OnnxFields.TENSOR_FLOAT_DATA, values);
        initializers.add(t);
        return this;
    }

    OnnxBuilder output(String name) {
        this.output = name;
        return this;
    }

    OnnxBuilder opset(long version) {
        this.opset = version;
        return this;
    }

    static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INT).varint(OnnxFields.ATTR_I, value);
    }

    static ProtoWriter floatAttr(String name, float value) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_FLOAT).float32(OnnxFields.ATTR_F, value);
    }

    static ProtoWriter intsAttr(String name, long... values) {
        return new ProtoWriter().string(OnnxFields.ATTR_NAME, name)
                .varint(OnnxFields.ATTR_TYPE, OnnxFields.ATTR_TYPE_INTS).packedVarints(OnnxFields.ATTR_INTS, values);
    }

    byte[] toBytes() {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(OnnxFields.GRAPH_NODE, n));
        initializers.forEach(t -> graph.message(OnnxFields.GRAPH_INITIALIZER, t));
        graph.message(OnnxFields.GRAPH_INPUT, value("x", inputDims));
        graph.message(OnnxFields.GRAPH_OUTPUT, value(output, new long[0]));
        return new ProtoWriter().varint(OnnxFields.MODEL_IR_VERSION, 8)
                .message(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter().varint(OnnxFields.OPSET_VERSION, opset))
                .message(OnnxFields.MODEL_GRAPH, graph).toBytes();
    }

    private static ProtoWriter value(String name, long[] perSample) {
        ProtoWriter shape = new ProtoWriter()
                .message(OnnxFields.SHAPE_DIM, new ProtoWriter().string(OnnxFields.DIM_PARAM, "N"));
        for (long d : perSample) {
            shape.message(OnnxFields.SHAPE_DIM, new ProtoWriter().varint(OnnxFields.DIM_VALUE, d));
        }
        ProtoWriter tensor = new ProtoWriter().varint(OnnxFields.TENSOR_TYPE_ELEM_TYPE, OnnxFields.DATA_TYPE_FLOAT)
                .message(OnnxFields.TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter().string(OnnxFields.VALUE_INFO_NAME, name)
                .message(OnnxFields.VALUE_INFO_TYPE, new ProtoWriter().message(OnnxFields.TYPE_TENSOR_TYPE, tensor));
    }
}
