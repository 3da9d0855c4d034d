// Workflows ▸ Parallelism in miniature, on the open network and a batch of its data:
//  - data parallelism: N simulated workers each take a shard of the batch, an all-reduce averages their gradients,
//    and the result is compared with the large-batch gradient, parameter by parameter;
//  - tensor parallelism: one dense layer's weight matrix split across 2 simulated devices by columns (output units)
//    and by rows (input features), each output compared with the one-device product, with what each split sends.
// The work runs off the FX thread; the view only shows the records it gets back.
package org.stepwise.app.studio.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.parallel.DataParallel;
import org.stepwise.core.parallel.TensorParallel;

public final class ParallelismView extends VBox {
    private final I18n i18n;
    private final TrainingController training;
    private final GraphDef graph;
    private final long seed;
    private final Executor worker;
    private final ComboBox<Integer> workers = new ComboBox<>();
    private final Button runData = new Button();
    private final Label dataMessage = new Label();
    private final GridPane dataTable = new GridPane();
    private final ComboBox<String> layer = new ComboBox<>();
    private final Button runTensor = new Button();
    private final Label tensorMessage = new Label();
    private final GridPane tensorTable = new GridPane();
    private DataParallel.Result dataResult;
    private TensorParallel.LayerSplit tensorResult;

    public ParallelismView(I18n i18n, TrainingController training, GraphDef graph, long seed, int batchSize,
                           Executor worker) {
        this.i18n = i18n;
        this.training = training;
        this.graph = graph;
        this.seed = seed;
        this.worker = worker;
        setId("parallelism");
        getStyleClass().add("workflow-view");
        setSpacing(12);
        setPadding(new Insets(16));

        Label dataTitle = title("parallel.data.title");
        Label dataIntro = note("parallel.data.intro");
        for (int n = 1; n <= Math.min(16, batchSize); n++) {
            if (batchSize % n == 0) {
                workers.getItems().add(n);
            }
        }
        workers.setId("parallel-workers");
        workers.setValue(workers.getItems().contains(4) ? 4 : workers.getItems().get(workers.getItems().size() - 1));
        runData.setText(i18n.text("parallel.data.run"));
        runData.setId("parallel-data-run");
        runData.setOnAction(e -> runDataParallel());
        HBox dataControls = new HBox(8, new Label(i18n.text("parallel.data.workers", batchSize)), workers, runData);
        dataControls.setAlignment(Pos.CENTER_LEFT);
        dataMessage.setId("parallel-data-message");
        dataMessage.setWrapText(true);
        dataTable.setId("parallel-data-table");
        dataTable.getStyleClass().add("workflow-table");
        dataTable.setHgap(18);
        dataTable.setVgap(4);

        Label tensorTitle = title("parallel.tensor.title");
        Label tensorIntro = note("parallel.tensor.intro");
        List<String> dense = graph.nodes().stream().filter(n -> n.spec() instanceof Dense.Spec)
                .map(n -> n.name()).toList();
        layer.getItems().setAll(dense);
        layer.setId("parallel-layer");
        if (!dense.isEmpty()) {
            layer.setValue(dense.get(0));
        }
        runTensor.setText(i18n.text("parallel.tensor.run"));
        runTensor.setId("parallel-tensor-run");
        runTensor.setDisable(dense.isEmpty());
        runTensor.setOnAction(e -> runTensorParallel());
        HBox tensorControls = new HBox(8, new Label(i18n.text("parallel.tensor.layer")), layer, runTensor);
        tensorControls.setAlignment(Pos.CENTER_LEFT);
        tensorMessage.setId("parallel-tensor-message");
        tensorMessage.setWrapText(true);
        if (dense.isEmpty()) {
            tensorMessage.setText(i18n.text("parallel.tensor.noDense"));
        }
        tensorTable.setId("parallel-tensor-table");
        tensorTable.getStyleClass().add("workflow-table");
        tensorTable.setHgap(18);
        tensorTable.setVgap(4);

        getChildren().setAll(dataTitle, dataIntro, dataControls, dataMessage, dataTable, tensorTitle, tensorIntro,
                tensorControls, tensorMessage, tensorTable);
    }

    private Label title(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("workflow-title");
        return l;
    }

    private Label note(String key) {
        Label l = new Label(i18n.text(key));
        l.setWrapText(true);
        l.getStyleClass().add("workflow-intro");
        return l;
    }

    // ---- data parallelism --------------------------------------------------------------------------------------

    public void runDataParallel() {
        int n = workers.getValue();
        runData.setDisable(true);
        dataMessage.setText(i18n.text("parallel.running"));
        training.copyForGradientCheck()
                .thenApplyAsync(in -> DataParallel.simulate(graph, seed, in.loss(), in.batch(), n), worker)
                .whenComplete((r, failure) -> Platform.runLater(() -> {
                    runData.setDisable(false);
                    if (failure != null) {
                        dataMessage.setText(i18n.text("parallel.failed", reason(failure)));
                        return;
                    }
                    showData(r);
                }));
    }

    private Runnable onSimulated;

    /** Told when a data-parallel simulation finished. */
    public void setOnSimulated(Runnable listener) {
        onSimulated = listener;
    }

    private void showData(DataParallel.Result r) {
        dataResult = r;
        if (onSimulated != null) {
            onSimulated.run();
        }
        boolean identical = r.maxRelativeError() == 0;
        dataMessage.setText(i18n.text(identical ? "parallel.data.identical" : "parallel.data.close", r.workers(),
                String.format(i18n.locale(), "%.1e", r.maxRelativeError()),
                ZeroCalculatorView.size(r.bytesPerWorker(), i18n.locale())));
        dataTable.getChildren().clear();
        dataTable.addRow(0, header("parallel.col.parameter"), header("parallel.col.values"),
                header("parallel.col.first"), header("parallel.col.difference"));
        for (int p = 0; p < r.names().size(); p++) {
            float[] avg = r.averaged().get(p);
            float[] full = r.fullBatch().get(p);
            double worst = 0;
            for (int i = 0; i < avg.length; i++) {
                worst = Math.max(worst, Math.abs(avg[i] - full[i]));
            }
            Label diff = new Label(worst == 0 ? i18n.text("parallel.equal") : String.format(i18n.locale(), "%.1e",
                    worst));
            diff.setId("parallel-diff-" + p);
            dataTable.addRow(p + 1, new Label(r.names().get(p)), new Label(Integer.toString(avg.length)),
                    new Label(String.format(i18n.locale(), "%.6g / %.6g", avg[0], full[0])), diff);
        }
    }

    // ---- tensor parallelism ------------------------------------------------------------------------------------

    public void runTensorParallel() {
        String name = layer.getValue();
        if (name == null) {
            return;
        }
        runTensor.setDisable(true);
        tensorMessage.setText(i18n.text("parallel.running"));
        training.copyForGradientCheck()
                .thenApplyAsync(in -> TensorParallel.splitLayer(in.network(), in.batch().x(), in.batch().rows(), name),
                        worker)
                .whenComplete((r, failure) -> Platform.runLater(() -> {
                    runTensor.setDisable(false);
                    if (failure != null) {
                        tensorMessage.setText(i18n.text("parallel.failed", reason(failure)));
                        return;
                    }
                    showTensor(r);
                }));
    }

    private void showTensor(TensorParallel.LayerSplit r) {
        tensorResult = r;
        tensorMessage.setText(i18n.text("parallel.tensor.shape", r.node(), r.rows(), r.in(), r.units()));
        tensorTable.getChildren().clear();
        tensorTable.addRow(0, header("parallel.col.split"), header("parallel.col.holds"),
                header("parallel.col.difference"), header("parallel.col.sent"));
        tensorTable.addRow(1, new Label(i18n.text("parallel.tensor.columns")),
                new Label(i18n.text("parallel.tensor.columns.holds", r.units() / 2, r.units() - r.units() / 2)),
                difference(r.columnDifference(), "parallel-tensor-columns"),
                new Label(i18n.text("parallel.tensor.sent", r.columnFloats(), "all-gather")));
        tensorTable.addRow(2, new Label(i18n.text("parallel.tensor.rows")),
                new Label(i18n.text("parallel.tensor.rows.holds", r.in() / 2, r.in() - r.in() / 2)),
                difference(r.rowDifference(), "parallel-tensor-rows"),
                new Label(i18n.text("parallel.tensor.sent", r.rowFloats(), "all-reduce")));
    }

    private Label difference(double value, String id) {
        Label l = new Label(value == 0 ? i18n.text("parallel.equal") : String.format(i18n.locale(), "%.1e", value));
        l.setId(id);
        return l;
    }

    private Label header(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("header");
        return l;
    }

    /** A failure in words: the controller says "graph" or "data" when the document cannot train. */
    private String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return switch (String.valueOf(t.getMessage())) {
            case "graph" -> i18n.text("gradcheck.invalidGraph");
            case "data" -> i18n.text("status.noData");
            case "null" -> t.toString();
            default -> t.getMessage();
        };
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    public DataParallel.Result dataResult() {
        return dataResult;
    }

    public TensorParallel.LayerSplit tensorResult() {
        return tensorResult;
    }

    List<Integer> workerChoices() {
        return new ArrayList<>(workers.getItems());
    }
}
