// Runs one lesson against a StudioState: the current step, its goals ticked as they are met, hints revealed one at a
// time, the quiz, moving on, reset and resume. It is what the lesson side panel shows and drives; it has no UI and
// no thread of its own.
//
// The runner only reads the studio. Call refresh() whenever the studio may have changed (after a phase, an edit, an
// export); a goal that held once stays ticked, so a passing moment (the stepper on "backward · hidden1") is not
// lost when the learner steps on. Events count only while their step is current. A runner is used from one thread,
// the one that shows it (the FX thread in the studio).
package org.stepwise.lessons.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonText;
import org.stepwise.lessons.format.Step;
import org.stepwise.lessons.goal.Expr;
import org.stepwise.lessons.goal.Goal;
import org.stepwise.lessons.goal.StudioState;

public final class LessonRunner {

    /** What choosing a quiz answer gave: the choice (1-based), whether it is right, and its explanation. */
    public record Answer(int choice, boolean correct, String explanation) {
    }

    private final Lesson lesson;
    private final StudioState studio;
    private final List<String> completed = new ArrayList<>();
    private int index;
    private boolean[] met;
    private int hintsShown;
    private boolean quizPassed;
    private boolean finished;
    private Map<Expr.Event, Long> baseline = Map.of();

    public LessonRunner(Lesson lesson, StudioState studio) {
        this.lesson = lesson;
        this.studio = studio;
        enter(0);
    }

    /**
     * Continues where saved progress left off. Progress for another lesson, or naming a step the lesson no longer
     * has (it was edited since), starts at the first step not yet completed.
     */
    public static LessonRunner resume(Lesson lesson, StudioState studio, LessonProgress saved) {
        LessonRunner runner = new LessonRunner(lesson, studio);
        if (saved == null || !saved.lesson().equals(lesson.id())) {
            return runner;
        }
        saved.completed().stream().filter(id -> lesson.indexOf(id) >= 0).forEach(runner.completed::add);
        int at = lesson.indexOf(saved.step());
        if (at < 0) {
            at = 0;
            while (at < lesson.steps().size() - 1 && runner.completed.contains(lesson.steps().get(at).id())) {
                at++;
            }
            runner.enter(at);
            return runner;
        }
        runner.enter(at);
        for (int i = 0; i < runner.met.length && i < saved.goalsMet().size(); i++) {
            runner.met[i] = saved.goalsMet().get(i);
        }
        runner.hintsShown = Math.min(saved.hintsShown(), runner.hintCount());
        runner.quizPassed = saved.quizPassed() && runner.step().hasQuiz();
        runner.finished = saved.finished() && at == lesson.steps().size() - 1 && runner.stepComplete();
        return runner;
    }

    // ---- Properties

    public Lesson lesson() {
        return lesson;
    }

    /** 0-based index of the current step. */
    public int stepIndex() {
        return index;
    }

    public Step step() {
        return lesson.steps().get(index);
    }

    /** The current step's words in a language (the lesson's first language when it lacks this one). */
    public LessonText.StepText text(String language) {
        return lesson.text(language).step(step().id());
    }

    /** Which of the current step's goals are ticked, in the header's order. */
    public List<Boolean> goalsMet() {
        List<Boolean> out = new ArrayList<>(met.length);
        for (boolean m : met) {
            out.add(m);
        }
        return Collections.unmodifiableList(out);
    }

    public boolean quizPassed() {
        return quizPassed;
    }

    /** Every goal ticked and the quiz (if any) answered correctly; a step with neither is complete at once. */
    public boolean stepComplete() {
        for (boolean m : met) {
            if (!m) {
                return false;
            }
        }
        return !step().hasQuiz() || quizPassed;
    }

    public boolean isCompleted(String stepId) {
        return completed.contains(stepId);
    }

    /** Steps completed, for a progress bar: "3 of 7". */
    public int completedSteps() {
        return completed.size();
    }

    /** The last step is complete and the learner has moved past it. */
    public boolean finished() {
        return finished;
    }

    public int hintsShown() {
        return hintsShown;
    }

    /** Hints the current step has (the same in every language; {@code lessons check} sees to that). */
    public int hintCount() {
        return lesson.text(lesson.languages().get(0)).step(step().id()).hints().size();
    }

    // ---- Commands

    /** Evaluates the current step's goals against the studio; true when a goal became ticked. */
    public boolean refresh() {
        boolean changed = false;
        List<Goal> goals = step().goals();
        for (int i = 0; i < goals.size(); i++) {
            if (!met[i] && goals.get(i).holds(studio, baseline)) {
                met[i] = true;
                changed = true;
            }
        }
        return changed;
    }

    /** Reveals the next hint; false when every hint is shown already. The UI shows hints [0, hintsShown()). */
    public boolean revealHint() {
        if (hintsShown >= hintCount()) {
            return false;
        }
        hintsShown++;
        return true;
    }

    /**
     * Chooses a quiz answer; a wrong one can be followed by another.
     *
     * @param choice 1-based, as the choices are numbered
     * @throws IllegalStateException    when the step has no quiz
     * @throws IllegalArgumentException when there is no such choice
     */
    public Answer answer(int choice, String language) {
        if (!step().hasQuiz()) {
            throw new IllegalStateException("Step '" + step().id() + "' has no quiz");
        }
        List<LessonText.Choice> choices = text(language).quiz().choices();
        if (choice < 1 || choice > choices.size()) {
            throw new IllegalArgumentException("The quiz has choices 1 to " + choices.size() + ", not " + choice);
        }
        boolean correct = choice == step().quizAnswer();
        quizPassed |= correct;
        return new Answer(choice, correct, choices.get(choice - 1).explanation());
    }

    /** Moves to the next step once this one is complete; after the last, the lesson is finished. */
    public boolean advance() {
        refresh();
        if (!stepComplete() || finished) {
            return false;
        }
        if (!completed.contains(step().id())) {
            completed.add(step().id());
        }
        if (index == lesson.steps().size() - 1) {
            finished = true;
        } else {
            enter(index + 1);
        }
        return true;
    }

    /** Starts the lesson over: nothing completed, the first step current. The studio's state is the caller's. */
    public void reset() {
        completed.clear();
        finished = false;
        enter(0);
    }

    /** Where the learner stands, for the progress store. */
    public LessonProgress progress() {
        return new LessonProgress(lesson.id(), step().id(), completed, goalsMet(), hintsShown, quizPassed, finished);
    }

    private void enter(int step) {
        index = step;
        met = new boolean[step().goals().size()];
        hintsShown = 0;
        quizPassed = false;
        Map<Expr.Event, Long> counts = new HashMap<>();
        step().goals().forEach(g -> counts.putAll(g.eventCounts(studio)));
        baseline = counts;
    }
}
