// The field numbers and enum values of onnx.proto that Stepwise writes and reads, named as the spec names them.
//
// Facts from the ONNX specification, written out by hand: the exporter and the importer share them so that the two
// cannot disagree. Fields Stepwise never uses are left out.
package org.stepwise.core.onnx;

final class OnnxFields {
    private OnnxFields() {
    }

    // ModelProto
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;

    // OperatorSetIdProto
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;

    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int GRAPH_SPARSE_INITIALIZER = 15;

    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;

    // AttributeProto and its AttributeType values
    static final int ATTR_NAME = 1;
    static final int ATTR_F = 2;
    static final int ATTR_I = 3;
    static final int ATTR_S = 4;
    static final int ATTR_T = 5;
    static final int ATTR_FLOATS = 7;
    static final int ATTR_INTS = 8;
    static final int ATTR_TYPE = 20;
    static final int ATTR_TYPE_FLOAT = 1;
    static final int ATTR_TYPE_INT = 2;
    static final int ATTR_TYPE_INTS = 7;

    // TensorProto and its DataType values
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_DATA_LOCATION = 14;
    static final int DATA_TYPE_FLOAT = 1;
    static final int DATA_TYPE_INT64 = 7;
    static final int DATA_LOCATION_EXTERNAL = 1;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;
}
