// The single-input trace: one clicked point of the plane run through the network layer by layer, with every unit's
// z (before the activation) and a (after it), ending in the output read as classes or a value.
//
// It steps: a new point shows only the input, and Next reveals one layer at a time, with the sum of one of its units
// written out in the real numbers (click a row to pick the unit). "All layers" shows everything at once.
// A read-only what-if from the latest snapshot's weights: it changes nothing in training.
package org.stepwise.app.studio.playground;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.playground.PlaneNetwork.Layer;
import org.stepwise.app.studio.playground.PlaneNetwork.Trace;
import org.stepwise.core.layers.Activation;

final class TraceView extends VBox {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass PICKED = PseudoClass.getPseudoClass("picked");
    /** Terms of a sum written out in full; longer sums show their first and last ones. */
    private static final int TERMS_SHOWN = 8;

    private final I18n i18n;
    private final Button back = new Button();
    private final Button next = new Button();
    private final ToggleButton all = new ToggleButton();
    private final Label position = new Label();
    private final Label sum = new Label();
    private final Label activation = new Label();
    private final Label pickHint = new Label();
    private final VBox explanation = new VBox(2, sum, activation, pickHint);
    private Consumer<String> onStep = node -> { };
    /** 0 shows the input only; s shows the first s layers; the last step also the verdict. */
    private int step;
    /** The unit of the current layer whose sum is written out. */
    private int unit;
    /** The node, step and unit the listener last heard of. */
    private String announced;
    private VBox[] blocks = new VBox[0];
    private GridPane[] grids = new GridPane[0];
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

        back.setId("trace-back");
        back.setText(i18n.text("playground.trace.back"));
        back.setOnAction(e -> goTo(step - 1));
        next.setId("trace-next");
        next.setText(i18n.text("playground.trace.next"));
        next.setDefaultButton(false);
        next.setOnAction(e -> goTo(step + 1));
        all.setId("trace-all");
        all.setText(i18n.text("playground.trace.all"));
        all.selectedProperty().addListener((o, was, is) -> goTo(is ? layers() : step));
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(6, 6, back, next, all);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.control.ButtonBase b : new javafx.scene.control.ButtonBase[] {back, next, all}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // whole words; the row wraps instead
        }
        position.setId("trace-position");
        position.getStyleClass().add("playground-trace-position");
        position.setWrapText(true);
        sum.setId("trace-sum");
        activation.setId("trace-activation");
        for (Label l : new Label[] {sum, activation}) {
            l.getStyleClass().add("playground-trace-sum");
            l.setWrapText(true);
        }
        pickHint.setText(i18n.text("playground.trace.pickHint"));
        pickHint.getStyleClass().add("playground-hint");
        pickHint.setWrapText(true);
        explanation.getStyleClass().add("playground-trace-explanation");
        body.getChildren().addAll(controls, position);
        getChildren().addAll(title, hint, body);
    }

    Trace trace() {
        return shown;
    }

    /** Told the node of the step shown (the input node at step 0), or null when nothing is traced. */
    void setOnStep(Consumer<String> onStep) {
        this.onStep = onStep;
    }

    /** The box that writes out the picked unit's sum, under the newest layer shown. */
    javafx.scene.Node explanation() {
        return explanation;
    }

    /** The step shown: 0 for the input alone, k when the first k layers are. */
    int step() {
        return step;
    }

    /** The unit of the newest layer shown whose sum is written out. */
    int unit() {
        return unit;
    }

    private int layers() {
        return shown == null ? 0 : shown.layers().size();
    }

    /** A new point starts again from its input, unless every layer is asked for. */
    void restart() {
        step = 0;
        unit = 0;
    }

    /** Shows step {@code s} of the current trace (clamped), with the sum of the picked unit. */
    void goTo(int s) {
        step = Math.max(0, Math.min(layers(), all.isSelected() ? layers() : s));
        if (shown == null) {
            return;
        }
        int current = step - 1;
        if (current >= 0 && unit >= shown.layers().get(current).a().length) {
            unit = 0;
        }
        for (int l = 0; l < blocks.length; l++) {
            boolean visible = l < step;
            blocks[l].setVisible(visible);
            blocks[l].setManaged(visible);
            blocks[l].pseudoClassStateChanged(CURRENT, l == current && !all.isSelected());
            for (javafx.scene.Node cell : grids[l].getChildren()) {
                Integer row = GridPane.getRowIndex(cell);
                cell.pseudoClassStateChanged(PICKED, l == current && row != null && row == unit + 1);
            }
        }
        explanation.setVisible(current >= 0);
        explanation.setManaged(current >= 0);
        if (current >= 0) {
            if (explanation.getParent() != blocks[current]) {
                blocks[current].getChildren().add(explanation);
            }
            explain(shown.layers().get(current), current);
        }
        verdict.setVisible(step == layers());
        verdict.setManaged(step == layers());
        back.setDisable(all.isSelected() || step == 0);
        next.setDisable(all.isSelected() || step == layers());
        position.setText(i18n.text("playground.trace.step", step + 1, layers() + 1, current < 0
                ? i18n.text("playground.trace.step.input") : layerName(shown.layers().get(current))));
        // Training redraws the trace every frame; the listener hears only of a new step or unit.
        String node = current < 0 ? inputNode() : shown.layers().get(current).node();
        String now = node + " " + step + " " + unit;
        if (!now.equals(announced)) {
            announced = now;
            onStep.accept(node);
        }
    }

    private String inputNode() {
        String first = shown.layers().get(0).source();
        return first == null ? "input" : first;
    }

    /** Writes out how the picked unit of {@code layer} got its z and a, with this input's numbers. */
    private void explain(Layer layer, int index) {
        int j = unit;
        String sub = subscript(j + 1);
        float[] from = index == 0 ? shown.input() : sourceValues(layer.source());
        if (layer.weight() != null && from != null && layer.z() != null) {
            int n = from.length;
            StringBuilder terms = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (n > TERMS_SHOWN && i == TERMS_SHOWN - 1 && i < n - 1) {
                    terms.append(" + …");
                    i = n - 2;
                    continue;
                }
                terms.append(i == 0 ? "" : " + ").append(factor(layer.weight()[j * n + i])).append('·')
                        .append(factor(from[i]));
            }
            terms.append(" + ").append(factor(layer.bias()[j]));
            sum.setText(i18n.text("playground.trace.sum", sub, terms, format(layer.z()[j])));
            sum.setVisible(true);
            sum.setManaged(true);
        } else {
            sum.setVisible(false);
            sum.setManaged(false);
        }
        if (layer.z() != null) {
            activation.setText(i18n.text("playground.trace.activation", sub, layer.activation().id(),
                    format(layer.z()[j]), format(layer.a()[j])));
        } else {
            activation.setText(i18n.text("playground.trace.output", sub, format(layer.a()[j])));
        }
    }

    private float[] sourceValues(String source) {
        for (Layer l : shown.layers()) {
            if (l.node().equals(source)) {
                return l.a();
            }
        }
        return shown.input();
    }

    private String layerName(Layer layer) {
        return layer.node() + " (" + typeTitle(layer.type())
                + (layer.activation() == Activation.IDENTITY ? "" : " · " + layer.activation().id()) + ")";
    }

    /** The node type's title in the user's language ("Dense"), or its id for a type the palette lacks. */
    private String typeTitle(String type) {
        var known = org.stepwise.app.studio.NodeTypes.find(type);
        return known == null ? type : i18n.text(known.titleKey());
    }

    /** A number as a factor of a product: negative ones in brackets. */
    private static String factor(float v) {
        String f = format(v);
        return v < 0 ? "(" + f + ")" : f;
    }

    private static String subscript(int n) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            b.append((char) ('₀' + (c - '0')));
        }
        return b.toString();
    }

    /** Shows the trace, or the hint for none; {@code painter} colours each a as its unit map does. */
    void show(Trace trace, PlaneData data, MapPainter painter) {
        shown = trace;
        hint.setVisible(trace == null);
        hint.setManaged(trace == null);
        body.setVisible(trace != null);
        body.setManaged(trace != null);
        if (trace == null) {
            announced = null;
            onStep.accept(null);
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
        goTo(step);
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
        body.getChildren().remove(2, body.getChildren().size());
        body.getChildren().add(point);
        if (data.normalization() != null) {
            body.getChildren().add(normalized);
        }
        int n = trace.layers().size();
        zCells = new Label[n][];
        aCells = new Label[n][];
        swatches = new Rectangle[n][];
        blocks = new VBox[n];
        grids = new GridPane[n];
        for (int l = 0; l < n; l++) {
            blocks[l] = layerGrid(l, trace.layers().get(l));
            body.getChildren().add(blocks[l]);
        }
        body.getChildren().add(verdict);
    }

    private VBox layerGrid(int index, Layer layer) {
        Label name = new Label(layer.node() + "  ·  " + typeTitle(layer.type())
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
            int picked = j;
            for (javafx.scene.Node cell : new javafx.scene.Node[] {unit, z, a, swatch}) {
                cell.setOnMouseClicked(e -> pick(index, picked));
            }
        }
        grids[index] = grid;
        VBox box = new VBox(2, name, grid);
        box.getStyleClass().add("playground-trace-block");
        return box;
    }

    /** A click on a row of the newest layer shown writes out that unit's sum. */
    private void pick(int layer, int j) {
        if (layer == step - 1) {
            unit = j;
            goTo(step);
        }
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
        return name.matches("\\d+") ? i18n.text("playground.class", name) : i18n.classLabel(name);
    }

    /** Three decimals and a true minus sign: "−0.412". */
    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replace('-', '−');
    }
}
