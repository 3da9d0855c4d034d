// Training ▸ Sweep…: the values to try for the learning rate, the batch size and the optimizer, a sweep over them
// on a background thread with progress and Cancel, and the runs ranked by validation score. Choosing a run and
// "Use these settings" puts its values into the document's settings as one undoable edit.
package org.stepwise.app.studio.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.editor.Document;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.Sweep;
import org.stepwise.core.project.TrainingSettings;

public final class SweepDialog extends BorderPane {
    private final Workspace workspace;
    private final I18n i18n;
    private final TextField rates = new TextField();
    private final TextField widths = new TextField();
    private final TextField batches = new TextField();
    private final List<CheckBox> optimizers = new ArrayList<>();
    private final Spinner<Integer> epochs = new Spinner<>(1, 200, 5);
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button start = new Button();
    private final Button cancel = new Button();
    private final Button use = new Button();
    private final TableView<Sweep.Run> table = new TableView<>();
    private SweepJob job;
    private Sweep.Result result;

    public SweepDialog(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.i18n = i18n;
        setId("sweep");
        TrainingSettings s = workspace.document().settings();
        float lr = s.learningRate();
        rates.setText(RunDifference.number(lr / 3) + ", " + RunDifference.number(lr) + ", "
                + RunDifference.number(lr * 3));
        rates.setId("sweep-rates");
        java.util.List<Integer> hiddenWidths = hiddenWidths(workspace.document().graph().toGraphDef());
        widths.setId("sweep-widths");
        widths.setPromptText(i18n.text("sweep.widths.keep"));
        if (hiddenWidths.isEmpty()) {
            widths.setDisable(true);
            widths.setPromptText(i18n.text("sweep.widths.none"));
        } else if (hiddenWidths.stream().distinct().count() == 1) {
            widths.setText(Integer.toString(hiddenWidths.get(0)));
        }
        batches.setText(Integer.toString(s.batchSize()));
        batches.setId("sweep-batches");
        HBox optimizerBoxes = new HBox(10);
        for (String id : SweepJob.optimizers()) {
            CheckBox box = new CheckBox(id);
            box.setId("sweep-optimizer-" + id);
            box.setSelected(id.equals(s.optimizer()));
            optimizers.add(box);
            optimizerBoxes.getChildren().add(box);
        }
        epochs.setId("sweep-epochs");
        epochs.setEditable(true);
        epochs.setPrefWidth(90);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label(i18n.text("sweep.rates")), rates);
        form.addRow(1, new Label(i18n.text("sweep.widths")), widths);
        form.addRow(2, new Label(i18n.text("sweep.batches")), batches);
        form.addRow(3, new Label(i18n.text("sweep.optimizers")), optimizerBoxes);
        form.addRow(4, new Label(i18n.text("sweep.epochs")), epochs);
        GridPane.setHgrow(rates, Priority.ALWAYS);

        start.setText(i18n.text("sweep.start"));
        start.setId("sweep-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> start());
        cancel.setText(i18n.text("sweep.cancel"));
        cancel.setId("sweep-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancel());
        progress.setId("sweep-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox controls = new HBox(8, start, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        message.setId("sweep-message");
        message.setWrapText(true);
        VBox top = new VBox(10, form, controls, message);
        top.setPadding(new Insets(12, 12, 8, 12));
        setTop(top);

        table.setId("sweep-table");
        table.setPlaceholder(new Label(i18n.text("sweep.empty")));
        table.getColumns().add(column("sweep.col.rank", r -> Integer.toString(result.ranked().indexOf(r) + 1)));
        table.getColumns().add(column("sweep.col.lr", r -> RunDifference.number(r.point().learningRate())));
        table.getColumns().add(column("sweep.col.width", this::width));
        table.getColumns().add(column("sweep.col.batch", r -> Integer.toString(r.point().batchSize())));
        table.getColumns().add(column("sweep.col.optimizer", r -> r.point().optimizer()));
        table.getColumns().add(column("sweep.col.score", this::score));
        table.getColumns().add(column("sweep.col.epoch", r -> r.result().bestEpoch() < 0 ? "–"
                : Integer.toString(r.result().bestEpoch())));
        table.getColumns().get(0).setMaxWidth(56);
        table.getColumns().get(5).setMinWidth(130);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Sweep.Run> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    useSelected();
                }
            });
            return row;
        });
        BorderPane.setMargin(table, new Insets(0, 12, 0, 12));
        setCenter(table);

        use.setText(i18n.text("sweep.use"));
        use.setId("sweep-use");
        use.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> useSelected());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bottom = new HBox(8, new Label(i18n.text("sweep.hint")), grow, use);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(8, 12, 12, 12));
        setBottom(bottom);
    }

    /** Opens the dialog in its own window over the studio; closing it cancels a running sweep. */
    public static SweepDialog show(Window owner, Workspace workspace, I18n i18n) {
        SweepDialog dialog = new SweepDialog(workspace, i18n);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(i18n.text("sweep.title"));
        Scene scene = new Scene(dialog, 720, 560);
        stage.setScene(scene);
        stage.setOnHidden(e -> dialog.cancel());
        stage.show();
        return dialog;
    }

    // ---- commands ------------------------------------------------------------------------------------------

    public void start() {
        Document d = workspace.document();
        List<String> chosen = optimizers.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
        Sweep.Space space;
        try {
            space = SweepJob.space(rates.getText(), widths.getText(), batches.getText(), chosen, d.settings());
        } catch (SweepJob.BadInput e) {
            message.setText(i18n.text(e.key(), e.value()));
            return;
        }
        if (d.data() == null || d.graph().toGraphDef().validate().problems().size() > 0) {
            message.setText(i18n.text(d.data() == null ? "sweep.noData" : "sweep.badGraph"));
            return;
        }
        job = new SweepJob(d.graph().toGraphDef(), d.data(), d.settings(), space, epochs.getValue());
        int planned = job.planned();
        result = null;
        table.getItems().clear();
        progress.setProgress(0);
        message.setText(i18n.text("sweep.loading", planned));
        start.setDisable(true);
        cancel.setDisable(false);
        SweepJob running = job;
        running.start((run, of, point) -> Platform.runLater(() -> {
            if (job == running) {
                progress.setProgress((double) run / of);
                message.setText(i18n.text("sweep.running", run + 1, of, RunDifference.number(point.learningRate()),
                        point.batchSize(), point.optimizer(), width(point)));
            }
        }), r -> Platform.runLater(() -> finished(running, r, null)),
                e -> Platform.runLater(() -> finished(running, null, e)));
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /**
     * Puts the selected run's learning rate, batch size and optimizer into the settings and its width into the
     * hidden layers, as one undoable edit.
     */
    public void useSelected() {
        Sweep.Run run = table.getSelectionModel().getSelectedItem();
        if (run == null) {
            return;
        }
        Document d = workspace.document();
        java.util.List<org.stepwise.app.editor.EditCommand> edits = new ArrayList<>();
        edits.add(ChangeSettings.settings(SweepJob.apply(d.settings(), run.point()), "sweep.setting"));
        org.stepwise.core.graph.GraphDef now = d.graph().toGraphDef();
        org.stepwise.core.graph.GraphDef resized = SweepJob.graphFor(now, run.point());
        for (org.stepwise.core.graph.NodeDef n : resized.nodes()) {
            if (!n.spec().equals(now.node(n.name()).spec())) {
                edits.add(org.stepwise.app.editor.ChangeNode.spec(d.graph(), n.name(), n.spec()));
            }
        }
        workspace.execute(new org.stepwise.app.editor.EditGroup(edits,
                org.stepwise.app.editor.Text.of("edit.setting", org.stepwise.app.editor.Text.of("sweep.setting"))));
        message.setText(i18n.text("sweep.used", RunDifference.number(run.point().learningRate()),
                run.point().batchSize(), run.point().optimizer(), width(run.point())));
    }

    /** The units of each hidden dense layer, in graph order; empty when there is none or the graph is invalid. */
    private static java.util.List<Integer> hiddenWidths(org.stepwise.core.graph.GraphDef graph) {
        return Sweep.hiddenDense(graph).stream()
                .map(n -> ((org.stepwise.core.layers.Dense.Spec) graph.node(n).spec()).units()).toList();
    }

    /** A point's width as the table shows it: the number, or "as built" when the sweep kept the graph's own. */
    private String width(Sweep.Point point) {
        return point.hiddenWidth() == SweepJob.KEEP_WIDTH ? i18n.text("sweep.widths.asBuilt")
                : Integer.toString(point.hiddenWidth());
    }

    private String width(Sweep.Run run) {
        return width(run.point());
    }

    private Runnable onFinished;

    /** Told when a sweep ran every planned run (not when it was cancelled or failed). */
    public void setOnFinished(Runnable listener) {
        onFinished = listener;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public boolean isRunning() {
        return job != null && !cancel.isDisabled();
    }

    public Sweep.Result result() {
        return result;
    }

    public TableView<Sweep.Run> table() {
        return table;
    }

    private void finished(SweepJob running, Sweep.Result r, Exception failure) {
        if (job != running) {
            return;
        }
        start.setDisable(false);
        cancel.setDisable(true);
        if (failure != null) {
            String why = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            message.setText(i18n.text("sweep.failed", why));
            progress.setProgress(0);
            return;
        }
        result = r;
        if (!r.cancelled() && onFinished != null) {
            onFinished.run();
        }
        table.getItems().setAll(r.ranked());
        progress.setProgress(r.cancelled() ? (double) r.ranked().size() / r.planned() : 1);
        message.setText(r.cancelled() ? i18n.text("sweep.cancelled", r.ranked().size(), r.planned())
                : i18n.text("sweep.done", r.ranked().size()));
        if (!r.ranked().isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    /** Validation accuracy for classification, validation loss for regression (the score is −loss). */
    private String score(Sweep.Run r) {
        Metrics m = r.result().bestValidation();
        if (m == null || Double.isInfinite(r.score())) {
            return i18n.text("sweep.diverged");
        }
        return m instanceof ClassificationMetrics c ? String.format(i18n.locale(), "%.1f%%", 100 * c.accuracy())
                : i18n.text("sweep.loss", String.format(i18n.locale(), "%.4g", m.loss()));
    }

    private TableColumn<Sweep.Run, String> column(String key, java.util.function.Function<Sweep.Run, String> text) {
        TableColumn<Sweep.Run, String> c = new TableColumn<>(i18n.text(key));
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
