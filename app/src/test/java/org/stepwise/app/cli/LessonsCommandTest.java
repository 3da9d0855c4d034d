// `stepwise lessons list` and `stepwise lessons check`, as a teacher meets them: the course in order, a clean check,
// and a broken lesson reported as file:line lines with exit code 2 and no stack trace.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonsCommandTest {

    @TempDir
    Path temp;

    @Test
    void listShowsTheCourseInOrderWithTitlesInTheAskedLanguage() throws IOException {
        CliRun en = CliRun.of("lessons", "list");
        CliRun zh = CliRun.of("lessons", "list", "--lang", "zh-CN");
        CliRun json = CliRun.of("lessons", "list", "--json");

        assertEquals(0, en.exitCode(), en.err());
        List<String> lines = en.out().lines().toList();
        assertTrue(lines.get(0).startsWith("#   id"), en.out());
        assertTrue(lines.get(1).matches("1 +neuron +beginner +15 +7 +The neuron"), lines.get(1));
        assertTrue(lines.get(2).contains("Activation functions"), en.out());
        assertTrue(zh.out().contains("神经元"), zh.out());
        JsonNode first = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow());
        assertEquals("neuron", first.get("id").asText());
        assertEquals(List.of("en", "zh-CN"), List.of(first.get("languages").get(0).asText(),
                first.get("languages").get(1).asText()));
    }

    @Test
    void checkWithoutAPathChecksAndPlaysTheShippedCourse() {
        CliRun run = CliRun.of("lessons", "check", "--play");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("01-neuron: ok, 7 steps in en and zh-CN, played through"), run.out());
        assertTrue(run.out().contains("03-forward: ok, 10 steps in en and zh-CN, played through"), run.out());
    }

    @Test
    void aBrokenLessonIsReportedAtItsLineWithExitCode2() throws IOException {
        Path lesson = Files.createDirectories(temp.resolve("my-lesson"));
        Files.writeString(lesson.resolve("lesson.yaml"), """
                id: mine
                level: beginner
                minutes: 10
                languages: [en]
                start:
                  network: perceptron
                  dataset: gaussians
                steps:
                  - id: one
                    goal: val_acuracy >= 0.9
                """);
        Files.writeString(lesson.resolve("lesson.en.md"), "# Mine\n\n## One {#one}\n\nTrain.\n");

        CliRun run = CliRun.of("lessons", "check", lesson.toString());

        assertEquals(StepwiseCommand.BAD_INPUT, run.exitCode());
        assertEquals(lesson.resolve("lesson.yaml") + ":10:11: bad goal: unknown variable 'val_acuracy' (did you "
                + "mean 'val_accuracy'?); FORMAT.md lists the variables", run.err().lines().findFirst().orElseThrow());
        assertTrue(run.err().contains("stepwise: 1 problem in 1 lesson"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aPathWithoutLessonsIsOneLineOfBadInput() {
        CliRun missing = CliRun.of("lessons", "check", temp.resolve("nowhere").toString());
        CliRun empty = CliRun.of("lessons", "check", temp.toString());

        assertEquals(StepwiseCommand.BAD_INPUT, missing.exitCode());
        assertEquals("stepwise: no such file or folder: " + temp.resolve("nowhere"), missing.err().strip());
        assertEquals(StepwiseCommand.BAD_INPUT, empty.exitCode());
        assertTrue(empty.err().strip().endsWith("is not a lesson folder (it has no lesson.yaml) and holds none"),
                empty.err());
    }
}
