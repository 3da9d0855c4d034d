// How PeerGpt reads the peer's figure line and turns failures into one-line notes; and one real run where torch is.
package org.stepwise.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerGptTest {

    private static final String LINE = "{\"workload\": \"gpt\", \"steps_per_s\": 10.989, \"tokens_per_s\": 22505.5, "
            + "\"seconds\": 2.73, \"steps\": 30, \"batch\": 32, \"context\": 64, \"dim\": 64, \"heads\": 2, "
            + "\"layers\": 2, \"hidden\": 256, \"vocab\": 65, \"last_loss\": 4.1623, \"attention\": \"explicit\", "
            + "\"peer\": \"torch\", \"version\": \"1.13.0a0\", \"threads\": 1}";

    @Test
    void readsEveryFieldOfTheFigureLine() {
        PeerGpt.Figure f = PeerGpt.parse(LINE).orElseThrow();
        assertEquals(new PeerGpt.Figure(10.989, 22505.5, 2.73, 30, 32, 64, 64, 2, 2, 65, 4.1623, "1.13.0a0"), f);
    }

    @Test
    void ignoresLinesThatAreNotTheGptFigure() {
        assertTrue(PeerGpt.parse("Warning: something on stdout").isEmpty());
        assertTrue(PeerGpt.parse("{\"workload\": \"tiny\", \"steps_per_s\": 5000}").isEmpty());
        assertTrue(PeerGpt.parse("").isEmpty());
    }

    @Test
    void findsTheFigureAmongOtherOutput() {
        PeerGpt.Outcome o = PeerGpt.outcome(new PeerProcess.Output(List.of("starting", LINE), "", ""));
        assertEquals(30, o.figure().orElseThrow().steps());
        assertEquals("", o.note());
    }

    @Test
    void missingTorchIsOneReadableLine() {
        String stderr = """
                Traceback (most recent call last):
                  File "/tmp/stepwise-peer_gpt1.py", line 12, in <module>
                    import torch
                ModuleNotFoundError: No module named 'torch'
                """;
        PeerGpt.Outcome o = PeerGpt.outcome(new PeerProcess.Output(List.of(), stderr,
                "failed (exit 1): ModuleNotFoundError: No module named 'torch'"));
        assertTrue(o.figure().isEmpty());
        assertTrue(o.note().startsWith("PyTorch is not installed for "), o.note());
        assertFalse(o.note().contains("\n"));
    }

    @Test
    void missingPythonOrSilentScriptIsANote() {
        PeerGpt.Outcome noPython = PeerGpt.outcome(new PeerProcess.Output(List.of(), "",
                "could not run python3: Cannot run program \"python3\""));
        assertEquals("the peer script could not run python3: Cannot run program \"python3\"", noPython.note());
        PeerGpt.Outcome silent = PeerGpt.outcome(new PeerProcess.Output(List.of(), "", ""));
        assertEquals("the peer script printed no gpt figure", silent.note());
    }

    @Test
    void aGivenScriptThatIsNotThereIsANote() {
        Path nowhere = Path.of("no", "such", "peer_gpt.py");
        PeerGpt.Outcome o = PeerGpt.run(nowhere, PeerGpt.Settings.DEFAULT);
        assertTrue(o.figure().isEmpty());
        assertEquals("no peer script " + nowhere, o.note());
    }

    /** The bundled script, unpacked and run for two small steps; skipped where this machine has no torch. */
    @Test
    void runsTheBundledScriptWhereTorchIsInstalled() {
        PeerGpt.Settings small = new PeerGpt.Settings(2, 2, 8, 8, 2, 1, 16, 11);
        PeerGpt.Outcome o = PeerGpt.run(null, small);
        assumeTrue(!o.note().startsWith("PyTorch is not installed") && !o.note().contains("could not run"),
                o.note());
        assertEquals("", o.note());
        PeerGpt.Figure f = o.figure().orElseThrow();
        assertEquals(List.of(2, 2, 8, 8, 2, 1, 11),
                List.of(f.steps(), f.batch(), f.context(), f.dim(), f.heads(), f.layers(), f.vocab()));
        assertTrue(f.stepsPerSecond() > 0 && f.tokensPerSecond() > 0 && f.lastLoss() > 0, f.toString());
        assertFalse(f.version().isEmpty());
    }
}
