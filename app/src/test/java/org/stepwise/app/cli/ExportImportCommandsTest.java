// Export and import from the command line: each format lands where asked and reads back, an ONNX export imports
// into a project that predicts the same, and bad requests end in one line and exit code 2.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.Model;
import org.stepwise.core.io.Safetensors;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportImportCommandsTest {
    private Path irisRun;

    @BeforeAll
    void trainIris(@TempDir Path shared) {
        irisRun = shared.resolve("iris.stepwise");
        CliRun run = CliRun.of("train", "--data", "iris", "--epochs", "5", "--json", "--out", irisRun.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void anOnnxExportImportsIntoAProjectThatPredictsTheSame(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("iris.onnx");
        CliRun export = CliRun.of("export", irisRun.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("opset 13"), export.out());
        assertTrue(Files.size(onnx) > 100);

        Path imported = dir.resolve("imported.stepwise");
        CliRun in = CliRun.of("import", onnx.toString(), "--out", imported.toString(), "--data", "iris");
        assertEquals(0, in.exitCode(), in.err());
        assertTrue(in.out().contains("Saved " + imported), in.out());

        Model original = Model.load(irisRun);
        Model back = Model.load(imported);
        float[] flower = {6.1f, 2.8f, 4.7f, 1.2f};
        float[] a = original.predict(flower);
        float[] b = back.predict(flower);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), "output " + i);
        }
    }

    @Test
    void safetensorsAndPytorchExportsHoldTheWeightsUnderStateDictNames(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("iris.safetensors");
        CliRun st = CliRun.of("export", irisRun.toString(), "--format", "safetensors", "--out", weights.toString());
        assertEquals(0, st.exitCode(), st.err());
        Safetensors.Contents contents = Safetensors.read(Files.readAllBytes(weights), weights.toString());
        assertTrue(contents.tensors().stream().anyMatch(t -> t.name().equals("hidden1.weight")),
                contents.tensors().stream().map(Safetensors.Tensor::name).toList().toString());

        Path folder = dir.resolve("torch");
        CliRun py = CliRun.of("export", irisRun.toString(), "--format", "PyTorch", "--out", folder.toString());
        assertEquals(0, py.exitCode(), py.err());
        assertTrue(Files.readString(folder.resolve("model.py")).contains("class StepwiseModel(nn.Module)"));
        assertArrayEquals(Files.readAllBytes(weights), Files.readAllBytes(folder.resolve("model.safetensors")));
    }

    @Test
    void badRequestsEndInOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2});
        for (List<String> args : List.of(
                List.of("export", irisRun.toString(), "--format", "tflite", "--out", dir.resolve("x").toString()),
                List.of("export", dir.resolve("missing.stepwise").toString(), "--format", "onnx", "--out",
                        dir.resolve("y.onnx").toString()),
                List.of("export", irisRun.toString(), "--format", "onnx", "--out",
                        dir.resolve("no/such/folder/z.onnx").toString()),
                List.of("import", dir.resolve("missing.onnx").toString(), "--out", dir.resolve("a.stepwise")
                        .toString()),
                List.of("import", garbage.toString(), "--out", dir.resolve("b.stepwise").toString()))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + ": " + run.err());
            assertTrue(run.err().startsWith("stepwise: "), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertFalse(Files.exists(dir.resolve("a.stepwise")) || Files.exists(dir.resolve("b.stepwise")));
    }
}
