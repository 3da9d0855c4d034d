// Which badges a snapshot's diagnostics raise: each threshold on both sides, nothing between the phases of a step,
// and after a halt only the node where the non-finite value first appeared.
package org.stepwise.app.studio.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.stepper.Diagnostics;
import org.stepwise.core.stepper.Halt;
import org.stepwise.core.tensor.Shape;

class SymptomTest {
    private static final double NONE = Double.NaN;

    private static StepSnapshot snapshot(long step, int phaseIndex, Halt halt, Diagnostics.NodeHealth... health) {
        Map<String, StepSnapshot.NodeState> nodes = new LinkedHashMap<>();
        StepSnapshot.ParamState weight = new StepSnapshot.ParamState("weight", Shape.of(1), new float[1],
                new float[1], null);
        nodes.put("input", new StepSnapshot.NodeState("input", "input", Shape.of(1), false, 1, new float[1], null,
                new float[1], List.of()));
        for (Diagnostics.NodeHealth h : health) {
            nodes.put(h.node(), new StepSnapshot.NodeState(h.node(), "dense", Shape.of(1), false, 1, new float[1],
                    null, new float[1], List.of(weight)));
        }
        return new StepSnapshot(step, phaseIndex, null, null, "", 0, 0, 1, 0, 0, null, null, null, 1, nodes, -1,
                null, 0, new Diagnostics(List.of(health), halt));
    }

    @ParameterizedTest
    @CsvSource({
            "0.5,   NaN,  1,      dead",
            "0.49,  NaN,  1,      ''",
            "NaN,   0.5,  1,      saturated",
            "NaN,   0.49, 1,      ''",
            "NaN,   NaN,  1e-7,   vanishing",
            "NaN,   NaN,  1e-6,   ''",
            "NaN,   NaN,  101,    exploding",
            "NaN,   NaN,  100,    ''",
            "NaN,   NaN,  NaN,    nan",
            "0.75,  NaN,  1e-9,   vanishing dead",
    })
    void aStepBoundaryIsJudgedAgainstTheThresholds(double dead, double saturated, double norm, String expected) {
        StepSnapshot s = snapshot(3, 0, null, new Diagnostics.NodeHealth("h", dead, saturated, norm, NONE));
        List<String> found = Symptom.find(s).stream().map(f -> f.symptom().id()).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), found);
    }

    @Test
    void betweenPhasesNothingIsJudged() {
        assertNull(Symptom.find(snapshot(3, 2, null, new Diagnostics.NodeHealth("h", 1, NONE, 1, NONE))));
    }

    @Test
    void afterAHaltOnlyTheFirstNodeIsMarkedAndALossHaltMarksTheOutput() {
        Diagnostics.NodeHealth dead = new Diagnostics.NodeHealth("h", 1, NONE, Double.NaN, NONE);
        Diagnostics.NodeHealth out = new Diagnostics.NodeHealth("out", NONE, NONE, Double.NaN, NONE);
        assertEquals(List.of(new Symptom.Finding("h", Symptom.NONFINITE, Double.NaN)),
                Symptom.find(snapshot(3, 5, new Halt(3, "loss", "h", "output"), dead, out)));
        assertEquals(List.of(new Symptom.Finding("out", Symptom.NONFINITE, Double.NaN)),
                Symptom.find(snapshot(3, 5, new Halt(3, "loss", null, "output"), dead, out)));
    }
}
