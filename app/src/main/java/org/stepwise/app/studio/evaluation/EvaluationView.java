// The Evaluation tab: runs a copy of the current weights over a split on the worker thread and shows what came out.
// Classification: accuracy, the confusion matrix, precision, recall and F1 per class, and the examples of a chosen
// cell, which open in the inference tab. Regression: MSE, MAE, R² and predicted against actual. Both: the cost of
// one prediction (InferenceProfile).
package org.stepwise.app.studio.evaluation;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Themes;
import org.stepwise.app.studio.inference.GreyImage;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.InferenceProfile;
import org.stepwise.core.eval.RegressionMetrics;

public final class EvaluationView extends BorderPane {
    /** A row of the drill-down list: one example of the chosen cell. */
    public record Example(int index, String actual, String predicted, float confidence, float[] raw) {
    }

    private final ModelSource source;
    private final I18n i18n;
    private final ChoiceBox<ModelSource.Split> split = new ChoiceBox<>();
    private final Button evaluate = new Button();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final FlowPane results = new FlowPane(20, 20);
    private final TableView<Example> examples = new TableView<>();
    private final Label drillTitle = new Label();
    private Consumer<Example> onOpen = e -> { };
    private ModelSource.Prepared prepared;
    private EvaluationRun run;

    public EvaluationView(ModelSource source, I18n i18n) {
        this.source = source;
        this.i18n = i18n;
        getStyleClass().add("evaluation");
        getStylesheets().add(EvaluationView.class.getResource("evaluation.css").toExternalForm());
        split.getItems().setAll(ModelSource.Split.values());
        split.setValue(ModelSource.Split.VALIDATION);
        split.setId("evaluation-split");
        split.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelSource.Split s) {
                return s == null ? "" : i18n.text("evaluation.split." + s.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public ModelSource.Split fromString(String text) {
                return null;
            }
        });
        evaluate.setText(i18n.text("evaluation.evaluate"));
        evaluate.setId("evaluate");
        evaluate.getStyleClass().add("accent");
        evaluate.setOnAction(e -> evaluate());
        progress.setId("evaluation-progress");
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        status.setId("evaluation-status");
        status.getStyleClass().add("evaluation-status");
        status.setText(i18n.text("evaluation.hint"));
        status.setWrapText(true);
        Label on = new Label(i18n.text("evaluation.on"));
        evaluate.setMinWidth(Region.USE_PREF_SIZE);
        on.setMinWidth(Region.USE_PREF_SIZE);
        split.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, evaluate, on, split, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("evaluation-bar");
        HBox.setHgrow(status, Priority.ALWAYS);
        setTop(bar);
        results.getStyleClass().add("evaluation-results");
        ScrollPane scroll = new ScrollPane(results);
        scroll.setId("evaluation-scroll");
        scroll.setFitToWidth(true);
        setCenter(scroll);
        buildExamples();
    }

    /** Called with an example the user chose to open in the inference tab. */
    public void setOnOpen(Consumer<Example> action) {
        onOpen = action;
    }

    /** Takes a copy of the current weights and evaluates it on the chosen split, off the FX thread. */
    public void evaluate() {
        ModelSource.Split which = split.getValue();
        evaluate.setDisable(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setVisible(true);
        status.setText(i18n.text("evaluation.running"));
        source.prepare().thenApplyAsync(p -> {
            Dataset data = p.split(which);
            if (data == null) {
                throw new ModelSource.Unavailable("evaluation.noSplit");
            }
            return new Object[] {p, EvaluationRun.of(p.network(), data,
                    f -> Platform.runLater(() -> progress.setProgress(f < 1 ? f : ProgressBar.INDETERMINATE_PROGRESS)))};
        }, source.worker()).whenComplete((done, failure) -> Platform.runLater(() -> {
            evaluate.setDisable(false);
            progress.setVisible(false);
            if (failure != null) {
                status.setText(ModelSource.reason(failure, i18n));
                return;
            }
            show((ModelSource.Prepared) done[0], (EvaluationRun) done[1]);
        }));
    }

    /** The examples the drill-down lists now. */
    public java.util.List<Example> listedExamples() {
        return java.util.List.copyOf(examples.getItems());
    }

    private void show(ModelSource.Prepared p, EvaluationRun r) {
        prepared = p;
        run = r;
        status.setText(i18n.text("evaluation.done", r.data().n(), i18n.text("evaluation.split."
                + split.getValue().name().toLowerCase(Locale.ROOT))));
        examples.getItems().clear();
        drillTitle.setText(i18n.text("evaluation.drillHint"));
        if (r.metrics() instanceof ClassificationMetrics m) {
            results.getChildren().setAll(classification(m), drillDown(), perClass(m), profile(r.profile()));
        } else {
            RegressionMetrics m = (RegressionMetrics) r.metrics();
            results.getChildren().setAll(regression(m, r), profile(r.profile()));
        }
    }

    // ---- classification -----------------------------------------------------------------------------------

    private Node classification(ClassificationMetrics m) {
        Label accuracy = metric("evaluation-accuracy", i18n.text("evaluation.accuracy"), percent(m.accuracy()));
        ConfusionMatrixView matrix = new ConfusionMatrixView(m.confusion(), c -> i18n.classLabel(prepared.className(c)), i18n,
                this::drill);
        matrix.setId("confusion");
        VBox box = new VBox(8, accuracy, matrix);
        return box;
    }

    private Node perClass(ClassificationMetrics m) {
        record Row(String name, double precision, double recall, double f1, int support) {
        }
        TableView<Row> table = new TableView<>();
        table.setId("per-class");
        table.getStyleClass().add("per-class");
        for (int c = 0; c < m.classes(); c++) {
            table.getItems().add(new Row(i18n.classLabel(prepared.className(c)), m.precision()[c], m.recall()[c], m.f1()[c],
                    m.support()[c]));
        }
        table.getColumns().add(column(i18n.text("evaluation.class"), Row::name, 92));
        table.getColumns().add(column(i18n.text("evaluation.precision"), r -> number(r.precision()), 90));
        table.getColumns().add(column(i18n.text("evaluation.recall"), r -> number(r.recall()), 72));
        table.getColumns().add(column(i18n.text("evaluation.f1"), r -> number(r.f1()), 66));
        table.getColumns().add(column(i18n.text("evaluation.support"), r -> Integer.toString(r.support()), 62));
        table.setPrefWidth(398);
        table.setFixedCellSize(30);
        table.setPrefHeight(34 + 30 * (m.classes() + 1));
        table.setMinHeight(160);
        Label title = new Label(i18n.text("evaluation.perClass"));
        title.getStyleClass().add("evaluation-title");
        return new VBox(8, title, table);
    }

    private void buildExamples() {
        examples.setId("drill-down");
        examples.setPlaceholder(new Label(i18n.text("evaluation.noExamples")));
        TableColumn<Example, ImageView> picture = new TableColumn<>();
        picture.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(thumbnail(c.getValue().raw())));
        picture.setPrefWidth(46);
        picture.setSortable(false);
        examples.getColumns().add(picture);
        examples.getColumns().add(column(i18n.text("evaluation.index"), e -> Integer.toString(e.index()), 66));
        examples.getColumns().add(column(i18n.text("evaluation.trueShort"), Example::actual, 74));
        examples.getColumns().add(column(i18n.text("evaluation.predicted"), Example::predicted, 90));
        examples.getColumns().add(column(i18n.text("evaluation.confidence"), e -> percent(e.confidence()), 104));
        examples.setPrefWidth(400);
        examples.setPrefHeight(400);
        examples.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openChosen();
            }
        });
        examples.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openChosen();
            }
        });
    }

    private Node drillDown() {
        drillTitle.getStyleClass().add("evaluation-title");
        drillTitle.setId("drill-title");
        Button open = new Button(i18n.text("evaluation.open"));
        open.setId("open-in-inference");
        open.disableProperty().bind(examples.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openChosen());
        VBox box = new VBox(8, drillTitle, examples, open);
        VBox.setVgrow(examples, Priority.ALWAYS);
        return box;
    }

    private void openChosen() {
        Example chosen = examples.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            onOpen.accept(chosen);
        }
    }

    private void drill(int actual, int guess) {
        Dataset data = run.data();
        int[] indices = run.examples(actual, guess);
        drillTitle.setText(i18n.text("evaluation.drillTitle", indices.length,
                i18n.classLabel(prepared.className(actual)), i18n.classLabel(prepared.className(guess))));
        java.util.List<Example> rows = new java.util.ArrayList<>(indices.length);
        for (int i : indices) {
            rows.add(new Example(i, i18n.classLabel(prepared.className(data.labels()[i])),
                    i18n.classLabel(prepared.className(run.predicted()[i])),
                    run.confidence()[i], prepared.raw(data.x(), i * data.features())));
        }
        examples.setItems(FXCollections.observableList(rows));
    }

    private ImageView thumbnail(float[] raw) {
        var shape = run.data().featureShape();
        if (!GreyImage.isGreyImage(shape)) {
            return null;
        }
        ImageView view = new ImageView(GreyImage.of(raw, shape.dim(2), shape.dim(1)));
        view.setFitWidth(42);
        view.setFitHeight(42);
        view.setSmooth(false);
        return view;
    }

    // ---- regression -----------------------------------------------------------------------------------------

    private Node regression(RegressionMetrics m, EvaluationRun r) {
        HBox numbers = new HBox(24,
                metric("metric-mse", "MSE", number(m.mse())),
                metric("metric-mae", "MAE", number(m.mae())),
                metric("metric-r2", "R²", number(m.r2())));
        Color ink = Themes.isDark() ? Color.web("#e6edf3") : Color.web("#1f2328");
        Color dot = Themes.isDark() ? Color.web("#4493f8") : Color.web("#0969da");
        ScatterPlot plot = new ScatterPlot(r.data().y(), r.outputs(), r.width(), r.data().n(), ink, dot,
                i18n.text("evaluation.actualValue"), i18n.text("evaluation.predictedValue"));
        plot.setId("scatter");
        return new VBox(12, numbers, plot);
    }

    // ---- profile --------------------------------------------------------------------------------------------

    /** Told of each inference profile measured, on the FX thread. */
    private java.util.function.Consumer<InferenceProfile> onProfiled;

    public void setOnProfiled(java.util.function.Consumer<InferenceProfile> listener) {
        onProfiled = listener;
    }

    private Node profile(InferenceProfile p) {
        if (onProfiled != null && p != null) {
            onProfiled.accept(p);
        }
        Label title = new Label(i18n.text("evaluation.profile"));
        title.getStyleClass().add("evaluation-title");
        GridPane grid = new GridPane();
        grid.setId("profile");
        grid.getStyleClass().add("profile");
        String[][] rows = {
                {"evaluation.parameters", String.format("%,d", p.parameters())},
                {"evaluation.size", bytes(p.bytes())},
                {"evaluation.latencyMedian", micros(p.medianNanos())},
                {"evaluation.latencyP95", micros(p.p95Nanos())},
                {"evaluation.throughput", i18n.text("evaluation.perSecond",
                        String.format("%,.0f", p.samplesPerSecond()), p.batchSize())}};
        for (int i = 0; i < rows.length; i++) {
            Label name = new Label(i18n.text(rows[i][0]));
            name.getStyleClass().add("profile-name");
            Label value = new Label(rows[i][1]);
            value.getStyleClass().add("profile-value");
            grid.addRow(i, name, value);
        }
        Label note = new Label(i18n.text("evaluation.profileNote"));
        note.getStyleClass().add("evaluation-note");
        note.setWrapText(true);
        note.setMaxWidth(300);
        return new VBox(8, title, grid, note);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Label metric(String id, String caption, String value) {
        Label l = new Label(caption + "  " + value);
        l.setId(id);
        l.getStyleClass().add("evaluation-metric");
        return l;
    }

    private static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> text,
                                                     double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(text.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Metrics as the tab shows them: four decimals. */
    public static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
    }

    private static String bytes(long n) {
        return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.2f MiB", n / (double) (1 << 20));
    }
}
