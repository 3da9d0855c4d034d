// Makes an optimizer from its id and a settings map, as a model or training settings file names them.
//
// The learning rate is not a setting here: it comes from the schedule on every update.
package org.stepwise.core.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

public final class Optimizers {

    /** Every optimizer id, simplest first. */
    public static final List<String> IDS = List.of("sgd", "momentum", "rmsprop", "adam", "adamw");

    private Optimizers() {
    }

    /** The setting names an optimizer accepts, e.g. for a settings form; every one has PyTorch's default. */
    public static List<String> settings(String id) {
        return switch (normalise(id)) {
            case "sgd" -> List.of("weight_decay");
            case "momentum" -> List.of("momentum", "nesterov", "weight_decay");
            case "rmsprop" -> List.of("alpha", "eps", "weight_decay");
            case "adam", "adamw" -> List.of("beta1", "beta2", "eps", "weight_decay");
            default -> throw unknown(id);
        };
    }

    /**
     * @param params   the network's full parameter list, which sizes the optimizer's state
     * @param settings numbers by setting name, and "nesterov" true or false; missing ones take their defaults, and
     *                 the map may be null
     */
    public static Optimizer create(String id, List<Param> params, Kernels kernels, Map<String, ?> settings) {
        String key = normalise(id);
        Settings s = Settings.check("The optimizer " + key, settings, settings(id));
        return switch (key) {
            case "sgd" -> new Sgd(params, kernels, s.number("weight_decay", 0f));
            case "momentum" -> new Momentum(params, kernels, s.number("momentum", Momentum.DEFAULT_MOMENTUM),
                    s.number("weight_decay", 0f), s.flag("nesterov", false));
            case "rmsprop" -> new RmsProp(params, kernels, s.number("alpha", RmsProp.DEFAULT_ALPHA),
                    s.number("eps", RmsProp.DEFAULT_EPSILON), s.number("weight_decay", 0f));
            case "adam" -> new Adam(params, kernels, s.number("beta1", Adam.DEFAULT_BETA1),
                    s.number("beta2", Adam.DEFAULT_BETA2), s.number("eps", Adam.DEFAULT_EPSILON),
                    s.number("weight_decay", 0f));
            case "adamw" -> new AdamW(params, kernels, s.number("beta1", Adam.DEFAULT_BETA1),
                    s.number("beta2", Adam.DEFAULT_BETA2), s.number("eps", Adam.DEFAULT_EPSILON),
                    s.number("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY));
            default -> throw unknown(id);
        };
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("Unknown optimizer '" + id + "'; use " + String.join(", ", IDS));
    }

    private static String normalise(String id) {
        return id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    }
}
