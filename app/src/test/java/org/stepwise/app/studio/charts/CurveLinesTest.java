// The lines the charts draw: long runs are averaged into buckets, and what differs between two runs is named.
package org.stepwise.app.studio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.project.TrainingSettings;

class CurveLinesTest {

    @Test
    void aLongRunIsAveragedInBucketsEndingAtTheirLastStep() {
        float[] loss = new float[1500];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = i % 3; // 0, 1, 2 repeating: every bucket of three averages to 1
        }
        CurveLines.Line line = CurveLines.steps(loss);
        assertEquals(500, line.size());
        assertEquals(3, line.x()[0]);
        assertEquals(1500, line.x()[499]);
        for (double y : line.y()) {
            assertEquals(1, y, 1e-9);
        }
    }

    @Test
    void aShortRunKeepsEveryBatchAndSkipsUnknownLosses() {
        CurveLines.Line line = CurveLines.steps(new float[] {0.5f, Float.NaN, 0.25f});
        assertEquals(2, line.size());
        assertEquals(1, line.x()[0]);
        assertEquals(3, line.x()[1]);
        assertEquals(0.25, line.y()[1], 1e-9);
    }

    @Test
    void theDifferenceNamesTheRateTheOptimizerAndAChangedWidth() {
        GraphDef narrow = ModelReader.load("mlp-2-8-8-1");
        NodeDef hidden = narrow.nodes().get(1);
        Dense.Spec d = (Dense.Spec) hidden.spec();
        List<NodeDef> nodes = new java.util.ArrayList<>(narrow.nodes());
        nodes.set(1, new NodeDef(hidden.name(), new Dense.Spec(16, d.activation(), d.init(), d.initValue(),
                d.inputs()), hidden.inputs(), false));
        GraphDef wide = new GraphDef(nodes);
        TrainingSettings a = TrainingSettings.defaults().withLearningRate(0.03f);
        TrainingSettings b = a.withLearningRate(0.1f).withOptimizer("sgd", java.util.Map.of());
        List<RunDifference.Item> items = RunDifference.between(a, narrow, b, wide);
        assertEquals(List.of(new RunDifference.Item("charts.diff.lr", null, "0.03", "0.1"),
                new RunDifference.Item("charts.diff.optimizer", null, "adam", "sgd"),
                new RunDifference.Item("charts.diff.width", narrow.nodes().get(1).name(), "8", "16")), items);
        assertEquals(List.of(), RunDifference.between(a, narrow, a, narrow));
        assertEquals("0.09", RunDifference.number(0.03f * 3));
        assertEquals("0.0001", RunDifference.number(1e-4f));
    }
}
