// `stepwise parallel`: the simulated workers' gradient equals the large batch's, the column split equals one device
// exactly, and bad workers or layers are one line and exit code 2.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParallelCommandTest {

    @Test
    void workersMatchTheLargeBatchAndTheColumnSplitMatchesOneDevice() {
        CliRun run = CliRun.of("parallel", "--data", "moons", "--workers", "4", "--batch-size", "32");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("a batch of 32; 4 workers of 8 samples each"), out);
        double relative = Double.parseDouble(out.replaceAll("(?s).*largest gradient: ([0-9.e+-]+).*", "$1"));
        assertTrue(relative < 1e-6, out);
        // hidden1 of the default MLP takes the 2 features: columns send rows × units/2, rows send rows × units.
        assertTrue(out.lines().anyMatch(l -> l.matches("By columns: \\d+ and \\d+ units; largest difference 0 "
                + "\\(equal\\); each device sends [0-9,]+ floats \\(all-gather\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("By rows:    1 and 1 inputs;")), out);
    }

    @Test
    void workersThatDoNotDivideTheBatchOrAnUnknownLayerAreOneLine() {
        CliRun bad = CliRun.of("parallel", "--data", "moons", "--workers", "5", "--batch-size", "32");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("--workers must divide the batch of 32 evenly, and 5 does not"), bad.err());
        CliRun layer = CliRun.of("parallel", "--data", "moons", "--layer", "nope");
        assertEquals(2, layer.exitCode());
        assertTrue(layer.err().contains("--layer nope is not a dense layer of the network"), layer.err());
    }
}
