// One input run forward through a copy of the network, node by node: each node's output for it, revealed one node
// at a time (Next node) or all at once, each with its shape, range and a small heatmap, as the playground's trace
// does for a 2-D point.
package org.stepwise.app.studio.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class ForwardTrace extends VBox {
    /** One node's output for the traced input. */
    public record Step(String name, String type, Shape shape, float[] output) {
    }

    private static final double MAX_MAP_WIDTH = 340;

    private final I18n i18n;
    private final VBox rows = new VBox(6);
    private final Button next = new Button();
    private final Button all = new Button();
    private List<Step> steps = List.of();
    private int shown;

    public ForwardTrace(I18n i18n) {
        this.i18n = i18n;
        getStyleClass().add("forward-trace");
        setSpacing(8);
        next.setText(i18n.text("inference.nextNode"));
        next.setId("trace-next");
        next.setOnAction(e -> reveal(shown + 1));
        all.setText(i18n.text("inference.allNodes"));
        all.setId("trace-all");
        all.setOnAction(e -> reveal(steps.size()));
        HBox buttons = new HBox(8, next, all);
        buttons.setAlignment(Pos.CENTER_LEFT);
        rows.setId("trace-rows");
        getChildren().addAll(buttons, rows);
        reveal(0);
    }

    /** Runs {@code x} (one sample, normalized as the network expects) through {@code net} node by node. */
    public static List<Step> run(Network net, float[] x) {
        net.load(x, 1);
        List<Step> out = new ArrayList<>();
        List<Node> nodes = net.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                net.forwardNode(i, false);
            }
            Node n = nodes.get(i);
            out.add(new Step(n.name(), n.type(), n.shape(), Arrays.copyOf(n.output(), n.size())));
        }
        return out;
    }

    /** Starts a trace with the input node shown. */
    public void start(List<Step> traced) {
        steps = List.copyOf(traced);
        reveal(1);
    }

    public List<Step> steps() {
        return steps;
    }

    public int shown() {
        return shown;
    }

    private void reveal(int count) {
        shown = Math.min(count, steps.size());
        rows.getChildren().clear();
        for (int i = 0; i < shown; i++) {
            rows.getChildren().add(row(steps.get(i)));
        }
        next.setDisable(shown >= steps.size());
        all.setDisable(shown >= steps.size());
    }

    private VBox row(Step s) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s.output()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        Label title = new Label(i18n.text("inference.traceNode", s.name(), s.type(), s.shape().toString()));
        title.getStyleClass().add("trace-title");
        Label range = new Label(i18n.text("inference.traceRange", format(min), format(max)));
        range.getStyleClass().add("trace-range");
        VBox box = new VBox(3, title, range, map(s));
        box.getStyleClass().add("trace-row");
        box.setId("trace-" + s.name());
        return box;
    }

    /** A small heatmap: one tile per channel of a (channels, height, width) output, else rows of units. */
    private static Canvas map(Step s) {
        float[] v = s.output();
        double scale = 0;
        for (float x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        Shape shape = s.shape();
        int tiles = shape.rank() == 3 ? Math.min(shape.dim(0), 8) : 1;
        int h = shape.rank() == 3 ? shape.dim(1) : (int) Math.ceil(v.length / (double) Math.min(v.length, 56));
        int w = shape.rank() == 3 ? shape.dim(2) : Math.min(v.length, 56);
        double cell = Math.max(1.5, Math.min(14, (MAX_MAP_WIDTH - 4 * tiles) / (tiles * (double) w)));
        Canvas canvas = new Canvas(tiles * (w * cell + 4), h * cell);
        GraphicsContext g = canvas.getGraphicsContext2D();
        for (int t = 0; t < tiles; t++) {
            double left = t * (w * cell + 4);
            for (int i = 0; i < h * w; i++) {
                int at = t * h * w + i;
                if (at >= v.length) {
                    break;
                }
                g.setFill(diverging(scale == 0 ? 0 : v[at] / scale));
                g.fillRect(left + (i % w) * cell, (i / w) * cell, cell, cell);
            }
        }
        return canvas;
    }

    /** −1 blue, 0 near white, +1 orange: the sign and size of a value, the same in light and dark themes. */
    private static Color diverging(double t) {
        Color zero = Color.web("#f2f2f2");
        return t < 0 ? zero.interpolate(Color.web("#1b4f8c"), -t) : zero.interpolate(Color.web("#c2570c"), t);
    }

    private static String format(float v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
