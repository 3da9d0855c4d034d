// Jazzer fuzz tests, one per loader: a normal test run replays LoaderFuzzTestInputs/<method>/, and with
// JAZZER_FUZZ=1 one of them fuzzes coverage-guided (see the README beside the corpus). Jazzer's hooks allocate in
// both modes, so these hold the loaders to the gigabyte limit; SeedCorpusTest replays the same corpus at 64 MiB.
package org.stepwise.core.fuzz;

import static org.stepwise.core.fuzz.LoaderFuzzing.MAX_ALLOCATED_BYTES_UNDER_JAZZER;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

@Tag("fuzz")
class LoaderFuzzTest {
    @TempDir
    static Path dir;
    private static Path scratch;

    @BeforeAll
    static void scratchFile() {
        scratch = dir.resolve("input");
    }

    @FuzzTest
    void csv(byte[] input) throws IOException {
        LoaderTarget.CSV.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void idxImages(byte[] input) throws IOException {
        LoaderTarget.IDX_IMAGES.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void idxLabels(byte[] input) throws IOException {
        LoaderTarget.IDX_LABELS.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void modelJson(byte[] input) throws IOException {
        LoaderTarget.MODEL_JSON.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void safetensors(byte[] input) throws IOException {
        LoaderTarget.SAFETENSORS.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void runFile(byte[] input) throws IOException {
        LoaderTarget.RUN_FILE.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void projectFile(byte[] input) throws IOException {
        LoaderTarget.PROJECT_FILE.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }

    @FuzzTest
    void onnxModel(byte[] input) throws IOException {
        LoaderTarget.ONNX_MODEL.assertCleanOutcome(input, scratch, MAX_ALLOCATED_BYTES_UNDER_JAZZER);
    }
}
