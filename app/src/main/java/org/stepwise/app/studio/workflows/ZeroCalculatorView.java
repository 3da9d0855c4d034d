// Workflows ▸ ZeRO memory: model-state bytes per worker at ZeRO stages 0–3 for a parameter count, an optimizer, a
// precision and a number of workers, each with its formula, recomputed as any field changes.
package org.stepwise.app.studio.workflows;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.precision.ZeroMemory;

public final class ZeroCalculatorView extends VBox {
    /** A model size to start from: this network, or a well-known one for scale. */
    record Preset(String key, long parameters) {
    }

    private final I18n i18n;
    private final TextField parameters = new TextField();
    private final ComboBox<String> optimizer = new ComboBox<>();
    private final ComboBox<Precision> precision = new ComboBox<>();
    private final Spinner<Integer> workers = new Spinner<>(1, 4096, 8);
    private final Label message = new Label();
    private final GridPane stages = new GridPane();
    private final Label[] formulas = new Label[4];
    private final Label[] bytes = new Label[4];
    private final Label[] shares = new Label[4];
    private ZeroMemory shown;
    private java.util.function.Consumer<ZeroMemory> onCalculated = z -> { };

    /** Told of every table computed, the one on opening included. */
    public void setOnCalculated(java.util.function.Consumer<ZeroMemory> listener) {
        onCalculated = listener;
        if (shown != null) {
            listener.accept(shown);
        }
    }

    public ZeroCalculatorView(I18n i18n, long networkParameters) {
        this.i18n = i18n;
        setId("zero-calculator");
        getStyleClass().add("workflow-view");
        setSpacing(12);
        setPadding(new Insets(16));

        Label intro = new Label(i18n.text("zero.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().add("workflow-intro");

        ComboBox<Preset> presets = new ComboBox<>();
        presets.setId("zero-preset");
        presets.getItems().setAll(List.of(new Preset("zero.preset.network", networkParameters),
                new Preset("zero.preset.gpt2", 124_000_000L), new Preset("zero.preset.paper", 7_500_000_000L)));
        presets.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Preset p) {
                return p == null ? "" : i18n.text(p.key(), p.parameters());
            }

            @Override
            public Preset fromString(String s) {
                return null;
            }
        });
        presets.valueProperty().addListener((o, was, p) -> {
            if (p != null) {
                parameters.setText(Long.toString(p.parameters()));
                if (p.key().equals("zero.preset.paper")) {
                    // The paper's Figure 1 case: Adam in mixed precision on 64 GPUs.
                    optimizer.setValue("adam");
                    precision.setValue(Precision.FP16);
                    workers.getValueFactory().setValue(64);
                }
            }
        });
        parameters.setId("zero-parameters");
        parameters.setText(Long.toString(networkParameters));
        optimizer.setId("zero-optimizer");
        optimizer.getItems().setAll("sgd", "momentum", "rmsprop", "adam", "adamw");
        optimizer.setValue("adam");
        precision.setId("zero-precision");
        precision.getItems().setAll(Precision.values());
        precision.setValue(Precision.FP32);
        precision.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Precision p) {
                return p == null ? "" : p.id();
            }

            @Override
            public Precision fromString(String s) {
                return Precision.parse(s);
            }
        });
        workers.setId("zero-workers");
        workers.setEditable(true);
        workers.setPrefWidth(110);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getColumnConstraints().setAll(labels, new ColumnConstraints());
        presets.setMaxWidth(Double.MAX_VALUE);
        form.addRow(0, new Label(i18n.text("zero.preset")), presets);
        form.addRow(1, new Label(i18n.text("zero.parameters")), parameters);
        form.addRow(2, new Label(i18n.text("zero.optimizer")), optimizer);
        form.addRow(3, new Label(i18n.text("zero.precision")), precision);
        form.addRow(4, new Label(i18n.text("zero.workers")), workers);

        message.setId("zero-message");
        message.setWrapText(true);
        message.getStyleClass().add("workflow-message");

        stages.setId("zero-stages");
        stages.getStyleClass().add("workflow-table");
        stages.setHgap(18);
        stages.setVgap(6);
        stages.addRow(0, header("zero.col.stage"), header("zero.col.what"), header("zero.col.formula"),
                header("zero.col.bytes"), header("zero.col.share"));
        for (int s = 0; s < 4; s++) {
            formulas[s] = new Label();
            formulas[s].setId("zero-formula-" + s);
            formulas[s].getStyleClass().add("formula");
            bytes[s] = new Label();
            bytes[s].setId("zero-bytes-" + s);
            bytes[s].getStyleClass().add("figure");
            shares[s] = new Label();
            shares[s].setId("zero-share-" + s);
            Label what = new Label(i18n.text("zero.stage." + s));
            what.setWrapText(true);
            stages.addRow(s + 1, new Label(Integer.toString(s)), what, formulas[s], bytes[s], shares[s]);
        }
        // The figures keep their full width; the description wraps instead.
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grow.setMinWidth(140);
        ColumnConstraints whole = new ColumnConstraints();
        whole.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stages.getColumnConstraints().setAll(whole, grow, whole, whole, whole);

        Label legend = new Label(i18n.text("zero.legend"));
        legend.setWrapText(true);
        legend.getStyleClass().add("workflow-note");

        getChildren().setAll(intro, new HBox(form), stages, message, legend);
        parameters.textProperty().addListener((o, a, b) -> recompute());
        optimizer.valueProperty().addListener((o, a, b) -> recompute());
        precision.valueProperty().addListener((o, a, b) -> recompute());
        workers.valueProperty().addListener((o, a, b) -> recompute());
        recompute();
    }

    private Label header(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("header");
        return l;
    }

    private void recompute() {
        long psi;
        try {
            psi = Long.parseLong(parameters.getText().strip().replace(",", "").replace("_", ""));
            if (psi < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            message.setText(i18n.text("zero.bad.parameters", parameters.getText()));
            shown = null;
            clear();
            return;
        }
        shown = new ZeroMemory(psi, workers.getValue(), precision.getValue(), optimizer.getValue());
        double base = shown.bytesPerWorker(0);
        for (int s = 0; s < 4; s++) {
            double b = shown.bytesPerWorker(s);
            formulas[s].setText(shown.formula(s));
            bytes[s].setText(size(b, i18n.locale()));
            shares[s].setText(base == 0 ? "–" : String.format(i18n.locale(), "%.1f%%", 100 * b / base));
        }
        onCalculated.accept(shown);
        message.setText(i18n.text("zero.summary", shown.weightBytes(), shown.gradientBytes(),
                shown.optimizerBytes(), workers.getValue()));
    }

    private void clear() {
        for (int s = 0; s < 4; s++) {
            formulas[s].setText("");
            bytes[s].setText("");
            shares[s].setText("");
        }
    }

    /** Bytes in decimal units, as the ZeRO paper counts them, to three significant digits: "1.88 GB", "120 GB". */
    static String size(double bytes, Locale locale) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        int u = 0;
        double v = bytes;
        while (v >= 999.5 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String number = u == 0 || v >= 99.95 ? String.format(locale, "%.0f", v)
                : v >= 9.995 ? String.format(locale, "%.1f", v) : String.format(locale, "%.2f", v);
        return number + " " + units[u];
    }

    /** What the table shows now, or null while the parameter count cannot be read. */
    public ZeroMemory shown() {
        return shown;
    }
}
