// `lessons check` on broken lesson folders (src/test/resources/…/broken): each mistake is reported once, at the
// right file, line and column, in words a teacher can act on, and never as a stack trace.
package org.stepwise.lessons.course;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.lessons.format.LessonProblem;
import org.stepwise.lessons.format.LessonSource;

class BrokenLessonsTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(BrokenLessonsTest.class.getResource("/org/stepwise/lessons/broken/" + name).toURI());
    }

    private static LessonCheck.Report check(String name) throws URISyntaxException {
        return LessonCheck.check(LessonSource.folder(fixture(name)), false);
    }

    @Test
    void theUnbrokenFixtureChecksClean() throws URISyntaxException {
        LessonCheck.Report report = check("good");

        assertEquals(List.of(), report.problems());
        assertTrue(report.lesson().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown-key              | lesson.yaml       | 11 |  5 | step 1: unknown key 'point-at' (did you mean 'point_at'?)
            unknown-variable         | lesson.yaml       | 12 | 11 | bad goal: unknown variable 'stepper.phaze' (did you mean 'stepper.phase'?)
            unknown-value            | lesson.yaml       | 12 | 29 | bad goal: 'stepper.phase' is never 'forwad' (did you mean 'forward'?)
            goal-syntax              | lesson.yaml       | 12 | 25 | bad goal: use == to compare, not =
            unknown-event            | lesson.yaml       | 14 | 28 | bad goal: unknown format 'onxx' (did you mean 'onnx'?)
            yaml-syntax              | lesson.yaml       | 14 | 16 | invalid YAML: mapping values are not allowed here
            yaml-anchor              | lesson.yaml       | 11 | 15 | YAML anchors and aliases (& and *) are not allowed in lessons
            missing-translation-file | lesson.yaml       |  5 | 12 | missing translation: there is no lesson.zh-CN.md in the lesson folder
            missing-translation-step | lesson.yaml       | 13 |  9 | missing translation: step 'second' has no section '## … {#second}' in lesson.zh-CN.md
            missing-translation-hint | lesson.zh-CN.md   |  3 |  1 | missing translation: step 'first' has 0 hints here but 1 in lesson.en.md
            missing-image            | lesson.en.md      | 15 |  1 | missing image 'images/plane.png': no such file in the lesson folder
            unclosed-formula         | lesson.en.md      |  5 | 12 | the formula starting here has no closing $
            quiz-without-explanation | lesson.en.md      | 22 |  1 | choice 2 has no explanation: indent a paragraph under it saying why it is right or wrong
            step-without-id          | lesson.en.md      |  3 |  1 | a step heading needs the step's id, as in '## Weighted sum {#weighted-sum}'
            unknown-template         | lesson.yaml       |  7 | 12 | start: unknown template 'perceptorn' (did you mean 'perceptron'?)
            network-file             | net.json          |  2 | 33 | layer 1: unknown activation 'relu6' (did you mean 'relu'?)
            parameter-size           | lesson.yaml       | 10 | 20 | start: parameters: 'output.weight' has 2 values (1, 2), so it needs a list of 2 numbers, row by row, not a list of 3
            unknown-control          | lesson.yaml       | 11 | 15 | step 1: unknown control 'step_fase' (did you mean 'step_phase'?)
            quiz-answer-range        | lesson.yaml       | 15 | 18 | quiz_answer is 3 but the quiz in lesson.en.md has 2 choices
            data-does-not-fit        | lesson.yaml       |  8 | 12 | start: the starting state does not open: The network's input (2) does not fit the data's samples (4)
            playthrough-action       | playthrough.yaml  |  5 |  7 | step 'second': unknown action 'predcit' (did you mean 'predict'?)
            playthrough-recipe       | playthrough.yaml  |  5 | 29 | run_recipe: 'classes' takes two or more different class numbers, such as [3, 8]
            """)
    void brokenLessonIsReportedAtItsFileAndLine(String folder, String file, int line, int column, String message)
            throws URISyntaxException {
        LessonCheck.Report report = check(folder);

        assertFalse(report.ok(), folder + " checked clean");
        LessonProblem first = report.problems().get(0);
        assertAll(
                () -> assertEquals(fixture(folder).resolve(file).toString(), first.file()),
                () -> assertEquals(line, first.line(), first::toString),
                () -> assertEquals(column, first.column(), first::toString),
                () -> assertTrue(first.message().startsWith(message), first::toString),
                () -> assertEquals(1, report.problems().stream().filter(p -> p.line() == line).count(),
                        () -> "reported more than once: " + report.problems()),
                () -> assertTrue(report.problems().stream().noneMatch(p -> p.message().contains("Exception")),
                        report.problems()::toString));
    }
}
