// Reading ONNX back: Stepwise's own exports round-trip to equal predictions and names, and what cannot be read is
// refused in one message that lists it all.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.onnx.OnnxTesting.assertClose;
import static org.stepwise.core.onnx.OnnxTesting.predict;
import static org.stepwise.core.onnx.OnnxTesting.randomInputs;
import static org.stepwise.core.onnx.OnnxTesting.trained;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;

class OnnxImportTest {

    static List<OnnxCases.Case> readable() {
        return OnnxCases.all().stream().filter(OnnxCases.Case::readsBack).toList();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void anExportReadsBackToTheSamePredictionsAndNames(OnnxCases.Case c) {
        Network original = trained(c.graph(), 11);
        OnnxImport.Imported imported = OnnxImport.read(OnnxExport.toBytes(original, c.norm()), c.name() + ".onnx");
        Network copy = imported.network();
        int rows = 5;
        float[] x = randomInputs(rows * original.input().size(), 3);
        if (c.norm() != null) {
            float[] raw = x.clone();
            c.norm().applyInPlace(x, rows);
            imported.normalization().applyInPlace(raw, rows);
            assertClose(x, raw, c.name() + " normalization");
        } else {
            assertNull(imported.normalization());
        }
        assertClose(predict(original, x, rows), predict(copy, x, rows), c.name());
        // Every node comes back under its own name, but dropout, which inference does not need.
        List<String> names = c.graph().nodes().stream().filter(n -> !n.spec().type().equals("dropout"))
                .map(NodeDef::name).toList();
        assertEquals(names, imported.graph().nodes().stream().map(NodeDef::name).toList());
        for (NodeDef n : imported.graph().nodes()) {
            assertEquals(c.graph().node(n.name()).spec(), n.spec(), n.name());
        }
    }

    @Test
    void aDenseLayerKeepsItsActivation() {
        Network original = trained(OnnxCases.mlp(false), 1);
        OnnxImport.Imported imported = OnnxImport.read(OnnxExport.toBytes(original, null), "mlp.onnx");
        Dense.Spec hidden2 = assertInstanceOf(Dense.Spec.class, imported.graph().node("hidden2").spec());
        assertEquals(Activation.LEAKY_RELU, hidden2.activation());
        assertEquals(List.of(), imported.warnings());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lenet.onnx");
        OnnxExport.write(trained(OnnxCases.template("lenet"), 5), null, file);
        assertEquals(9, OnnxImport.read(file).graph().nodes().size());
        Files.write(file, new byte[] {8, 8, 0x3a});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().startsWith("lenet.onnx: "), e.getMessage());
    }

    @Test
    void aGeluNetworkExportsButDoesNotReadBack() {
        byte[] model = OnnxExport.toBytes(trained(OnnxCases.mlp(true), 1), null);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImport.read(model, "g.onnx"));
        assertTrue(e.getMessage().startsWith("g.onnx: unsupported operators: Mul (nodes hidden4_gelu_square, "),
                e.getMessage());
    }
}
