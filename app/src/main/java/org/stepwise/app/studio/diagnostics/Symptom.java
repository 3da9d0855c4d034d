// What a node's badge can say about its health, with the thresholds that raise it and the lesson that explains it.
// The numbers come from core's Diagnostics in a snapshot; nothing here measures a buffer itself.
package org.stepwise.app.studio.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.stepper.Diagnostics;
import org.stepwise.core.stepper.Halt;

public enum Symptom {
    NONFINITE("nan", "mdi2a-alert-octagon", true, Lesson.LEARNING_RATE),
    EXPLODING("exploding", "mdi2t-trending-up", true, Lesson.GRADIENT_FLOW),
    VANISHING("vanishing", "mdi2t-trending-down", false, Lesson.GRADIENT_FLOW),
    DEAD("dead", "mdi2s-skull-outline", false, Lesson.ACTIVATIONS),
    SATURATED("saturated", "mdi2t-thermometer-alert", false, Lesson.ACTIVATIONS);

    /** A ReLU node is flagged when at least this fraction of its units output 0 for the whole batch. */
    public static final double DEAD_FRACTION = 0.5;
    /** A sigmoid or tanh node is flagged when at least this fraction of its outputs sit in the flat tails. */
    public static final double SATURATED_FRACTION = 0.5;
    /** A node's parameter gradient norm below this counts as vanished. */
    public static final double VANISHING_NORM = 1e-6;
    /** A node's parameter gradient norm above this counts as exploding. */
    public static final double EXPLODING_NORM = 100;

    private final String id;
    private final String icon;
    private final boolean danger;
    private final Lesson lesson;

    Symptom(String id, String icon, boolean danger, Lesson lesson) {
        this.id = id;
        this.icon = icon;
        this.danger = danger;
        this.lesson = lesson;
    }

    /** The short name in ids ("#badge-hidden1-dead") and bundle keys. */
    public String id() {
        return id;
    }

    public String icon() {
        return icon;
    }

    /** True for what stops or wrecks training (red); false for what slows it (amber). */
    public boolean danger() {
        return danger;
    }

    public Lesson lesson() {
        return lesson;
    }

    /** One found symptom: the node, what, and the measure that raised it (a fraction or a norm). */
    public record Finding(String node, Symptom symptom, double measure) {
    }

    /**
     * The symptoms of every node in {@code s}, in network order. After a halt only the node where the non-finite
     * value first appeared is marked: the statistics of a half-run step with NaN in it say nothing. Between the
     * phases of a step the buffers are half new, so only a step boundary is judged; null means "not judged now".
     */
    public static List<Finding> find(StepSnapshot s) {
        if (s == null || s.diagnostics() == null) {
            return List.of();
        }
        Diagnostics d = s.diagnostics();
        Halt halt = d.halt();
        if (halt != null) {
            String node = halt.node() != null ? halt.node() : lastNode(s);
            return node == null ? List.of() : List.of(new Finding(node, NONFINITE, Double.NaN));
        }
        if (s.phaseIndex() != 0 || s.step() == 0) {
            return null;
        }
        List<Finding> found = new ArrayList<>();
        for (Diagnostics.NodeHealth h : d.nodes()) {
            StepSnapshot.NodeState state = s.node(h.node());
            boolean hasParams = state != null && !state.params().isEmpty();
            if (hasParams && !Double.isFinite(h.gradientNorm())) {
                found.add(new Finding(h.node(), NONFINITE, h.gradientNorm()));
            } else if (hasParams && h.gradientNorm() > EXPLODING_NORM) {
                found.add(new Finding(h.node(), EXPLODING, h.gradientNorm()));
            } else if (hasParams && h.gradientNorm() < VANISHING_NORM) {
                found.add(new Finding(h.node(), VANISHING, h.gradientNorm()));
            }
            if (h.deadFraction() >= DEAD_FRACTION) {
                found.add(new Finding(h.node(), DEAD, h.deadFraction()));
            }
            if (h.saturatedFraction() >= SATURATED_FRACTION) {
                found.add(new Finding(h.node(), SATURATED, h.saturatedFraction()));
            }
        }
        return found;
    }

    /** The findings grouped by node, keeping their order. */
    public static Map<String, List<Finding>> byNode(List<Finding> findings) {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        for (Finding f : findings) {
            grouped.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(f);
        }
        return grouped;
    }

    private static String lastNode(StepSnapshot s) {
        String last = null;
        for (String name : s.nodes().keySet()) {
            last = name;
        }
        return last;
    }
}
