// The training workflows from the command line: finetune a saved project, finetune --recipe and continual, each on a
// small budget, and the mistakes a user makes with them ending in one line and exit code 2.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.ProjectFile;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCommandsTest {

    private Path source;

    // A small 2-class network trained on two Gaussian blobs: the project the fine-tuning tests start from.
    @BeforeAll
    void trainSource(@TempDir Path shared) {
        source = shared.resolve("blobs.stepwise");
        CliRun run = CliRun.of("train", "--data", "gaussians", "--epochs", "3", "--seed", "2", "--json", "--out",
                source.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void finetuneFreezesTheBodyTrainsAFreshHeadAndSavesTheProject(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("moons.stepwise");
        CliRun run = CliRun.of("finetune", source.toString(), "--data", "moons", "--freeze-body", "--new-head", "2",
                "--epochs", "2", "--lr", "0.05", "--json", "-o", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out().strip());
        assertEquals("[\"hidden1\",\"hidden2\"]", result.get("frozen").toString());
        assertTrue(result.get("fresh_head").asBoolean());
        assertTrue(result.get("validation").get("accuracy").asDouble() > 0.6, run.out());
        Network before = ProjectFile.load(source).project().network();
        Network after = ProjectFile.load(out).project().network();
        assertTrue(after.node("hidden1").frozen() && after.node("hidden2").frozen());
        for (String node : List.of("hidden1", "hidden2")) {
            for (int p = 0; p < before.node(node).params().size(); p++) {
                assertArrayEquals(before.node(node).params().get(p).value(), after.node(node).params().get(p).value(),
                        node + " is frozen");
            }
        }
    }

    @Test
    void finetuneWithoutJsonPrintsTheNetworkWithItsFrozenNodesAndAnEpochTable(@TempDir Path dir) {
        CliRun run = CliRun.of("finetune", source.toString(), "--data", "moons", "--freeze", "hidden1",
                "--new-head", "2", "--body-lr", "0.001", "--epochs", "2", "-o", dir.resolve("m.stepwise").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(frozen)"), run.out());
        assertTrue(run.out().contains("Fresh head 'output'; frozen: hidden1; training hidden2 at 0.001, output at "
                + "0.01"), run.out());
        assertTrue(run.out().contains("\n    2 "), "a row for epoch 2:\n" + run.out());
    }

    @Test
    void theRecipePrintsTheFineTunedAndScratchCurvesSideBySide() {
        CliRun run = CliRun.of("finetune", "--recipe", "--pretrain-per-class", "30", "--pretrain-epochs", "1",
                "--labelled", "20", "--epochs", "2");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.contains("Task: 2 Pullover, 6 Shirt; 40 labelled images, 411 held-out"), run.out());
        int header = lines.indexOf("epoch  fine-tuned acc  fine-tuned loss  scratch acc  scratch loss");
        assertTrue(header > 0, run.out());
        for (int epoch = 0; epoch <= 2; epoch++) {
            assertTrue(lines.get(header + 1 + epoch).startsWith(String.format("%5d ", epoch)), run.out());
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("Held-out accuracy after 2 epochs: fine-tuned "),
                run.out());
    }

    @Test
    void continualPrintsBothTasksOverTimeAndTheForgettingWithAndWithoutReplay() throws Exception {
        CliRun run = CliRun.of("continual", "--per-class", "20", "--epochs-a", "1", "--epochs-b", "1",
                "--measure-every", "0", "--replay", "0.25", "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out().strip());
        JsonNode without = result.get("without_replay");
        JsonNode with = result.get("with_replay");
        // 100 samples of A in batches of 32: 4 steps; measured before training and after each epoch.
        assertEquals(4, without.get("task_b_start").asInt());
        assertEquals(3, without.get("points").size());
        assertEquals(without.get("accuracy_a_after_a").asDouble(), with.get("accuracy_a_after_a").asDouble());
        assertEquals(without.get("forgetting_points").asDouble() - with.get("forgetting_points").asDouble(),
                result.get("forgetting_reduced_points").asDouble(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            finetune,SOURCE,--data,moons,--freeze,hidden9,-o,OUT | There is no node 'hidden9' to freeze
            finetune,NOT_A_PROJECT,--data,moons,-o,OUT           | the file is not a complete project archive
            finetune,SOURCE,--data,moons,--new-head,0,-o,OUT     | A new head needs at least 1 class, not 0
            continual,--replay,1.5                                | --replay must be above 0 and below 1, not 1.5
            """)
    void aMistakeIsOneLineWithExitCodeTwoAndNoOutputFile(String args, String message, @TempDir Path dir)
            throws Exception {
        Path notAProject = Files.writeString(dir.resolve("notes.stepwise"), "not a zip");
        Path out = dir.resolve("out.stepwise");
        List<String> argv = new ArrayList<>();
        for (String arg : args.split(",")) {
            argv.add(switch (arg) {
                case "SOURCE" -> source.toString();
                case "NOT_A_PROJECT" -> notAProject.toString();
                case "OUT" -> out.toString();
                default -> arg;
            });
        }
        CliRun run = CliRun.of(argv.toArray(String[]::new));

        assertAll(
                () -> assertEquals(2, run.exitCode(), run.err()),
                () -> assertTrue(run.err().startsWith("stepwise: "), run.err()),
                () -> assertTrue(run.err().contains(message), run.err()),
                () -> assertEquals(1, run.err().lines().count(), run.err()),
                () -> assertFalse(run.err().contains("Exception"), run.err()),
                () -> assertFalse(Files.exists(out), "no project after a failure"));
    }
}
