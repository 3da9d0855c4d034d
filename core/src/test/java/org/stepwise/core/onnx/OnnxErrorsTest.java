// What import refuses, and how: every unsupported operator in one message, and damaged bytes always as a
// ModelFormatException that names the file, never as another exception.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stepwise.core.onnx.OnnxBuilder.floatAttr;
import static org.stepwise.core.onnx.OnnxBuilder.intAttr;
import static org.stepwise.core.onnx.OnnxBuilder.intsAttr;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.io.ModelFormatException;

class OnnxErrorsTest {

    @Test
    void everyUnsupportedOperatorIsListedInOneMessage() {
        byte[] model = new OnnxBuilder(4)
                .initializer("w", new long[] {3, 4}, new float[12])
                .node("Gemm", "fc", List.of("x", "w"), List.of("h"), intAttr("transB", 1))
                .node("LSTM", "lstm_1", List.of("h"), List.of("a"))
                .node("Resize", "up", List.of("a"), List.of("b"))
                .node("LSTM", "lstm_2", List.of("b"), List.of("c"))
                .node("com.microsoft", "FusedGemm", "fused", List.of("c"), List.of("y"))
                .toBytes();
        assertMessage(model, "model.onnx: unsupported operators: LSTM (nodes lstm_1, lstm_2), Resize (node up), "
                + "com.microsoft.FusedGemm (node fused); Stepwise reads Gemm, MatMul, Conv, MaxPool, Flatten, Relu, "
                + "LeakyRelu, Sigmoid, Tanh, Softmax, Add, Concat, BatchNormalization, Dropout, Identity, Constant, "
                + "and Sub and Div as an input normalization");
    }

    @Test
    void matMulThenAddReadsAsOneDenseLayer() {
        // x (2) · w (2, 3) + c: w is (in, out), the transpose of Stepwise's layout.
        byte[] model = new OnnxBuilder(2)
                .initializer("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .initializer("c", new long[] {3}, new float[] {0.5f, -0.5f, 1})
                .node("MatMul", "linear", List.of("x", "w"), List.of("xw"))
                .node("Add", "bias", List.of("xw", "c"), List.of("z"))
                .node("Sigmoid", "act", List.of("z"), List.of("y"))
                .toBytes();
        OnnxImport.Imported imported = OnnxImport.read(model, "m.onnx");
        assertEquals(2, imported.graph().nodes().size());
        float[] y = OnnxTesting.predict(imported.network(), new float[] {1, -1}, 1);
        double[] z = {1 - 4 + 0.5, 2 - 5 - 0.5, 3 - 6 + 1};
        OnnxTesting.assertClose(Arrays.stream(z).map(v -> 1 / (1 + Math.exp(-v))).toArray(), y, "sigmoid(x·w + c)");
    }

    @Test
    void settingsStepwiseCannotRepresentAreRefusedByNode() {
        float[] w12 = new float[12];
        assertMessage(new OnnxBuilder(4).initializer("w", new long[] {3, 4}, w12)
                .node("Gemm", "fc", List.of("x", "w"), List.of("y"), intAttr("transB", 1), floatAttr("alpha", 2))
                .toBytes(), "Gemm (node fc) uses transA, alpha or beta");
        assertMessage(new OnnxBuilder(4).initializer("w", new long[] {4, 3}, w12)
                .node("Gemm", "fc", List.of("x", "w"), List.of("y"), intAttr("transB", 1))
                .toBytes(), "Gemm (node fc) has weights (4, 3) (transposed) but receives 4 features from 'x'");
        assertMessage(new OnnxBuilder(1, 5, 5).initializer("k", new long[] {2, 1, 3, 1}, new float[6])
                .node("Conv", "conv", List.of("x", "k"), List.of("y")).toBytes(),
                "Conv (node conv) has a 3×1 kernel; Stepwise's kernels are square");
        assertMessage(new OnnxBuilder(4).node("LeakyRelu", "lr", List.of("x"), List.of("y"), floatAttr("alpha", 0.2f))
                .toBytes(), "LeakyRelu (node lr) has slope 0.2; Stepwise's LeakyReLU has slope 0.01");
        assertMessage(new OnnxBuilder(1, 6, 6).node("MaxPool", "p", List.of("x"), List.of("y"),
                intsAttr("kernel_shape", 2, 2), intsAttr("pads", 1, 1, 1, 1)).toBytes(),
                "MaxPool (node p) pads its input");
        assertMessage(new OnnxBuilder(4).node("Relu", "r", List.of("x"), List.of("y")).output("z").toBytes(),
                "the model's output 'z' is not produced by any node");
        assertMessage(new OnnxBuilder(4).node("Relu", "r", List.of("q"), List.of("y")).toBytes(),
                "Relu (node r) reads 'q', which no earlier node produces");
        assertMessage(new OnnxBuilder(2, 3).node("Relu", "r", List.of("x"), List.of("y")).toBytes(),
                "the input 'x' has 3 dimensions; Stepwise needs (batch, features) or (batch, channels, height, width)");
    }

    @Test
    void absurdSizesAreRefusedBeforeAllocating() {
        assertMessage(new OnnxBuilder(4).initializer("w", new long[] {1 << 20, 1 << 20}, new float[1])
                .node("Gemm", "fc", List.of("x", "w"), List.of("y")).toBytes(),
                "tensor 'w' has more than 50,000,000 values");
        assertMessage(new OnnxBuilder(4).initializer("w", new long[] {3, 4}, new float[5])
                .node("Gemm", "fc", List.of("x", "w"), List.of("y")).toBytes(),
                "tensor 'w' has shape (3, 4), which needs 12 values, but holds 5");
    }

    @Test
    void hugeVarintsLengthsAndNestingAreDamageNotCrashes() {
        assertMessage(new byte[] {8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, "longer than");
        assertMessage(new byte[] {0x3a, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}, "claims 268435455 bytes "
                + "but only 0 remain");
        assertMessage(new byte[] {0x0b}, "wire type 3");
        assertMessage(new byte[0], "the file is empty");
        assertMessage(new byte[] {8, 8}, "it holds no graph");
    }

    @Test
    void everyTruncationOfAModelIsAModelFormatException() {
        byte[] model = OnnxExport.toBytes(OnnxTesting.trained(OnnxCases.activations(), 1), null);
        for (int length = 0; length < model.length; length++) {
            byte[] cut = Arrays.copyOf(model, length);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImport.read(cut, "cut.onnx"),
                    "a model cut to " + length + " bytes");
            assertTrue(e.getMessage().startsWith("cut.onnx: "), e.getMessage());
        }
    }

    @Test
    void damagedBytesEndInAModelFormatExceptionOrAModelNeverAnotherException() {
        byte[] model = OnnxExport.toBytes(OnnxTesting.trained(OnnxCases.batchNormConcat(), 1), null);
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] damaged = model.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                OnnxImport.read(damaged, "damaged.onnx");
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith("damaged.onnx: "), expected.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("trial " + trial + " threw " + e, e);
            }
        }
    }

    private static void assertMessage(byte[] model, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImport.read(model, "model.onnx"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
