// Models exported by PyTorch (src/test/resources/onnx/make_onnx_fixture.py) import and predict what PyTorch did.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stepwise.core.onnx.OnnxTesting.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepwise.core.graph.NodeDef;

class OnnxGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void aPyTorchExportPredictsWhatPyTorchDid(String name) throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(resource("torch_" + name + ".json"));
        OnnxImport.Imported imported = OnnxImport.read(resource(fixture.get("model").asText()),
                fixture.get("model").asText());
        int rows = fixture.get("input_shape").get(0).asInt();
        float[] x = new float[fixture.get("input").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) fixture.get("input").get(i).asDouble();
        }
        double[] expected = new double[fixture.get("output").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = fixture.get("output").get(i).asDouble();
        }
        assertClose(expected, OnnxTesting.predict(imported.network(), x, rows), name);
        assertEquals(List.of(), imported.warnings());
        // Written out again by Stepwise, it still computes the same in ONNX Runtime.
        byte[] again = OnnxExport.toBytes(imported.network(), null);
        long[] shape = new long[fixture.get("input_shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = fixture.get("input_shape").get(i).asLong();
        }
        assertClose(expected, OnnxTesting.runtime(again, imported.network().input().name(), x, shape),
                name + " re-exported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void pyTorchNamesBecomeStepwiseNamesAndActivationsJoinTheirLayers(String name) throws IOException {
        OnnxImport.Imported imported = OnnxImport.read(resource("torch_" + name + ".onnx"), name);
        List<String> expected = name.equals("mlp") ? List.of("input", "0_Gemm", "2_Gemm")
                : List.of("input", "0_Conv", "2_MaxPool", "3_Conv", "5_Flatten", "6_Gemm");
        assertEquals(expected, imported.graph().nodes().stream().map(NodeDef::name).toList());
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = OnnxGoldenTest.class.getResourceAsStream("/onnx/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource /onnx/" + file);
            }
            return in.readAllBytes();
        }
    }
}
