// Exported models run in ONNX Runtime and give what Network.predict gives, for batches of 1 and 5.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.onnx.OnnxTesting.assertClose;
import static org.stepwise.core.onnx.OnnxTesting.batchShape;
import static org.stepwise.core.onnx.OnnxTesting.predict;
import static org.stepwise.core.onnx.OnnxTesting.randomInputs;
import static org.stepwise.core.onnx.OnnxTesting.runtime;
import static org.stepwise.core.onnx.OnnxTesting.trained;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.PositionalEmbedding;

class OnnxExportTest {

    static List<OnnxCases.Case> cases() {
        return OnnxCases.all();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void onnxRuntimeMatchesPredictForBatchesOfOneAndFive(OnnxCases.Case c) {
        Network net = trained(c.graph(), 7);
        byte[] model = OnnxExport.toBytes(net, c.norm());
        Node input = net.input();
        for (int rows : new int[] {1, 5}) {
            float[] raw = randomInputs(rows * input.size(), rows);
            float[] normalized = raw.clone();
            if (c.norm() != null) {
                c.norm().applyInPlace(normalized, rows);
            }
            float[] expected = predict(net, normalized, rows);
            float[] actual = runtime(model, input.name(), raw, batchShape(rows, input.shape().dims()));
            assertClose(expected, actual, c.name() + ", batch of " + rows);
        }
    }

    @Test
    void theModelDeclaresIrVersionOpsetProducerAndASymbolicBatch() {
        Network net = trained(OnnxCases.template("lenet"), 3);
        OnnxModel.Model model = OnnxModel.parse(OnnxExport.toBytes(net, null), "lenet.onnx");
        assertEquals(8, model.irVersion());
        assertEquals(13, model.opset());
        assertEquals("Stepwise", model.producer());
        OnnxModel.Value in = model.graph().inputs().get(0);
        assertEquals("input", in.name());
        assertEquals(List.of(new OnnxModel.Dim(-1, "batch"), new OnnxModel.Dim(1, ""), new OnnxModel.Dim(28, ""),
                new OnnxModel.Dim(28, "")), in.dims());
        OnnxModel.Value out = model.graph().outputs().get(0);
        assertEquals("output", out.name());
        assertEquals(List.of(new OnnxModel.Dim(-1, "batch"), new OnnxModel.Dim(10, "")), out.dims());
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm",
                "Relu", "Gemm"), model.graph().nodes().stream().map(OnnxModel.Op::type).toList());
        OnnxModel.Tensor w = model.graph().initializers().get("fc1.weight");
        assertEquals(List.of(120L, 400L), java.util.Arrays.stream(w.dims()).boxed().toList(),
                "Gemm weights are (out, in), read with transB = 1");
    }

    @Test
    void dropoutIsLeftOut() {
        Network net = trained(OnnxCases.batchNormConcat(), 1);
        OnnxModel.Model model = OnnxModel.parse(OnnxExport.toBytes(net, null), "m.onnx");
        assertTrue(model.graph().nodes().stream().noneMatch(op -> op.type().equals("Dropout")
                || op.type().equals("Identity")));
    }

    @Test
    void writeCreatesTheFile(@TempDir Path dir) throws Exception {
        Network net = trained(OnnxCases.mlp(false), 2);
        Path file = dir.resolve("mlp.onnx");
        OnnxExport.write(net, null, file);
        assertTrue(java.util.Arrays.equals(OnnxExport.toBytes(net, null), Files.readAllBytes(file)));
    }

    @Test
    void aNormalizationForOtherFeaturesIsRefusedByName() {
        Network net = trained(OnnxCases.mlp(false), 2);
        Normalization three = Normalization.of(Normalization.Kind.STANDARDIZE, new float[3], new float[] {1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(net, three));
        assertEquals("The normalization was fitted on 3 features but input 'input' has 4 values (4)", e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aTinyGptRunsInOnnxRuntimeOnTokenIdsAsItPredicts(boolean sinusoidal) {
        List<NodeDef> nodes = new ArrayList<>(new GptConfig(11, 6, 8, 2, 2, 16).graph().nodes());
        if (sinusoidal) {
            nodes.replaceAll(n -> n.name().equals("pos_emb")
                    ? new NodeDef(n.name(), new PositionalEmbedding.Spec(6, true), n.inputs(), false) : n);
        }
        Network net = Network.build(new GraphDef(nodes), 3);
        // weights twenty times GPT's initial scale and biases off zero, so attention is far from uniform
        Random random = new Random(5);
        for (Param p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = p.isWeight() ? (float) (0.4 * random.nextGaussian())
                        : v[i] + (float) (0.2 * random.nextGaussian());
            }
        }
        byte[] model = OnnxExport.toBytes(net, null);
        for (int rows : new int[] {1, 4}) {
            float[] ids = new float[rows * 6];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(11);
            }
            float[] expected = predict(net, ids, rows);
            float[] actual = runtime(model, "tokens", ids, batchShape(rows, new int[] {6}));
            assertEquals(rows * 6 * 11, actual.length);
            assertClose(expected, actual, "gpt, batch of " + rows);
        }
    }
}
