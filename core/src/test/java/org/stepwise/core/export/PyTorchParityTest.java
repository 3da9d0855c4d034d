// The exported module, run by real PyTorch, predicts what Stepwise predicts. Skipped, with the reason, when
// /usr/bin/python3 cannot import torch; all models go through one Python process, since importing torch is slow.
package org.stepwise.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.io.Safetensors;
import org.stepwise.core.tensor.Shape;

class PyTorchParityTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** Generous: importing torch alone takes a few seconds on a loaded machine. */
    private static final long TIMEOUT_SECONDS = 300;
    /** Float32 summation order differs between the engines; beyond this something is actually wrong. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void exportedModulesPredictWhatStepwisePredicts(@TempDir Path dir) throws Exception {
        assumeTorch(dir);
        List<ExportCases.Case> cases = ExportCases.all();
        List<String> arguments = new ArrayList<>(List.of(driver().toString()));
        for (ExportCases.Case c : cases) {
            Path folder = dir.resolve(c.name());
            PyTorchExport.write(c.net(), c.norm(), folder);
            int[] shape = batched(c.rows(), c.net().input().shape());
            Files.write(folder.resolve("inputs.safetensors"),
                    Safetensors.toBytes(List.of(new Safetensors.Tensor("x", shape, c.x())), Map.of()));
            arguments.add(folder.toString());
        }

        Result r = python(dir, arguments);
        assertEquals(0, r.exit(), "the Python driver failed:\n" + r.output());

        for (ExportCases.Case c : cases) {
            Path outputs = dir.resolve(c.name()).resolve("outputs.safetensors");
            Safetensors.Tensor y = Safetensors.read(Files.readAllBytes(outputs), outputs.toString()).get("y");
            assertArrayEquals(batched(c.rows(), c.net().output().shape()), y.shape(), c.name() + ": output shape");
            assertClose(c.name(), c.expected(), y.values());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    // In the test rather than in @BeforeAll, so the report shows the skip and its reason.
    private static void assumeTorch(Path dir) throws InterruptedException {
        String problem;
        try {
            Result r = python(dir, List.of("-c", "import torch"));
            problem = r.exit() == 0 ? null : r.output().strip();
        } catch (IOException e) {
            problem = e.getMessage();
        }
        assumeTrue(problem == null, PYTHON + " cannot import torch: " + problem);
    }

    private static void assertClose(String name, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= allowed, name + "[" + i + "]: Stepwise " + expected[i]
                    + ", PyTorch " + actual[i]);
        }
    }

    /** (rows, ...shape): a batch's dimensions. */
    private static int[] batched(int rows, Shape shape) {
        int[] dims = new int[1 + shape.rank()];
        dims[0] = rows;
        System.arraycopy(shape.dims(), 0, dims, 1, shape.rank());
        return dims;
    }

    private static Path driver() throws URISyntaxException {
        return Path.of(PyTorchParityTest.class.getResource("/export/run_exported.py").toURI());
    }

    private record Result(int exit, String output) {
    }

    /** Runs python with stdout and stderr in one log, killing it if it outlives the timeout. */
    private static Result python(Path dir, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(arguments);
        Path log = Files.createTempFile(dir, "python", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
