// What differs between two runs, for the A/B legend: the learning rate, the optimizer, the batch size and other
// settings that change the numbers, and the width of any layer both graphs share.
package org.stepwise.app.studio.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.TrainingSettings;

public final class RunDifference {

    /**
     * One difference: a bundle key whose text takes the value, e.g. charts.diff.lr "lr {0}"; {@code node} names
     * the layer for widths (its key takes the name and the value), else null.
     */
    public record Item(String key, String node, String a, String b) {
    }

    private RunDifference() {
    }

    /** Every difference, settings first, then layer widths in graph order; empty when the runs match. */
    public static List<Item> between(TrainingSettings a, GraphDef graphA, TrainingSettings b, GraphDef graphB) {
        List<Item> items = new ArrayList<>();
        add(items, "charts.diff.lr", number(a.learningRate()), number(b.learningRate()));
        add(items, "charts.diff.optimizer", a.optimizer(), b.optimizer());
        add(items, "charts.diff.batch", Integer.toString(a.batchSize()), Integer.toString(b.batchSize()));
        add(items, "charts.diff.schedule", a.schedule(), b.schedule());
        add(items, "charts.diff.l2", number(a.l2()), number(b.l2()));
        add(items, "charts.diff.l1", number(a.l1()), number(b.l1()));
        add(items, "charts.diff.seed", Long.toString(a.seed()), Long.toString(b.seed()));
        boolean sameLayers = graphA.nodes().size() == graphB.nodes().size();
        for (NodeDef n : graphA.nodes()) {
            NodeDef other = graphB.node(n.name());
            sameLayers &= other != null;
            String widthA = width(n);
            String widthB = other == null ? null : width(other);
            if (widthA != null && widthB != null && !widthA.equals(widthB)) {
                items.add(new Item("charts.diff.width", n.name(), widthA, widthB));
            }
        }
        if (!sameLayers) {
            items.add(new Item("charts.diff.layers", null, Integer.toString(graphA.nodes().size()),
                    Integer.toString(graphB.nodes().size())));
        }
        return items;
    }

    /** 0.03 rather than 0.029999999 or 3.0E-2, and 0.09 for 0.03 × 3 (six significant digits are plenty). */
    public static String number(float value) {
        return Float.isFinite(value) ? new BigDecimal(Float.toString(value)).round(new MathContext(6))
                .stripTrailingZeros().toPlainString() : Float.toString(value);
    }

    private static void add(List<Item> items, String key, String a, String b) {
        if (!Objects.equals(a, b)) {
            items.add(new Item(key, null, a, b));
        }
    }

    private static String width(NodeDef n) {
        if (n.spec() instanceof Dense.Spec d) {
            return Integer.toString(d.units());
        }
        if (n.spec() instanceof Conv2D.Spec c) {
            return Integer.toString(c.outChannels());
        }
        return null;
    }
}
