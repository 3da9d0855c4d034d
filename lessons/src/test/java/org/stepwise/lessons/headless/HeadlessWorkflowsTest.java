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

    @Test
    void freezingSetsTheFlagAndKeepsTheWeights() throws IOException {
        HeadlessStudio studio = digits();
        studio.runEpochs(1);
        float[] before = studio.parameter("hidden1", "weight");
        assertTrue(holds(studio, "not frozen.hidden1"));

        studio.setFrozen("hidden1", true);

        assertTrue(holds(studio, "frozen.hidden1 and not frozen.output"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, studio.parameter("hidden1", "weight"));
        studio.runEpochs(1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, studio.parameter("hidden1", "weight"),
                "a frozen node's weights are left out of the updates");
        studio.setFrozen("hidden1", false);
        assertTrue(holds(studio, "not frozen.hidden1"));
    }

    @Test
    void withFewLabelsTheFineTunedHeadBeatsScratch() throws IOException {
        HeadlessStudio studio = digits();
        studio.setFrozen("hidden1", true);
        assertTrue(!holds(studio, "pretrain_gain > -100"), "no recipe yet, so unavailable");

        var result = studio.runRecipe(new int[] {3, 8}, 10, 3, 20);

        assertEquals(20, result.labelled());
        double fineTuned = result.fineTuned().last().accuracy();
        double scratch = result.scratch().last().accuracy();
        // Lesson 9's numbers: about 85 % against 56 % with 10 labelled images of each digit.
        assertTrue(fineTuned > 0.75 && scratch < 0.7, "fine-tuned " + fineTuned + " against scratch " + scratch);
        assertEquals(72, result.heldOut(), "the validation samples of 3 and 8");
        assertTrue(holds(studio, "finetuned_accuracy == " + fineTuned + " and scratch_accuracy == " + scratch));
        assertTrue(holds(studio, "pretrain_gain == " + result.accuracyGainPoints() + " and pretrain_gain > 0"));
        assertEquals(1, studio.eventCount("recipe_compared", null));
        assertTrue(holds(studio, "frozen.hidden1"), "the recipe leaves the open network as it was");
    }

    @Test
    void withManyLabelsTheScratchNetworkCatchesUp() throws IOException {
        HeadlessStudio studio = digits();

        var result = studio.runRecipe(new int[] {3, 8}, 100, 3, 20);

        assertEquals(200, result.labelled());
        // About 96 % from scratch against 88 % for the frozen body: the gain turns negative.
        assertTrue(holds(studio, "scratch_accuracy > 0.9 and pretrain_gain < 0"),
                "fine-tuned " + result.fineTuned().last().accuracy() + ", scratch "
                        + result.scratch().last().accuracy());
    }
}
