// Plays a lesson through as its playthrough.yaml says a student would: every step, through the LessonRunner,
// against a HeadlessStudio on the real core. It proves that each goal can be reached within the lesson's settings.
//
// A step must not be complete before its first action (a goal that is already true teaches nothing), and must be
// complete after its last. Failures name the script's file and line.
package org.stepwise.lessons.headless;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stepwise.lessons.engine.LessonRunner;
import org.stepwise.lessons.format.Action;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonProblem;
import org.stepwise.lessons.format.PlayThrough;
import org.stepwise.lessons.format.Step;
import org.stepwise.lessons.goal.Expr;
import org.stepwise.lessons.goal.Goal;

public final class ScriptedLearner {

    /** @param failures at the script's line; empty when the lesson played through */
    public record Outcome(List<LessonProblem> failures, int stepsCompleted) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final Lesson lesson;
    private final PlayThrough script;
    private final HeadlessStudio studio;
    private final LessonRunner runner;

    private ScriptedLearner(Lesson lesson, PlayThrough script, HeadlessStudio studio) {
        this.lesson = lesson;
        this.script = script;
        this.studio = studio;
        this.runner = new LessonRunner(lesson, studio);
    }

    /** Opens the lesson's starting state and plays every step; stops at the first failure. */
    public static Outcome play(Lesson lesson, PlayThrough script) throws IOException {
        return new ScriptedLearner(lesson, script, HeadlessStudio.open(lesson.start(), lesson.id())).play();
    }

    private Outcome play() {
        List<LessonProblem> failures = new ArrayList<>();
        for (Step step : lesson.steps()) {
            runner.refresh();
            List<Action> actions = script.actions(step.id());
            int line = actions.isEmpty() ? 0 : actions.get(0).line();
            if ((!step.goals().isEmpty() || step.hasQuiz()) && runner.stepComplete()) {
                failures.add(new LessonProblem(script.file(), line, 0, "step '" + step.id() + "' is complete "
                        + "before the learner does anything: its goal already holds"));
                break;
            }
            LessonProblem failed = perform(actions);
            if (failed != null) {
                failures.add(failed);
                break;
            }
            if (!runner.advance()) {
                int last = actions.isEmpty() ? 0 : actions.get(actions.size() - 1).line();
                failures.add(new LessonProblem(script.file(), last, 0, "step '" + step.id() + "' is not complete "
                        + "after its actions: goals met " + runner.goalsMet() + (step.hasQuiz() ? ", quiz passed "
                        + runner.quizPassed() : "") + "; " + values(step)));
                break;
            }
        }
        if (failures.isEmpty() && !runner.finished()) {
            failures.add(new LessonProblem(script.file(), 0, 0, "the lesson did not finish"));
        }
        return new Outcome(failures, runner.completedSteps());
    }

    /** Null when every action worked, else the problem of the first that did not. */
    private LessonProblem perform(List<Action> actions) {
        for (Action action : actions) {
            try {
                String failed = perform(action);
                if (failed != null) {
                    return new LessonProblem(script.file(), action.line(), 0, failed);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new LessonProblem(script.file(), action.line(), 0, e.getMessage());
            }
            runner.refresh();
        }
        return null;
    }

    private String perform(Action action) {
        String language = lesson.languages().get(0);
        switch (action) {
            case Action.StepPhase a -> repeat(a.times(), studio::stepPhase);
            case Action.StepTo a -> {
                if (!studio.stepTo(a.phase(), a.node())) {
                    return "no " + a.phase() + " phase" + (a.node() == null ? "" : " of '" + a.node() + "'")
                            + " came within a step";
                }
            }
            case Action.StepBack a -> repeat(a.times(), studio::stepBack);
            case Action.FinishStep a -> repeat(a.times(), studio::finishStep);
            case Action.RunBatches a -> studio.runBatches(a.batches());
            case Action.RunEpochs a -> studio.runEpochs(a.epochs());
            case Action.ResetTraining a -> studio.resetTraining();
            case Action.SetLearningRate a -> studio.setLearningRate(a.rate());
            case Action.SetOptimizer a -> studio.setOptimizer(a.optimizer());
            case Action.SetBatchSize a -> studio.setBatchSize(a.size());
            case Action.SetLoss a -> studio.setLoss(a.loss());
            case Action.SetActivation a -> studio.setActivation(a.node(), a.activation());
            case Action.SetUnits a -> studio.setUnits(a.node(), a.units());
            case Action.SetParameter a -> studio.setParameter(a.node(), a.param(), a.index(), a.value());
            case Action.Select a -> studio.select(a.node());
            case Action.Predict a -> studio.predict(a.input());
            case Action.CheckGradients a -> studio.gradientCheck();
            case Action.Export a -> studio.export(a.format());
            case Action.OpenPanel a -> studio.openPanel(a.panel());
            case Action.Emit a -> studio.emit(a.event(), a.argument());
            case Action.Answer a -> runner.answer(a.choice(), language);
            case Action.Profile a -> studio.profile();
            case Action.CalculateZero a -> studio.calculateZero(a.parameters(), a.workers());
            case Action.ComparePrecision a -> studio.comparePrecision(a.steps());
            case Action.SimulateParallel a -> studio.simulateParallel(a.workers());
            case Action.RunContinual a -> studio.runContinual(a.replay(), a.epochs());
            case Action.Freeze a -> studio.setFrozen(a.node(), a.frozen());
            case Action.RunRecipe a -> studio.runRecipe(a.classes(), a.labelled(), a.pretrainEpochs(), a.epochs());
            case Action.RevealHint a -> {
                for (int i = 0; i < a.times(); i++) {
                    if (!runner.revealHint()) {
                        return "there is no hint " + (i + 1 + runner.hintsShown()) + " to reveal";
                    }
                }
            }
            case Action.Expect a -> {
                if (!a.condition().holds(studio, Map.of())) {
                    return "expected " + a.condition().text() + ", but " + describe(a.condition().expr());
                }
            }
        }
        return null;
    }

    private static void repeat(int times, java.util.function.BooleanSupplier action) {
        for (int i = 0; i < times; i++) {
            if (!action.getAsBoolean()) {
                throw new IllegalStateException("the stepper could not go on (halted, or no history to go back "
                        + "through)");
            }
        }
    }

    private String values(Step step) {
        List<String> parts = new ArrayList<>();
        for (Goal g : step.goals()) {
            parts.add(g.text() + " [" + describe(g.expr()) + "]");
        }
        return parts.isEmpty() ? "no goals" : String.join("; ", parts);
    }

    /** The values a condition read: "val_accuracy is 0.82". */
    private String describe(Expr e) {
        return switch (e) {
            case Expr.And a -> describe(a.left()) + ", " + describe(a.right());
            case Expr.Or o -> describe(o.left()) + ", " + describe(o.right());
            case Expr.Not n -> describe(n.operand());
            case Expr.Flag f -> name(f.variable()) + " is " + f.variable().read(studio);
            case Expr.Event ev -> ev.name() + (ev.argument() == null ? "" : "(" + ev.argument() + ")") + " happened "
                    + studio.eventCount(ev.name(), ev.argument()) + " times";
            case Expr.Compare c -> name(c.left()) + " is " + c.left().read(studio);
        };
    }

    private static String name(org.stepwise.lessons.goal.Variables.Match m) {
        String pattern = m.variable().pattern();
        for (String arg : m.arguments()) {
            pattern = pattern.replaceFirst("<[a-z]+>", arg);
        }
        return pattern;
    }
}
