// The lesson panel's model: goals ticked and kept, hints one at a time, the quiz, moving on, reset, resume, and
// progress saved per user, all on the small fixture lesson and a studio the test sets by hand.
package org.stepwise.lessons.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.stepper.Phase;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;
import org.stepwise.lessons.goal.FakeStudio;

class LessonRunnerTest {
    private final FakeStudio studio = new FakeStudio();
    private final Lesson lesson = fixture();

    @TempDir
    Path temp;

    private static Lesson fixture() {
        try {
            Path folder = Path.of(LessonRunnerTest.class.getResource("/org/stepwise/lessons/broken/good").toURI());
            return LessonReader.read(LessonSource.folder(folder)).orThrow();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGoalIsTickedWhenItHoldsAndStaysTickedAfterwards() {
        LessonRunner runner = new LessonRunner(lesson, studio);
        assertFalse(runner.refresh());
        assertEquals(List.of(false), runner.goalsMet());
        assertFalse(runner.advance(), "an incomplete step does not let the learner on");

        studio.lastPhase = new Phase.Forward(0, "input");
        assertTrue(runner.refresh());
        studio.lastPhase = new Phase.Loss();
        runner.refresh();

        assertEquals(List.of(true), runner.goalsMet());
        assertTrue(runner.stepComplete());
        assertTrue(runner.advance());
        assertEquals("second", runner.step().id());
        assertEquals(List.of("first"), runner.progress().completed());
    }

    @Test
    void hintsAreRevealedOneAtATimeUpToTheStepsCount() {
        LessonRunner runner = new LessonRunner(lesson, studio);

        assertEquals(1, runner.hintCount());
        assertTrue(runner.revealHint());
        assertFalse(runner.revealHint());
        assertEquals(1, runner.hintsShown());
        assertEquals("按单步。", runner.text("zh-CN").hints().get(runner.hintsShown() - 1));
    }

    @Test
    void eventsBeforeTheStepDoNotCountAndTheQuizMustBeAnsweredRight() {
        studio.emit("predicted", null);
        LessonRunner runner = new LessonRunner(lesson, studio);
        studio.lastPhase = new Phase.Forward(0, "input");
        runner.advance();
        runner.refresh();
        assertEquals(List.of(false), runner.goalsMet(), "the prediction came before this step");

        studio.emit("predicted", null);
        LessonRunner.Answer wrong = runner.answer(2, "en");
        assertFalse(runner.stepComplete());
        LessonRunner.Answer right = runner.answer(1, "zh-CN");

        assertFalse(wrong.correct());
        assertEquals("No.", wrong.explanation());
        assertTrue(right.correct());
        assertEquals("对。", right.explanation());
        assertTrue(runner.advance());
        assertTrue(runner.finished());
        assertEquals(2, runner.completedSteps());
        assertThrows(IllegalArgumentException.class, () -> runner.answer(3, "en"));
    }

    @Test
    void resetStartsOverAndResumeContinuesFromSavedProgress() throws IOException {
        LessonRunner runner = new LessonRunner(lesson, studio);
        studio.lastPhase = new Phase.Forward(0, "input");
        runner.advance();
        runner.revealHint();
        ProgressStore store = new ProgressStore(temp.resolve("state/lessons.json"));
        store.save(runner.progress());

        LessonRunner resumed = LessonRunner.resume(lesson, studio, store.load("fixture").orElseThrow());
        runner.reset();

        assertEquals("second", resumed.step().id());
        assertEquals(1, resumed.completedSteps());
        assertTrue(resumed.isCompleted("first"));
        assertEquals("first", runner.step().id());
        assertEquals(0, runner.completedSteps());
    }

    @Test
    void progressOfAnEditedLessonResumesAtTheFirstStepNotCompleted() {
        LessonProgress saved = new LessonProgress("fixture", "a-step-since-removed", List.of("first"), List.of(),
                0, false, false);

        LessonRunner runner = LessonRunner.resume(lesson, studio, saved);

        assertEquals("second", runner.step().id());
    }

    @Test
    void theStoreKeepsEveryLessonAndReadsADamagedFileAsNoProgress() throws IOException {
        Path file = temp.resolve("lessons.json");
        ProgressStore store = new ProgressStore(file);
        store.save(new LessonProgress("neuron", "bias", List.of("meet", "weighted-sum"), List.of(true, false), 2,
                false, false));
        store.save(new LessonProgress("forward", "load", List.of(), List.of(), 0, false, false));

        assertEquals(List.of("neuron", "forward"), List.copyOf(store.loadAll().keySet()));
        LessonProgress neuron = store.load("neuron").orElseThrow();
        assertEquals(List.of("meet", "weighted-sum"), neuron.completed());
        assertEquals(List.of(true, false), neuron.goalsMet());
        assertEquals(2, neuron.hintsShown());

        store.forget("neuron");
        assertEquals(List.of("forward"), List.copyOf(store.loadAll().keySet()));

        Files.writeString(file, "{ not json");
        assertTrue(store.loadAll().isEmpty());
        store.save(new LessonProgress("neuron", "meet", List.of(), List.of(), 0, false, false));
        assertEquals(List.of("neuron"), List.copyOf(store.loadAll().keySet()));
    }
}
