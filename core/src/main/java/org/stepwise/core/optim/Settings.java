// Reads named hyperparameters from a settings map as parsed from JSON, with errors that name the setting.
//
// Every name is checked against the known ones up front, so a typo ("weight_decy") fails loudly instead of
// silently training with the default.
package org.stepwise.core.optim;

import java.util.List;
import java.util.Map;

final class Settings {
    private final String owner;
    private final Map<String, ?> values;

    private Settings(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = values;
    }

    /** @param owner how errors name the thing being set up, e.g. "The optimizer adam"; settings may be null. */
    static Settings check(String owner, Map<String, ?> settings, List<String> known) {
        Map<String, ?> values = settings == null ? Map.of() : settings;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(owner + " has no setting '" + name + "'; "
                        + (known.isEmpty() ? "it takes none" : "its settings are " + String.join(", ", known)));
            }
        }
        return new Settings(owner, values);
    }

    float number(String name, float fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(owner + "'s setting '" + name + "' must be a number, not '" + value
                    + "'");
        }
        return n.floatValue();
    }

    /** A whole number ≥ 1, such as a count of steps; there is no sensible default for these. */
    long count(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(owner + " needs the setting '" + name + "', a whole number ≥ 1");
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
                || n.doubleValue() > Long.MAX_VALUE) {
            throw new IllegalArgumentException(owner + "'s setting '" + name + "' must be a whole number ≥ 1, not '"
                    + value + "'");
        }
        return n.longValue();
    }

    boolean flag(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(owner + "'s setting '" + name + "' must be true or false, not '"
                    + value + "'");
        }
        return b;
    }

    /** A nested settings object, such as the schedule that follows a warm-up, or null when absent. */
    Map<String, ?> nested(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(owner + "'s setting '" + name + "' must be an object of settings, "
                    + "not '" + value + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> settings = (Map<String, ?>) map;
        return settings;
    }
}
