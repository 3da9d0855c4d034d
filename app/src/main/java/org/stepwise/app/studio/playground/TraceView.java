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
    private final Label point = new Label();
    private final Label normalized = new Label();
    private final Label verdict = new Label();
    private Trace shown;
    /** The layout the rows were built for; a trace of another network builds them again. */
    private String builtFor = "";
    private Label[][] zCells;
    private Label[][] aCells;
    private Rectangle[][] swatches;

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
        point.setId("trace-input");
        point.getStyleClass().add("playground-trace-point");
        point.setWrapText(true);
        normalized.getStyleClass().add("playground-hint");
        normalized.setWrapText(true);
        verdict.setId("trace-verdict");
        verdict.getStyleClass().add("playground-trace-verdict");
        verdict.setWrapText(true);
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
        body.setVisible(trace != null);
        body.setManaged(trace != null);
        if (trace == null) {
            return;
        }
        String layout = layoutOf(trace, data);
        if (!layout.equals(builtFor)) {
            build(trace, data);
            builtFor = layout;
        }
        // Training changes the numbers every frame; the rows stay and only their texts change.
        java.util.List<String> names = data.featureNames();
        point.setText(i18n.text("playground.trace.point", names.get(0), names.get(1), format(trace.raw()[0]),
                format(trace.raw()[1])));
        normalized.setText(i18n.text("playground.trace.normalized", format(trace.input()[0]),
                format(trace.input()[1])));
        for (int l = 0; l < trace.layers().size(); l++) {
            Layer layer = trace.layers().get(l);
            for (int j = 0; j < layer.a().length; j++) {
                if (layer.z() != null) {
                    zCells[l][j].setText(format(layer.z()[j]));
                }
                aCells[l][j].setText(format(layer.a()[j]));
                int argb = painter.diverging(MapPainter.shade(layer.activation(), layer.a()[j]));
                swatches[l][j].setFill(javafx.scene.paint.Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF,
                        argb & 0xFF));
            }
        }
        verdict.setText(verdictText(trace, data));
    }

    /** What decides the rows: the layers, their sizes, and whether the point is shown normalized. */
    private static String layoutOf(Trace trace, PlaneData data) {
        StringBuilder b = new StringBuilder(data.normalization() == null ? "raw" : "normalized");
        for (Layer l : trace.layers()) {
            b.append('|').append(l.node()).append(':').append(l.a().length).append(l.z() != null)
                    .append(l.activation());
        }
        return b.toString();
    }

    private void build(Trace trace, PlaneData data) {
        body.getChildren().clear();
        body.getChildren().add(point);
        if (data.normalization() != null) {
            body.getChildren().add(normalized);
        }
        int n = trace.layers().size();
        zCells = new Label[n][];
        aCells = new Label[n][];
        swatches = new Rectangle[n][];
        for (int l = 0; l < n; l++) {
            body.getChildren().add(layerGrid(l, trace.layers().get(l)));
        }
        body.getChildren().add(verdict);
    }

    private VBox layerGrid(int index, Layer layer) {
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
        int units = layer.a().length;
        zCells[index] = new Label[units];
        aCells[index] = new Label[units];
        swatches[index] = new Rectangle[units];
        for (int j = 0; j < units; j++) {
            Label unit = cell(Integer.toString(j + 1), null);
            unit.getStyleClass().add("playground-trace-unit");
            Label z = cell("", hasZ ? "trace-" + layer.node() + "-" + j + "-z" : null);
            Label a = cell("", "trace-" + layer.node() + "-" + j + "-a");
            Rectangle swatch = new Rectangle(14, 14);
            swatch.getStyleClass().add("playground-trace-swatch");
            zCells[index][j] = z;
            aCells[index][j] = a;
            swatches[index][j] = swatch;
            grid.addRow(j + 1, unit, z, a, swatch);
        }
        VBox box = new VBox(2, name, grid);
        box.getStyleClass().add("playground-trace-block");
        return box;
    }

    private String verdictText(Trace trace, PlaneData data) {
        if (trace.probabilities() == null) {
            return i18n.text("playground.trace.value", format(trace.layers().get(trace.layers().size() - 1).a()[0]));
        }
        float[] p = trace.probabilities();
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < p.length; c++) {
            b.append(i18n.text("playground.trace.probability", className(i18n, data, c),
                    String.format(Locale.ROOT, "%.1f%%", 100 * p[c]))).append('\n');
        }
        return b.append(i18n.text("playground.trace.predicted", className(i18n, data, trace.predicted())))
                .toString();
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
