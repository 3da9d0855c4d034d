// Loads data on a thread of its own while a progress bar and Cancel show; the FX thread never waits for a file.
// Cancelling drops the result: a half-read file changes nothing.
package org.stepwise.app.studio.data;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;

public final class DataLoading extends VBox {
    private final Label what = new Label();
    private Task<?> running;

    public DataLoading(I18n i18n) {
        setId("data-loading");
        setSpacing(4);
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setId("data-loading-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button(i18n.text("data.loading.cancel"));
        cancel.setId("data-loading-cancel");
        cancel.setOnAction(e -> cancel());
        HBox row = new HBox(8, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        what.getStyleClass().add("inspector-muted");
        what.setWrapText(true);
        getChildren().addAll(what, row);
        showing(false);
    }

    /**
     * Runs {@code work} in the background, replacing any load still running; {@code done} or {@code failed} get its
     * outcome on the FX thread, unless it was cancelled.
     */
    public <T> void start(String description, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        cancel();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            finished(task);
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(task);
            failed.accept(task.getException());
        });
        running = task;
        what.setText(description);
        showing(true);
        Thread t = new Thread(task, "stepwise-data-load");
        t.setDaemon(true);
        t.start();
    }

    public boolean isLoading() {
        return running != null;
    }

    public void cancel() {
        if (running != null) {
            running.cancel(true);
            running = null;
            showing(false);
        }
    }

    private void finished(Task<?> task) {
        if (running == task) {
            running = null;
            showing(false);
        }
    }

    private void showing(boolean on) {
        setVisible(on);
        setManaged(on);
    }
}
