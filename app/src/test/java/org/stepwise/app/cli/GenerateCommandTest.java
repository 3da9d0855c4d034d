// `stepwise generate`: the text a saved GPT writes is the prompt followed by what Generation picks from the same
// weights, repeatable by seed; the candidates table and the JSON carry each step's probabilities; prompts with unknown
// characters and projects that are not language models are refused in one line.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.text.CharTokenizer;

class GenerateCommandTest {

    @TempDir
    static Path dir;
    private static Path run;
    private static Project saved;

    @BeforeAll
    static void trainBriefly() throws Exception {
        Project p = Project.create("gpt", new GptConfig(78, 64, 16, 2, 1, 32).graph(), DataRef.builtIn("moby-dick"),
                TrainingSettings.defaults().withOptimizer("adamw", Map.of()).withLearningRate(1e-2f));
        Session s = Session.open(p, 0);
        s.stepper().runBatches(20);
        saved = s.snapshot();
        run = dir.resolve("gpt.stepwise");
        ProjectFile.save(run, saved);
    }

    @Test
    void greedyTextIsThePromptAndWhatGenerationPicksFromTheSavedWeights() throws Exception {
        CliRun cli = CliRun.of("generate", run.toString(), "--prompt", "Call me ", "--tokens", "12",
                "--temperature", "0");
        assertEquals(0, cli.exitCode(), cli.err());
        Project loaded = ProjectFile.load(run).project();
        List<Generation.Step> steps = new Generation(loaded.network(), CharTokenizer.of(loaded.classNames()), 1)
                .generate("Call me ", 12, 0, 10);
        StringBuilder expected = new StringBuilder("Call me ");
        steps.forEach(s -> expected.append(s.text()));
        assertEquals(expected + System.lineSeparator(), cli.out());
    }

    @Test
    void theJsonListsEveryStepWithSortedCandidatesAndTheSameSeedWritesTheSameText() throws Exception {
        CliRun a = CliRun.of("generate", run.toString(), "--prompt", "The ", "--tokens", "5", "--top-k", "3",
                "--json");
        CliRun b = CliRun.of("generate", run.toString(), "--prompt", "The ", "--tokens", "5", "--top-k", "3",
                "--json");
        assertEquals(a.out(), b.out());
        JsonNode root = new ObjectMapper().readTree(a.out());
        assertEquals(5, root.get("steps").size());
        for (JsonNode step : root.get("steps")) {
            JsonNode c = step.get("candidates");
            assertEquals(3, c.size());
            assertTrue(c.get(0).get("probability").asDouble() >= c.get(1).get("probability").asDouble());
            double sum = 0;
            for (JsonNode x : c) {
                sum += x.get("probability").asDouble();
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertTrue(root.get("text").asText().startsWith("The "));
        CliRun table = CliRun.of("generate", run.toString(), "--prompt", "The ", "--tokens", "2", "--candidates");
        assertTrue(table.out().contains("%"), table.out());
    }

    @Test
    void unknownCharactersAndNonLanguageModelsAreRefusedInOneLine() throws Exception {
        CliRun unknown = CliRun.of("generate", run.toString(), "--prompt", "naïve");
        assertEquals(StepwiseCommand.BAD_INPUT, unknown.exitCode());
        assertEquals("stepwise: The prompt has characters the model never saw: ï" + System.lineSeparator(),
                unknown.err());
        Path iris = dir.resolve("iris.stepwise");
        CliRun train = CliRun.of("train", "--data", "iris", "--epochs", "1", "--out", iris.toString());
        assertEquals(0, train.exitCode(), train.err());
        CliRun notText = CliRun.of("generate", iris.toString(), "--prompt", "a");
        assertEquals(StepwiseCommand.BAD_INPUT, notText.exitCode());
        assertTrue(notText.err().contains("is not a language model"), notText.err());
    }
}
