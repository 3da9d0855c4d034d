// Jazzer fuzz tests, one per loader: a normal test run replays LoaderFuzzTestInputs/<method>/, and with
// JAZZER_FUZZ=1 one of them fuzzes coverage-guided (see the README beside the corpus).
package org.stepwise.core.fuzz;

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
        LoaderTarget.CSV.assertCleanOutcome(input, scratch);
    }

    @FuzzTest
    void idxImages(byte[] input) throws IOException {
        LoaderTarget.IDX_IMAGES.assertCleanOutcome(input, scratch);
    }

    @FuzzTest
    void idxLabels(byte[] input) throws IOException {
        LoaderTarget.IDX_LABELS.assertCleanOutcome(input, scratch);
    }

    @FuzzTest
    void modelJson(byte[] input) throws IOException {
        LoaderTarget.MODEL_JSON.assertCleanOutcome(input, scratch);
    }

    @FuzzTest
    void safetensors(byte[] input) throws IOException {
        LoaderTarget.SAFETENSORS.assertCleanOutcome(input, scratch);
    }

    @FuzzTest
    void runFile(byte[] input) throws IOException {
        LoaderTarget.RUN_FILE.assertCleanOutcome(input, scratch);
    }
}
