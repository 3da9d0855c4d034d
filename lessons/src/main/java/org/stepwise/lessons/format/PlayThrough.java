// playthrough.yaml: the scripted learner of a lesson, the actions a student takes in each step, by step id. The
// play-through test runs it against the real core; `lessons check` reads it for mistakes.
//
//   steps:
//     weighted-sum:
//       - select: output
//       - answer: 2
//     check-it:
//       - predict: [2, 1]
//       - expect: inference.output.0 == 0.25
package org.stepwise.lessons.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.stepwise.core.io.DidYouMean;
import org.stepwise.lessons.goal.Controls;
import org.stepwise.lessons.goal.Events;
import org.stepwise.lessons.goal.Goal;
import org.stepwise.lessons.goal.GoalException;
import org.stepwise.lessons.goal.Variables;

/** @param steps the actions by step id, in the lesson's step order */
public record PlayThrough(String file, Map<String, List<Action>> steps) {
    public static final String FILE = "playthrough.yaml";

    static final List<String> ACTIONS = List.of("step_phase", "step_to", "step_back", "finish_step",
            "run_batches", "run_epochs", "reset_training", "set_learning_rate", "set_optimizer", "set_batch_size",
            "set_loss", "set_activation", "set_units", "set_parameter", "select", "predict", "gradient_check",
            "export", "open_panel", "emit", "answer", "hint", "expect", "profile", "calculate_zero",
            "compare_precision", "simulate_parallel", "run_continual", "freeze", "unfreeze", "run_recipe");

    public PlayThrough {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** The actions of a step; none when the script leaves it out (a step the learner only reads). */
    public List<Action> actions(String step) {
        return steps.getOrDefault(step, List.of());
    }

    /** Reads the lesson's playthrough.yaml; empty without problems when the lesson has none. */
    public static Result read(LessonSource source, Lesson lesson) {
        Problems problems = new Problems();
        String file = source.describe(FILE);
        Optional<String> text;
        try {
            text = source.read(FILE);
        } catch (IOException e) {
            problems.add(file, 0, 0, "cannot be read: " + e.getMessage());
            return new Result(Optional.empty(), problems.sorted());
        }
        if (text.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        YamlTree tree;
        try {
            tree = YamlTree.parse(text.get());
        } catch (YamlTree.YamlException e) {
            problems.add(file, e.at, e.getMessage());
            return new Result(Optional.empty(), problems.sorted());
        }
        Map<String, List<Action>> steps = new LinkedHashMap<>();
        YamlFields.at(tree, "", file, problems, "", "a mapping with 'steps'").ifPresent(top -> {
            top.allowOnly(List.of("steps"));
            if (!top.has("steps")) {
                top.problem(top.here(), "missing key 'steps'");
                return;
            }
            YamlFields.at(tree, top.pointer("steps"), file, problems, "steps: ", "a mapping from step ids to "
                    + "lists of actions").ifPresent(s -> readSteps(s, lesson, steps));
        });
        List<LessonProblem> found = problems.sorted();
        return new Result(found.isEmpty() ? Optional.of(new PlayThrough(file, steps)) : Optional.empty(), found);
    }

    public record Result(Optional<PlayThrough> playThrough, List<LessonProblem> problems) {
    }

    private static void readSteps(YamlFields s, Lesson lesson, Map<String, List<Action>> out) {
        List<String> ids = lesson.steps().stream().map(Step::id).toList();
        for (String id : s.keys()) {
            if (!ids.contains(id)) {
                s.problemAtKey(id, "the lesson has no step '" + id + "'" + DidYouMean.hint(id, ids));
                continue;
            }
            JsonNode list = s.get(id);
            if (!list.isArray()) {
                s.problemAt(id, "step '" + id + "' must list actions, such as [{step_phase: 1}]");
                continue;
            }
            List<Action> actions = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String pointer = YamlTree.child(s.pointer(id), i);
                YamlFields.at(s.tree(), pointer, s.file(), s.problems(), "step '" + id + "': ",
                        "an action such as {run_epochs: 5}").flatMap(PlayThrough::action).ifPresent(actions::add);
            }
            out.put(id, actions);
        }
    }

    private static Optional<Action> action(YamlFields a) {
        List<String> keys = a.keys();
        if (keys.size() != 1) {
            a.problem(a.here(), "an action is one key and its value, such as {run_epochs: 5}");
            return Optional.empty();
        }
        String name = keys.get(0);
        int line = a.keyAt(name).line();
        if (!ACTIONS.contains(name)) {
            a.problemAtKey(name, "unknown action '" + name + "'" + DidYouMean.hint(name, ACTIONS)
                    + "; FORMAT.md lists the actions");
            return Optional.empty();
        }
        Function<Integer, Optional<Integer>> count = max -> a.integer(name, 1, max, true);
        return switch (name) {
            case "step_phase" -> count.apply(10_000).map(n -> new Action.StepPhase(n, line));
            case "step_back" -> count.apply(10_000).map(n -> new Action.StepBack(n, line));
            case "finish_step" -> count.apply(10_000).map(n -> new Action.FinishStep(n, line));
            case "run_batches" -> count.apply(1_000_000).map(n -> new Action.RunBatches(n, line));
            case "run_epochs" -> count.apply(10_000).map(n -> new Action.RunEpochs(n, line));
            case "hint" -> count.apply(100).map(n -> new Action.RevealHint(n, line));
            case "answer" -> count.apply(26).map(n -> new Action.Answer(n, line));
            case "set_batch_size" -> count.apply(1 << 16).map(n -> new Action.SetBatchSize(n, line));
            case "reset_training" -> Optional.of(new Action.ResetTraining(line));
            case "gradient_check" -> Optional.of(new Action.CheckGradients(line));
            case "set_learning_rate" -> a.number(name).map(v -> new Action.SetLearningRate(v.floatValue(), line));
            case "set_optimizer" -> a.text(name, true).map(v -> new Action.SetOptimizer(v, line));
            case "set_loss" -> a.text(name, true).map(v -> new Action.SetLoss(v, line));
            case "select" -> a.text(name, true).map(v -> new Action.Select(v, line));
            case "export" -> a.text(name, true).filter(v -> oneOf(a, name, v, Events.EXPORT_FORMATS))
                    .map(v -> new Action.Export(v, line));
            case "open_panel" -> a.text(name, true).filter(v -> oneOf(a, name, v, Controls.PANELS))
                    .map(v -> new Action.OpenPanel(v, line));
            case "emit" -> a.text(name, true).flatMap(v -> emit(a, v, line));
            case "predict" -> numbers(a, name).map(v -> new Action.Predict(v, line));
            case "expect" -> a.text(name, true).flatMap(v -> expect(a, v, line));
            case "step_to" -> fields(a, name, List.of("phase", "node")).flatMap(f -> f.text("phase", true)
                    .filter(p -> oneOf(f, "phase", p, Variables.PHASES.subList(1, Variables.PHASES.size())))
                    .map(p -> new Action.StepTo(p, f.text("node", false).orElse(null), line)));
            case "set_activation" -> fields(a, name, List.of("node", "activation")).flatMap(f ->
                    both(f.text("node", true), f.text("activation", true))
                            .map(p -> new Action.SetActivation(p[0], p[1], line)));
            case "set_units" -> fields(a, name, List.of("node", "units")).flatMap(f -> {
                Optional<String> node = f.text("node", true);
                Optional<Integer> units = f.integer("units", 1, 1 << 16, true);
                return node.isPresent() && units.isPresent()
                        ? Optional.of(new Action.SetUnits(node.get(), units.get(), line)) : Optional.empty();
            });
            case "set_parameter" -> fields(a, name, List.of("node", "param", "index", "value")).flatMap(f -> {
                Optional<String> node = f.text("node", true);
                Optional<String> param = f.text("param", true);
                Optional<Integer> index = f.integer("index", 0, Integer.MAX_VALUE, true);
                Optional<Double> value = f.number("value");
                if (value.isEmpty() && !f.has("value")) {
                    f.problem(f.here(), "missing key 'value'");
                }
                return node.isPresent() && param.isPresent() && index.isPresent() && value.isPresent()
                        ? Optional.of(new Action.SetParameter(node.get(), param.get(), index.get(),
                        value.get().floatValue(), line)) : Optional.empty();
            });
            case "profile" -> Optional.of(new Action.Profile(line));
            case "compare_precision" -> count.apply(10_000).map(n -> new Action.ComparePrecision(n, line));
            case "simulate_parallel" -> count.apply(1 << 16).map(n -> new Action.SimulateParallel(n, line));
            case "calculate_zero" -> fields(a, name, List.of("parameters", "workers")).flatMap(f -> {
                Optional<Double> parameters = f.number("parameters");
                Optional<Integer> workers = f.integer("workers", 1, 1 << 20, true);
                if (parameters.isEmpty() && !f.has("parameters")) {
                    f.problem(f.here(), "missing key 'parameters'");
                }
                return parameters.isPresent() && workers.isPresent() && parameters.get() >= 0
                        ? Optional.of(new Action.CalculateZero(parameters.get().longValue(), workers.get(), line))
                        : Optional.empty();
            });
            case "run_continual" -> fields(a, name, List.of("replay", "epochs")).flatMap(f -> {
                Optional<Double> replay = f.number("replay");
                Optional<Integer> epochs = f.integer("epochs", 1, 1000, true);
                if (replay.isEmpty() && !f.has("replay")) {
                    f.problem(f.here(), "missing key 'replay'");
                }
                return replay.isPresent() && epochs.isPresent()
                        ? Optional.of(new Action.RunContinual(replay.get(), epochs.get(), line)) : Optional.empty();
            });
            case "freeze" -> a.text(name, true).map(v -> new Action.Freeze(v, true, line));
            case "unfreeze" -> a.text(name, true).map(v -> new Action.Freeze(v, false, line));
            case "run_recipe" -> fields(a, name, List.of("classes", "labelled", "pretrain_epochs", "epochs"))
                    .flatMap(f -> {
                        if (!f.has("classes")) {
                            f.problem(f.here(), "missing key 'classes'");
                            return Optional.empty();
                        }
                        Optional<int[]> classes = classes(f);
                        Optional<Integer> labelled = f.integer("labelled", 1, 100_000, true);
                        Optional<Integer> pretrain = f.integer("pretrain_epochs", 1, 1000, true);
                        Optional<Integer> epochs = f.integer("epochs", 1, 1000, true);
                        return classes.isPresent() && labelled.isPresent() && pretrain.isPresent()
                                && epochs.isPresent() ? Optional.of(new Action.RunRecipe(classes.get(),
                                labelled.get(), pretrain.get(), epochs.get(), line)) : Optional.empty();
                    });
            default -> throw new IllegalStateException("The action '" + name + "' is listed but not read");
        };
    }

    private static Optional<YamlFields> fields(YamlFields a, String name, List<String> keys) {
        Optional<YamlFields> f = YamlFields.at(a.tree(), a.pointer(name), a.file(), a.problems(), name + ": ",
                "a mapping of " + String.join(", ", keys));
        f.ifPresent(m -> m.allowOnly(keys));
        return f;
    }

    private static Optional<String[]> both(Optional<String> first, Optional<String> second) {
        return first.isPresent() && second.isPresent() ? Optional.of(new String[] {first.get(), second.get()})
                : Optional.empty();
    }

    private static boolean oneOf(YamlFields f, String key, String value, List<String> known) {
        if (known.contains(value)) {
            return true;
        }
        f.problemAt(key, "unknown " + key + " '" + value + "'" + DidYouMean.hint(value, known) + "; use one of "
                + String.join(", ", known));
        return false;
    }

    private static Optional<float[]> numbers(YamlFields a, String name) {
        JsonNode v = a.get(name);
        if (!v.isArray() || v.isEmpty()) {
            a.problemAt(name, "'" + name + "' takes the input's values as a list, such as [2, 1]");
            return Optional.empty();
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                a.problemAt(name, "'" + name + "' must list numbers, but entry " + (i + 1) + " is "
                        + YamlFields.show(v.get(i)));
                return Optional.empty();
            }
            out[i] = v.get(i).floatValue();
        }
        return Optional.of(out);
    }

    /** The task's classes: at least two different class numbers, such as [3, 8]. */
    private static Optional<int[]> classes(YamlFields f) {
        JsonNode v = f.get("classes");
        boolean ok = v.isArray() && v.size() >= 2;
        int[] out = new int[ok ? v.size() : 0];
        for (int i = 0; ok && i < out.length; i++) {
            ok = v.get(i).isIntegralNumber() && v.get(i).canConvertToInt() && v.get(i).intValue() >= 0;
            out[i] = ok ? v.get(i).intValue() : -1;
            for (int j = 0; ok && j < i; j++) {
                ok = out[j] != out[i];
            }
        }
        if (!ok) {
            f.problemAt("classes", "'classes' takes two or more different class numbers, such as [3, 8]");
            return Optional.empty();
        }
        return Optional.of(out);
    }

    private static Optional<Action> emit(YamlFields a, String text, int line) {
        try {
            Goal goal = Goal.parse("event: " + text);
            var event = (org.stepwise.lessons.goal.Expr.Event) goal.expr();
            return Optional.of(new Action.Emit(event.name(), event.argument(), line));
        } catch (GoalException | ClassCastException e) {
            a.problemAt("emit", "'emit' takes an event such as node_added(dense): " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Action> expect(YamlFields a, String text, int line) {
        try {
            return Optional.of(new Action.Expect(Goal.parse(text), line));
        } catch (GoalException e) {
            YamlTree.Position at = a.valueAt("expect");
            a.problem(new YamlTree.Position(at.line(), at.column() + e.column() - 1), "bad expect: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
