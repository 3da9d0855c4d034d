// The workflow actions of the headless harness run the real core workflows, record their events, and the goal
// variables read their results: the profile, the ZeRO calculator, precision, data parallelism, continual training.
package org.stepwise.lessons.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.lessons.format.Start;
import org.stepwise.lessons.goal.Goal;

class HeadlessWorkflowsTest {

    private static HeadlessStudio digits() throws IOException {
        String json = """
                {"input": [64], "layers": [{"dense": 32, "act": "relu", "name": "hidden1"},
                  {"dense": 10, "name": "output"}]}""";
        Start start = new Start("digits.json", ModelReader.read(json, "digits.json"), "digits",
                TrainingSettings.defaults().withOptimizer("adam", Map.of()).withLearningRate(0.01f), Map.of());
        return HeadlessStudio.open(start, "test");
    }

    private static boolean holds(HeadlessStudio studio, String goal) {
        return Goal.parse(goal).holds(studio, Map.of());
    }

    @Test
    void theProfileMeasuresTheParametersAsFloat32() throws IOException {
        HeadlessStudio studio = digits();
        assertTrue(!holds(studio, "model_bytes > 0"), "no profile yet, so unavailable");

        var profile = studio.profile();

        // 64·32 + 32 + 32·10 + 10 weights and biases.
        assertEquals(2410, profile.parameters());
        assertTrue(holds(studio, "model_bytes == 9640 and latency_us > 0 and throughput > 0"));
        assertEquals(1, studio.eventCount("profiled", null));
    }

    @Test
    void theZeroCalculatorGivesThePapersNumbers() throws IOException {
        HeadlessStudio studio = digits();

        studio.calculateZero(7_500_000_000L, 64);

        assertTrue(holds(studio, "zero_gb.0 == 120 and zero_gb.1 == 31.40625 and zero_gb.2 == 16.640625"));
        assertTrue(holds(studio, "zero_gb.3 == 1.875"));
        assertEquals(1, studio.eventCount("zero_calculated", null));
    }

    @Test
    void precisionAndParallelSimulationsRecordTheirEvents() throws IOException {
        HeadlessStudio studio = digits();

        var runs = studio.comparePrecision(5);
        var parallel = studio.simulateParallel(4);

        assertEquals(4, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.loss().length == 5 && r.halted() == null));
        assertEquals(4, parallel.workers());
        assertTrue(parallel.maxRelativeError() < 1e-4, "all-reduce equals the large batch: "
                + parallel.maxRelativeError());
        assertEquals(1, studio.eventCount("precision_compared", null));
        assertEquals(1, studio.eventCount("parallel_simulated", null));
    }

    @Test
    void continualTrainingForgetsTaskAWithoutReplayAndLessWithIt() throws IOException {
        HeadlessStudio studio = digits();

        var result = studio.runContinual(0.3, 3);

        double without = result.withoutReplay().forgettingPoints();
        double with = result.withReplay().forgettingPoints();
        assertTrue(without > 50, "forgetting without replay: " + without);
        assertTrue(with < without - 20, "forgetting with replay: " + with + ", without: " + without);
        assertTrue(holds(studio, "forgetting == " + without + " and forgetting_replay == " + with));
        assertTrue(holds(studio, "task_b_accuracy > 0.9"), "B learnt: " + result.withoutReplay().accuracyBAfterB());
        assertEquals(1, studio.eventCount("continual_trained", null));
    }
}
