// The controls every long workflow window shares: Run and Cancel, a progress bar with the stage and epoch in words,
// and a message line; the work itself runs on the workflows thread, and its result comes back on the FX thread.
package org.stepwise.app.studio.workflows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.workflow.WorkflowProgress;

final class WorkflowJob<R> {
    private final I18n i18n;
    private final Executor worker;
    private final Button run = new Button();
    private final Button cancel = new Button();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final HBox controls;
    private volatile Runnable canceller;
    private volatile boolean running;

    WorkflowJob(I18n i18n, Executor worker, String idPrefix, String runKey) {
        this.i18n = i18n;
        this.worker = worker;
        run.setText(i18n.text(runKey));
        run.setId(idPrefix + "-run");
        run.setDefaultButton(true);
        cancel.setText(i18n.text("workflow.cancel"));
        cancel.setId(idPrefix + "-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            Runnable c = canceller;
            if (c != null) {
                c.run();
            }
        });
        progress.setId(idPrefix + "-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        message.setId(idPrefix + "-message");
        message.setWrapText(true);
        message.getStyleClass().add("workflow-message");
        controls = new HBox(8, run, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
    }

    HBox controls() {
        return controls;
    }

    Label message() {
        return message;
    }

    void onRun(Runnable action) {
        run.setOnAction(e -> action.run());
    }

    boolean isRunning() {
        return running;
    }

    /**
     * Runs {@code work} on the workflows thread. {@code cancel} stops it; {@code done} gets its result on the FX
     * thread, and a failure becomes the message.
     */
    void start(Supplier<R> work, Runnable cancelWork, Consumer<R> done) {
        running = true;
        canceller = cancelWork;
        run.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        message.setText(i18n.text("workflow.loading"));
        CompletableFuture.supplyAsync(work, worker).whenComplete((r, failure) -> Platform.runLater(() -> {
            running = false;
            canceller = null;
            run.setDisable(false);
            cancel.setDisable(true);
            progress.setProgress(failure == null ? 1 : 0);
            if (failure != null) {
                Throwable t = failure.getCause() != null ? failure.getCause() : failure;
                message.setText(i18n.text("workflow.failed", t.getMessage() == null ? t.toString() : t.getMessage()));
                return;
            }
            done.accept(r);
        }));
    }

    /**
     * Progress for a workflow whose stages train {@code epochs[i]} epochs each, in order: the bar moves through the
     * stages' batches and the message names the stage (in the UI's words) and its epoch.
     */
    WorkflowProgress progress(java.util.List<String> stages, int[] epochs, java.util.function.Function<String, String>
            stageName) {
        int total = java.util.Arrays.stream(epochs).sum();
        return (stage, epoch, batch, batches, loss) -> {
            if (batch % 8 != 0 && batch != batches - 1) {
                return;
            }
            int at = stages.indexOf(stage);
            int before = 0;
            for (int i = 0; i < at; i++) {
                before += epochs[i];
            }
            double done = total == 0 || at < 0 ? 0 : (before + epoch + (batch + 1) / (double) batches) / total;
            String words = i18n.text("workflow.stage", stageName.apply(stage), epoch + 1,
                    at < 0 ? epoch + 1 : epochs[at]);
            Platform.runLater(() -> {
                if (running) {
                    progress.setProgress(done);
                    message.setText(words);
                }
            });
        };
    }
}
