// The single-input trace: one clicked point of the plane run through the network layer by layer, with every unit's
// z (before the activation) and a (after it), ending in the output read as classes or a value.
//
// A read-only what-if from the latest snapshot's weights: it changes nothing in training.
package org.stepwise.app.studio.playground;

import java.util.Locale;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.playground.PlaneNetwork.Layer;
import org.stepwise.app.studio.playground.PlaneNetwork.Trace;
import org.stepwise.core.layers.Activation;

final class TraceView extends VBox {
    private final I18n i18n;
    private final Label title = new Label();
    private final Label hint = new Label();
    private final VBox body = new VBox(6);
    private Trace shown;

    TraceView(I18n i18n) {
        super(8);
        this.i18n = i18n;
        setId("playground-trace");
        getStyleClass().add("playground-trace");
        title.setText(i18n.text("playground.trace.title"));
        title.getStyleClass().add("playground-section-title");
        hint.setText(i18n.text("playground.trace.hint"));
        hint.getStyleClass().add("playground-hint");
        hint.setWrapText(true);
        getChildren().addAll(title, hint, body);
    }

    Trace trace() {
        return shown;
    }

    /** Shows the trace, or the hint for none; {@code painter} colours each a as its unit map does. */
    void show(Trace trace, PlaneData data, MapPainter painter) {
        shown = trace;
        hint.setVisible(trace == null);
        hint.setManaged(trace == null);
        body.getChildren().clear();
        if (trace == null) {
            return;
        }
        java.util.List<String> names = data.featureNames();
        Label input = new Label(i18n.text("playground.trace.point", names.get(0), names.get(1),
                format(trace.raw()[0]), format(trace.raw()[1])));
        input.setId("trace-input");
        input.getStyleClass().add("playground-trace-point");
        input.setWrapText(true);
        body.getChildren().add(input);
        if (data.normalization() != null) {
            Label seen = new Label(i18n.text("playground.trace.normalized", format(trace.input()[0]),
                    format(trace.input()[1])));
            seen.getStyleClass().add("playground-hint");
            seen.setWrapText(true);
            body.getChildren().add(seen);
        }
        for (Layer layer : trace.layers()) {
            body.getChildren().add(layerGrid(layer, painter));
        }
        body.getChildren().add(verdict(trace, data));
    }

    private VBox layerGrid(Layer layer, MapPainter painter) {
        Label name = new Label(layer.node() + "  ·  " + layer.type()
                + (layer.activation() == Activation.IDENTITY ? "" : " · " + layer.activation().id()));
        name.getStyleClass().add("playground-trace-layer");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("playground-trace-grid");
        grid.setHgap(14);
        grid.setVgap(1);
        ColumnConstraints right = new ColumnConstraints();
        right.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), right, right, new ColumnConstraints());
        boolean hasZ = layer.z() != null;
        grid.addRow(0, head(""), head(hasZ ? "z" : ""), head("a"), head(""));
        for (int j = 0; j < layer.a().length; j++) {
            Label unit = cell(Integer.toString(j + 1), null);
            unit.getStyleClass().add("playground-trace-unit");
            Label z = cell(hasZ ? format(layer.z()[j]) : "", hasZ ? "trace-" + layer.node() + "-" + j + "-z" : null);
            Label a = cell(format(layer.a()[j]), "trace-" + layer.node() + "-" + j + "-a");
            Rectangle swatch = new Rectangle(14, 14);
            int argb = painter.diverging(MapPainter.shade(layer.activation(), layer.a()[j]));
            swatch.setFill(javafx.scene.paint.Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            swatch.getStyleClass().add("playground-trace-swatch");
            grid.addRow(j + 1, unit, z, a, swatch);
        }
        VBox box = new VBox(2, name, grid);
        box.getStyleClass().add("playground-trace-block");
        return box;
    }

    private Label verdict(Trace trace, PlaneData data) {
        String text;
        if (trace.probabilities() == null) {
            text = i18n.text("playground.trace.value", format(trace.layers().get(trace.layers().size() - 1).a()[0]));
        } else {
            float[] p = trace.probabilities();
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < p.length; c++) {
                b.append(i18n.text("playground.trace.probability", className(i18n, data, c),
                        String.format(Locale.ROOT, "%.1f%%", 100 * p[c]))).append('\n');
            }
            b.append(i18n.text("playground.trace.predicted", className(i18n, data, trace.predicted())));
            text = b.toString();
        }
        Label l = new Label(text);
        l.setId("trace-verdict");
        l.getStyleClass().add("playground-trace-verdict");
        l.setWrapText(true);
        return l;
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("playground-trace-head");
        return l;
    }

    private static Label cell(String text, String id) {
        Label l = new Label(text);
        l.getStyleClass().add("playground-trace-value");
        if (id != null) {
            l.setId(id);
        }
        return l;
    }

    /** The class's name, or "Class 1" when the data names its classes by number only. */
    static String className(I18n i18n, PlaneData data, int c) {
        String name = data.className(c);
        return name.matches("\\d+") ? i18n.text("playground.class", name) : name;
    }

    /** Three decimals and a true minus sign: "−0.412". */
    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replace('-', '−');
    }
}
