// `stepwise zero` against two cases worked by hand: the ZeRO paper's 7.5B-parameter model with Adam in fp16 on 64
// GPUs, and a million parameters with SGD in bf16 on 4 workers, where the only optimizer state is the fp32 master.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroCommandTest {

    /** The rows of the stage table, without runs of spaces. */
    private static List<String> stages(CliRun run) {
        return run.out().lines().filter(l -> l.matches("[0-3] .*")).map(l -> l.replaceAll(" {2,}", " ")).toList();
    }

    @Test
    void thePapersSevenAndAHalfBillionParametersWithAdamInFp16OnSixtyFourGpus() {
        CliRun run = CliRun.of("zero", "--params", "7500000000", "--optimizer", "adam", "--precision", "fp16",
                "--workers", "64");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 weight, 2 gradient, 12 optimizer state"), run.out());
        // (2 + 2 + 12) · 7.5e9 = 120e9; 4 · 7.5e9 + 12 · 7.5e9 / 64 = 31.41e9; 2 · 7.5e9 + 14 · 7.5e9 / 64
        // = 16.64e9; 16 · 7.5e9 / 64 = 1.875e9: the paper's Figure 1.
        assertEquals(List.of(
                "0 nothing 2Ψ + 2Ψ + 12Ψ 120,000,000,000 bytes (120.00 GB)",
                "1 optimizer state 2Ψ + 2Ψ + 12Ψ/N 31,406,250,000 bytes (31.41 GB)",
                "2 + gradients 2Ψ + (2 + 12)Ψ/N 16,640,625,000 bytes (16.64 GB)",
                "3 + weights (2 + 2 + 12)Ψ/N 1,875,000,000 bytes (1.88 GB)"), stages(run));
    }

    @Test
    void aMillionParametersWithSgdInBf16OnFourWorkers() {
        CliRun run = CliRun.of("zero", "--params", "1000000", "--optimizer", "sgd", "--precision", "bf16",
                "--workers", "4");

        assertEquals(0, run.exitCode(), run.err());
        // 2 + 2 + 4 (the master) = 8 bytes a parameter: 8e6; 4e6 + 4e6/4 = 5e6; 2e6 + 6e6/4 = 3.5e6; 8e6/4 = 2e6.
        assertEquals(List.of(
                "0 nothing 2Ψ + 2Ψ + 4Ψ 8,000,000 bytes (8.00 MB)",
                "1 optimizer state 2Ψ + 2Ψ + 4Ψ/N 5,000,000 bytes (5.00 MB)",
                "2 + gradients 2Ψ + (2 + 4)Ψ/N 3,500,000 bytes (3.50 MB)",
                "3 + weights (2 + 2 + 4)Ψ/N 2,000,000 bytes (2.00 MB)"), stages(run));
    }

    @Test
    void badValuesAreOneLine() {
        CliRun workers = CliRun.of("zero", "--params", "10", "--workers", "0");
        CliRun optimizer = CliRun.of("zero", "--params", "10", "--workers", "2", "--optimizer", "lion");

        assertEquals(2, workers.exitCode());
        assertEquals("stepwise: --workers must be at least 1, not 0", workers.err().strip());
        assertEquals(2, optimizer.exitCode());
        assertEquals("stepwise: No optimizer \"lion\": use sgd, momentum, rmsprop, adam or adamw",
                optimizer.err().strip());
    }
}
