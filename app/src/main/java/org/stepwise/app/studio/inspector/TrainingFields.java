// The training settings as form fields, without any UI: which fields show for the chosen optimizer and schedule,
// the text each shows, and the new settings a typed value makes, or the reason it is refused.
package org.stepwise.app.studio.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.app.editor.Text;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.optim.Schedules;
import org.stepwise.core.project.TrainingSettings;

final class TrainingFields {
    static final List<String> LOSSES = List.of("auto", "mse", "bce_with_logits", "softmax_cross_entropy");
    /** Prefixes of the keys of the optimizer's and the schedule's own settings: "optimizer.beta1". */
    static final String OPTIMIZER = "optimizer.";
    static final String SCHEDULE = "schedule.";

    /** @param group the section it shows in: "optimization", "batches", "regularization", "split" */
    record Field(String key, FieldKind kind, List<String> choices, String group) {
    }

    /** New settings, or why there are none. */
    record Outcome(TrainingSettings settings, Text refusal) {
        static Outcome of(TrainingSettings settings) {
            return new Outcome(settings, null);
        }

        static Outcome refused(String key, Object... args) {
            return new Outcome(null, Text.of(key, args));
        }
    }

    private TrainingFields() {
    }

    static List<Field> of(TrainingSettings s) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("loss", FieldKind.CHOICE, LOSSES, "optimization"));
        fields.add(new Field("optimizer", FieldKind.CHOICE, Optimizers.IDS, "optimization"));
        if (Optimizers.IDS.contains(s.optimizer())) {
            for (String name : Optimizers.settings(s.optimizer())) {
                fields.add(new Field(OPTIMIZER + name, name.equals("nesterov") ? FieldKind.FLAG : FieldKind.NUMBER,
                        List.of(), "optimization"));
            }
        }
        fields.add(new Field("learningRate", FieldKind.NUMBER, List.of(), "optimization"));
        fields.add(new Field("schedule", FieldKind.CHOICE, Schedules.IDS, "optimization"));
        if (Schedules.IDS.contains(s.schedule())) {
            for (String name : Schedules.settings(s.schedule())) {
                if (!name.equals("after")) { // warm-up then constant; other "after" schedules only from files
                    fields.add(new Field(SCHEDULE + name, isCount(name) ? FieldKind.COUNT : FieldKind.NUMBER,
                            List.of(), "optimization"));
                }
            }
        }
        fields.add(new Field("batchSize", FieldKind.COUNT, List.of(), "batches"));
        fields.add(new Field("epochs", FieldKind.COUNT, List.of(), "batches"));
        fields.add(new Field("l1", FieldKind.NUMBER, List.of(), "regularization"));
        fields.add(new Field("l2", FieldKind.NUMBER, List.of(), "regularization"));
        fields.add(new Field("clipNorm", FieldKind.NUMBER, List.of(), "regularization"));
        fields.add(new Field("validationFraction", FieldKind.NUMBER, List.of(), "split"));
        fields.add(new Field("testFraction", FieldKind.NUMBER, List.of(), "split"));
        fields.add(new Field("normalization", FieldKind.CHOICE, TrainingSettings.NORMALIZATIONS, "split"));
        fields.add(new Field("seed", FieldKind.SEED, List.of(), "split"));
        fields.add(new Field("splitSeed", FieldKind.SEED, List.of(), "split"));
        return fields;
    }

    private static boolean isCount(String scheduleSetting) {
        return scheduleSetting.endsWith("_steps") || scheduleSetting.equals("step_size");
    }

    /** What the field shows; an optimizer setting left at its default shows empty (its prompt names the default). */
    static String value(TrainingSettings s, String key) {
        if (key.startsWith(OPTIMIZER)) {
            Object v = s.optimizerSettings().get(key.substring(OPTIMIZER.length()));
            return v instanceof Number n ? Numbers.format(n.doubleValue()) : v == null ? "" : v.toString();
        }
        if (key.startsWith(SCHEDULE)) {
            Object v = s.scheduleSettings().get(key.substring(SCHEDULE.length()));
            return v instanceof Number n ? (isCount(key.substring(SCHEDULE.length()))
                    ? Long.toString(n.longValue()) : Numbers.format(n.doubleValue())) : v == null ? "" : v.toString();
        }
        return switch (key) {
            case "loss" -> s.loss();
            case "optimizer" -> s.optimizer();
            case "learningRate" -> Numbers.format(s.learningRate());
            case "schedule" -> s.schedule();
            case "batchSize" -> Integer.toString(s.batchSize());
            case "epochs" -> Integer.toString(s.epochs());
            case "l1" -> Numbers.format(s.l1());
            case "l2" -> Numbers.format(s.l2());
            case "clipNorm" -> Numbers.format(s.clipNorm());
            case "validationFraction" -> Numbers.format(s.validationFraction());
            case "testFraction" -> Numbers.format(s.testFraction());
            case "normalization" -> s.normalization();
            case "seed" -> Long.toString(s.seed());
            case "splitSeed" -> Long.toString(s.splitSeed());
            default -> "";
        };
    }

    /**
     * The default an optimizer setting takes when left empty, as the optimizers define it (PyTorch's), for the
     * field's prompt; null for other fields.
     */
    static String defaultValue(TrainingSettings s, String key) {
        if (!key.startsWith(OPTIMIZER)) {
            return null;
        }
        return switch (key.substring(OPTIMIZER.length())) {
            case "momentum", "beta1" -> "0.9";
            case "beta2" -> "0.999";
            case "alpha" -> "0.99";
            case "eps" -> "1e-8";
            case "weight_decay" -> s.optimizer().equals("adamw") ? "0.01" : "0";
            default -> null;
        };
    }

    /** The settings with {@code key} set from {@code text}; every result passes TrainingSettings.problems(). */
    static Outcome apply(TrainingSettings s, String key, String text) {
        String t = text == null ? "" : text.strip();
        Outcome outcome;
        if (key.startsWith(OPTIMIZER)) {
            outcome = optimizerSetting(s, key.substring(OPTIMIZER.length()), t);
        } else if (key.startsWith(SCHEDULE)) {
            outcome = scheduleSetting(s, key.substring(SCHEDULE.length()), t);
        } else {
            outcome = switch (key) {
                case "loss" -> LOSSES.contains(t) ? Outcome.of(s.withLoss(t)) : Outcome.refused("refuse.choice");
                case "optimizer" -> Optimizers.IDS.contains(t) ? Outcome.of(s.withOptimizer(t,
                        keep(s.optimizerSettings(), Optimizers.settings(t)))) : Outcome.refused("refuse.choice");
                case "schedule" -> Schedules.IDS.contains(t) ? Outcome.of(withSchedule(s, t, startingSettings(t)))
                        : Outcome.refused("refuse.choice");
                case "normalization" -> TrainingSettings.NORMALIZATIONS.contains(t)
                        ? Outcome.of(s.withNormalization(t)) : Outcome.refused("refuse.choice");
                case "learningRate" -> positive(t, v -> s.withLearningRate(v));
                case "batchSize" -> atLeastOne(t, s::withBatchSize);
                case "epochs" -> atLeastOne(t, s::withEpochs);
                case "l1" -> nonNegative(t, v -> s.withRegularization(v, s.l2(), s.clipNorm()));
                case "l2" -> nonNegative(t, v -> s.withRegularization(s.l1(), v, s.clipNorm()));
                case "clipNorm" -> nonNegative(t, v -> s.withRegularization(s.l1(), s.l2(), v));
                case "validationFraction" -> fraction(t, v -> s.withSplit(v, s.testFraction()));
                case "testFraction" -> fraction(t, v -> s.withSplit(s.validationFraction(), v));
                case "seed" -> seed(t, v -> s.withSeeds(v, s.splitSeed()));
                case "splitSeed" -> seed(t, v -> s.withSeeds(s.seed(), v));
                default -> Outcome.refused("refuse.spec", key);
            };
        }
        if (outcome.settings() == null) {
            return outcome;
        }
        // The last word is the core's: its problems are in English, but nothing invalid gets through.
        List<String> problems = outcome.settings().problems();
        if (!problems.isEmpty()) {
            return Outcome.refused("refuse.spec", problems.get(0));
        }
        try {
            Schedules.create(outcome.settings().schedule(), outcome.settings().scheduleSettings());
        } catch (IllegalArgumentException e) {
            return Outcome.refused("refuse.spec", e.getMessage());
        }
        return outcome;
    }

    private static Outcome optimizerSetting(TrainingSettings s, String name, String t) {
        Map<String, Object> settings = new LinkedHashMap<>(s.optimizerSettings());
        if (name.equals("nesterov")) {
            settings.put(name, Boolean.parseBoolean(t));
            return Outcome.of(s.withOptimizer(s.optimizer(), settings));
        }
        if (t.isEmpty()) {
            settings.remove(name); // back to the default
            return Outcome.of(s.withOptimizer(s.optimizer(), settings));
        }
        Float v = Numbers.parse(t);
        if (v == null) {
            return Outcome.refused("refuse.number");
        }
        boolean ok = switch (name) {
            case "eps" -> v > 0;
            case "weight_decay" -> v >= 0;
            default -> v >= 0 && v < 1; // momentum, alpha, beta1, beta2
        };
        if (!ok) {
            return Outcome.refused("refuse.optimizer." + name);
        }
        settings.put(name, v.doubleValue());
        return Outcome.of(s.withOptimizer(s.optimizer(), settings));
    }

    private static Outcome scheduleSetting(TrainingSettings s, String name, String t) {
        Map<String, Object> settings = new LinkedHashMap<>(s.scheduleSettings());
        if (isCount(name)) {
            Integer v = NodeFields.count(t, 1);
            if (v == null) {
                return Outcome.refused("refuse.count", 1);
            }
            settings.put(name, v);
        } else {
            Float v = Numbers.parse(t);
            if (v == null) {
                return Outcome.refused("refuse.number");
            }
            if (name.equals("gamma") ? !(v > 0) : !(v >= 0)) {
                return Outcome.refused(name.equals("gamma") ? "refuse.positive" : "refuse.nonNegative");
            }
            settings.put(name, v.doubleValue());
        }
        return Outcome.of(withSchedule(s, s.schedule(), settings));
    }

    /** Settings a newly chosen schedule starts from, so it can run before the user adjusts them. */
    private static Map<String, Object> startingSettings(String schedule) {
        return switch (schedule) {
            case "step" -> Map.of("step_size", 100, "gamma", 0.5);
            case "cosine" -> Map.of("total_steps", 1000, "min_rate", 0.0);
            case "warmup" -> Map.of("warmup_steps", 100);
            default -> Map.of();
        };
    }

    private static TrainingSettings withSchedule(TrainingSettings s, String id, Map<String, Object> settings) {
        return new TrainingSettings(s.loss(), s.optimizer(), s.optimizerSettings(), s.learningRate(), id, settings,
                s.batchSize(), s.l1(), s.l2(), s.clipNorm(), s.seed(), s.splitSeed(), s.validationFraction(),
                s.testFraction(), s.normalization(), s.epochs());
    }

    /** The settings another optimizer also accepts, kept when the optimizer changes (weight decay, eps, …). */
    private static Map<String, Object> keep(Map<String, Object> settings, List<String> accepted) {
        Map<String, Object> kept = new LinkedHashMap<>(settings);
        kept.keySet().retainAll(accepted);
        return kept;
    }

    private interface FloatChange {
        TrainingSettings apply(float value);
    }

    private interface IntChange {
        TrainingSettings apply(int value);
    }

    private interface LongChange {
        TrainingSettings apply(long value);
    }

    private interface DoubleChange {
        TrainingSettings apply(double value);
    }

    private static Outcome positive(String t, FloatChange change) {
        Float v = Numbers.parse(t);
        return v == null ? Outcome.refused("refuse.number")
                : v > 0 ? Outcome.of(change.apply(v)) : Outcome.refused("refuse.positive");
    }

    private static Outcome nonNegative(String t, FloatChange change) {
        Float v = Numbers.parse(t);
        return v == null ? Outcome.refused("refuse.number")
                : v >= 0 ? Outcome.of(change.apply(v)) : Outcome.refused("refuse.nonNegative");
    }

    private static Outcome atLeastOne(String t, IntChange change) {
        Integer v = NodeFields.count(t, 1);
        return v == null ? Outcome.refused("refuse.count", 1) : Outcome.of(change.apply(v));
    }

    private static Outcome fraction(String t, DoubleChange change) {
        Float v = Numbers.parse(t);
        if (v == null) {
            return Outcome.refused("refuse.number");
        }
        if (!(v >= 0 && v < 1)) {
            return Outcome.refused("refuse.fraction");
        }
        // The float's shortest decimal, so 0.2 is stored as 0.2 and not 0.200000003.
        TrainingSettings next = change.apply(Double.parseDouble(Float.toString(v)));
        return next.validationFraction() + next.testFraction() < 1 ? Outcome.of(next)
                : Outcome.refused("refuse.split");
    }

    private static Outcome seed(String t, LongChange change) {
        try {
            return Outcome.of(change.apply(Long.parseLong(t)));
        } catch (NumberFormatException e) {
            return Outcome.refused("refuse.seed");
        }
    }
}
