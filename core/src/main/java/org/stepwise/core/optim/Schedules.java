// Makes a learning-rate schedule from its id and a settings map, as a training settings file names them.
//
// A warm-up's "after" is a nested object with its own "id", e.g. {"id": "cosine", "total_steps": 1000}.
package org.stepwise.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class Schedules {

    /** Every schedule id. */
    public static final List<String> IDS = List.of("constant", "step", "cosine", "warmup");

    private Schedules() {
    }

    /** The setting names a schedule accepts, e.g. for a settings form. */
    public static List<String> settings(String id) {
        return switch (normalise(id)) {
            case "constant" -> List.of();
            case "step" -> List.of("step_size", "gamma");
            case "cosine" -> List.of("total_steps", "min_rate");
            case "warmup" -> List.of("warmup_steps", "after");
            default -> throw unknown(id);
        };
    }

    /**
     * @param settings step_size (required) and gamma (0.1) for step; total_steps (required) and min_rate (0) for
     *                 cosine; warmup_steps (required) and after (constant) for warmup; may be null
     */
    public static Schedule create(String id, Map<String, ?> settings) {
        String key = normalise(id);
        Settings s = Settings.check("The schedule " + key, settings, settings(id));
        return switch (key) {
            case "constant" -> new ConstantSchedule();
            case "step" -> new StepSchedule(s.count("step_size"), s.number("gamma", StepSchedule.DEFAULT_GAMMA));
            case "cosine" -> new CosineSchedule(s.count("total_steps"), s.number("min_rate", 0f));
            case "warmup" -> new WarmupSchedule(s.count("warmup_steps"), nested(s.nested("after")));
            default -> throw unknown(id);
        };
    }

    private static Schedule nested(Map<String, ?> spec) {
        if (spec == null) {
            return new ConstantSchedule();
        }
        if (!(spec.get("id") instanceof String id)) {
            throw new IllegalArgumentException("The schedule after the warm-up needs an \"id\": one of "
                    + String.join(", ", IDS));
        }
        Map<String, Object> settings = new LinkedHashMap<>(spec);
        settings.remove("id");
        return create(id, settings);
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("Unknown schedule '" + id + "'; use " + String.join(", ", IDS));
    }

    private static String normalise(String id) {
        return id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    }
}
