// "Check gradients": core's GradientCheck on a copy of the network and the current batch, run on a thread of its
// own with a progress bar and Cancel, then the relative error per node against the stated tolerance.
package org.stepwise.app.studio.diagnostics;

import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.core.train.GradientCheck;

public final class GradientCheckDialog {
    private final I18n i18n;
    private final Stage stage = new Stage();
    private final TableView<GradientCheck.NodeResult> table = new TableView<>();
    private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label status = new Label();
    private final HBox runningRow;
    /** The running check; cancelling drops its result and tells the check to stop at its next element. */
    private volatile CompletableFuture<GradientCheck.Report> running;
    /** Raised by Cancel or closing the dialog; the check's watcher reads it between loss evaluations. */
    private volatile java.util.concurrent.atomic.AtomicBoolean stopRequested;
    /** The check's latest fraction done; the FX thread picks it up once a pulse, never once per element. */
    private final java.util.concurrent.atomic.AtomicLong fractionBits = new java.util.concurrent.atomic.AtomicLong();

    private GradientCheckDialog(Window owner, I18n i18n) {
        this.i18n = i18n;
        stage.initOwner(owner);
        stage.setTitle(i18n.text("gradcheck.title"));
        Label intro = new Label(i18n.text("gradcheck.intro"));
        Label tolerance = new Label(i18n.text("gradcheck.tolerance", String.valueOf(GradientCheck.PASS)));
        tolerance.setId("gradcheck-tolerance");
        tolerance.getStyleClass().add("tolerance");
        status.setId("gradcheck-status");
        for (Label l : new Label[] {intro, tolerance, status}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        progress.setId("gradcheck-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Button cancel = new Button(i18n.text("gradcheck.cancel"));
        cancel.setId("gradcheck-cancel");
        cancel.setOnAction(e -> cancel());
        runningRow = new HBox(8, progress, cancel);
        runningRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TableColumn<GradientCheck.NodeResult, String> node = new TableColumn<>(i18n.text("gradcheck.column.node"));
        node.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().node()));
        TableColumn<GradientCheck.NodeResult, Double> error = new TableColumn<>(i18n.text("gradcheck.column.error"));
        error.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().relativeError()));
        error.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format(value));
            }
        });
        TableColumn<GradientCheck.NodeResult, Boolean> result =
                new TableColumn<>(i18n.text("gradcheck.column.result"));
        result.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().passed()));
        result.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean passed, boolean empty) {
                super.updateItem(passed, empty);
                getStyleClass().removeAll("pass", "fail");
                if (empty || passed == null) {
                    setText(null);
                    return;
                }
                setText(i18n.text(passed ? "gradcheck.pass" : "gradcheck.fail"));
                getStyleClass().add(passed ? "pass" : "fail");
            }
        });
        node.setPrefWidth(150);
        error.setPrefWidth(140);
        result.setPrefWidth(110);
        table.getColumns().setAll(java.util.List.of(node, error, result));
        table.setId("gradcheck-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(240);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button close = new Button(i18n.text("gradcheck.close"));
        close.setId("gradcheck-close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            cancel();
            stage.close();
        });
        HBox closeRow = new HBox(close);
        closeRow.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        VBox root = new VBox(intro, tolerance, runningRow, status, table, closeRow);
        root.setId("gradcheck");
        root.getStyleClass().add("gradcheck");
        root.getStylesheets().add(DiagnosisView.class.getResource("diagnostics.css").toExternalForm());
        root.setPrefWidth(460);
        stage.setScene(new Scene(root));
        stage.setOnHidden(e -> cancel());
    }

    /** Opens the dialog and starts the check on a copy of the network taken between two steps. */
    public static GradientCheckDialog open(Window owner, TrainingController training, I18n i18n) {
        GradientCheckDialog dialog = new GradientCheckDialog(owner, i18n);
        dialog.stage.show();
        dialog.start(training);
        return dialog;
    }

    private void start(TrainingController training) {
        this.training = training;
        busy(true);
        status.setText(i18n.text("gradcheck.running"));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        stopRequested = stop;
        fractionBits.set(Double.doubleToLongBits(0));
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        GradientCheck.Watcher watcher = new GradientCheck.Watcher() {
            @Override
            public void progress(int done, int total) {
                fractionBits.set(Double.doubleToLongBits(total == 0 ? 1 : done / (double) total));
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        javafx.animation.AnimationTimer bar = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                double f = Double.longBitsToDouble(fractionBits.get());
                progress.setProgress(f > 0 ? f : ProgressBar.INDETERMINATE_PROGRESS);
            }
        };
        bar.start();
        CompletableFuture<GradientCheck.Report> check = training.copyForGradientCheck()
                .thenApplyAsync(in -> new GradientCheck().run(in.network(), in.loss(), in.batch(), false, watcher),
                        CompletableFuture.delayedExecutor(0, java.util.concurrent.TimeUnit.MILLISECONDS,
                                GradientCheckDialog::checkThread));
        running = check;
        check.whenComplete((report, failure) -> Platform.runLater(() -> {
            bar.stop();
            if (running != check) {
                return; // cancelled: the dialog said so already
            }
            running = null;
            busy(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                // The controller says "graph" or "data" when the document cannot train; anything else in words.
                String why = switch (String.valueOf(cause.getMessage())) {
                    case "graph" -> i18n.text("gradcheck.invalidGraph");
                    case "data" -> i18n.text("status.noData");
                    default -> String.valueOf(cause.getMessage());
                };
                status.setText(i18n.text("gradcheck.failed", why));
            } else {
                show(report);
            }
        }));
    }

    /** The check's own daemon thread: it may take seconds on a big network and must not hold the training thread. */
    private static void checkThread(Runnable work) {
        Thread t = new Thread(work, "stepwise-gradient-check");
        t.setDaemon(true);
        t.start();
    }

    private TrainingController training;

    private void show(GradientCheck.Report report) {
        training.signals().record(report.passed() ? "gradient_check_passed" : "gradient_check_failed");
        table.getItems().setAll(report.nodes());
        long failed = report.nodes().stream().filter(n -> !n.passed()).count();
        status.setText(failed == 0 ? i18n.text("gradcheck.passed", format(report.worst()))
                : i18n.text("gradcheck.notPassed", failed, report.nodes().size(),
                Lesson.BACKPROPAGATION.title(i18n)));
    }

    private void cancel() {
        if (running != null) {
            stopRequested.set(true);
            running = null;
            busy(false);
            status.setText(i18n.text("gradcheck.cancelled"));
        }
    }

    private void busy(boolean on) {
        runningRow.setVisible(on);
        runningRow.setManaged(on);
    }

    /** Relative errors span decades: two significant digits in scientific form, e.g. 3.1e-05. */
    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.1e", value);
    }

    public Stage stage() {
        return stage;
    }

    public TableView<GradientCheck.NodeResult> table() {
        return table;
    }
}
