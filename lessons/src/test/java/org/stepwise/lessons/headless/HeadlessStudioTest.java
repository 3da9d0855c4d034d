// The headless harness does what the studio does, on the real core: settings changes keep the position, graph
// edits keep the weights of unchanged nodes, inference and exports record their events.
package org.stepwise.lessons.headless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Phase;
import org.stepwise.lessons.format.Start;

class HeadlessStudioTest {

    private static HeadlessStudio open() throws IOException {
        Start start = new Start("mlp-2-8-8-1", Templates.find("mlp-2-8-8-1").orElseThrow().graph(), "xor",
                TrainingSettings.defaults().withOptimizer("sgd", Map.of()).withNormalization("none"),
                Map.of("output.bias", new float[] {0.5f}));
        return HeadlessStudio.open(start, "test");
    }

    @Test
    void theStartingStateHasTheLessonsFixedParametersAndNoPhaseYet() throws IOException {
        HeadlessStudio studio = open();

        assertArrayEquals(new float[] {0.5f}, studio.parameter("output", "bias"));
        assertNull(studio.lastPhase());
        assertNull(studio.output("hidden1"));
        assertTrue(Double.isNaN(studio.gradientNorm("hidden1")));
    }

    @Test
    void stepToRunsUpToTheNamedPhaseAndStepBackReturnsToTheSameValues() throws IOException {
        HeadlessStudio studio = open();

        assertTrue(studio.stepTo("forward", "hidden2"));
        float[] hidden2 = studio.output("hidden2");
        assertTrue(studio.stepTo("backward", "hidden1"));
        assertEquals(new Phase.Backward(1, "hidden1"), studio.lastPhase());
        assertTrue(studio.gradientNorm("hidden1") > 0);
        // Back over backward hidden1, backward hidden2, backward output, the loss and forward output.
        for (int i = 0; i < 5; i++) {
            assertTrue(studio.stepBack());
        }

        assertEquals(new Phase.Forward(2, "hidden2"), studio.lastPhase());
        assertArrayEquals(hidden2, studio.output("hidden2"));
        assertEquals(5, studio.eventCount("stepped_back", null));
    }

    @Test
    void aSettingsChangeKeepsThePositionAndTheWeights() throws IOException {
        HeadlessStudio studio = open();
        studio.runBatches(3);
        float[] weights = studio.parameter("hidden1", "weight");

        studio.setLearningRate(0.5f);
        studio.setOptimizer("adam");

        assertEquals(3, studio.step());
        assertEquals(0.5f, studio.settings().learningRate());
        assertEquals("adam", studio.settings().optimizer());
        assertArrayEquals(weights, studio.parameter("hidden1", "weight"));
    }

    @Test
    void aGraphEditKeepsTheWeightsOfNodesWhoseShapesDidNotChange() throws IOException {
        HeadlessStudio studio = open();
        float[] hidden1 = studio.parameter("hidden1", "weight");
        float[] hidden2 = studio.parameter("hidden2", "weight");

        studio.setActivation("hidden1", "relu");
        studio.setUnits("hidden2", 4);

        assertArrayEquals(hidden1, studio.parameter("hidden1", "weight"));
        assertEquals(4 * 8, studio.parameter("hidden2", "weight").length);
        assertEquals(8 * 8, hidden2.length);
        assertEquals(0, studio.step());
        assertThrows(IllegalArgumentException.class, () -> studio.setUnits("input", 3));
    }

    @Test
    void predictionsGradientChecksAndExportsAreRecordedAsEvents() throws IOException {
        HeadlessStudio studio = open();

        float[] out = studio.predict(1, -1);
        byte[] onnx = studio.export("onnx");
        boolean passed = studio.gradientCheck().passed();

        assertEquals(1, out.length);
        assertArrayEquals(out, studio.inference().output());
        assertTrue(onnx.length > 100);
        assertEquals(1, studio.eventCount("predicted", null));
        assertEquals(1, studio.eventCount("exported", "onnx"));
        assertEquals(1, studio.eventCount("exported", null));
        assertEquals(0, studio.eventCount("exported", "pytorch"));
        assertTrue(passed);
        assertEquals(1, studio.eventCount("gradient_check_passed", null));
    }

    @Test
    void trainingEpochsMeasuresTrainingAndValidation() throws IOException {
        HeadlessStudio studio = open();

        studio.runEpochs(2);

        assertEquals(2, studio.epoch());
        assertTrue(studio.validationMetrics().samples() > 0);
        assertTrue(studio.trainMetrics().samples() > studio.validationMetrics().samples());
    }
}
