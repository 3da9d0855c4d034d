// Workflows ▸ Pretrain, then fine-tune: core's pretraining recipe on fashion-mnist-small. An MLP is pretrained on
// the training images, a fresh two-class head is fine-tuned on a few labelled images of a small task (pullover
// against shirt) with the body frozen, and the same MLP is trained from scratch on those images alone; both are
// measured on the task's held-out images after every epoch and drawn on one chart.
package org.stepwise.app.studio.workflows;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.workflow.PretrainingRecipe;

public final class RecipeView extends VBox {
    private final I18n i18n;
    private final WorkflowJob<PretrainingRecipe.Result> job;
    private final Spinner<Integer> labelled = new Spinner<>(10, 1000, 100, 10);
    private final Spinner<Integer> pretrainEpochs = new Spinner<>(1, 20, 3);
    private final Spinner<Integer> epochs = new Spinner<>(1, 100, 20);
    private final CurveChart chart;
    private final Label summary = new Label();
    private PretrainingRecipe.Result result;

    public RecipeView(I18n i18n, Executor worker) {
        this.i18n = i18n;
        WorkflowLayout.column(this, "recipe");
        Label intro = WorkflowLayout.paragraph(i18n, "recipe.intro", "workflow-intro");
        labelled.setId("recipe-labelled");
        pretrainEpochs.setId("recipe-pretrain-epochs");
        epochs.setId("recipe-epochs");
        GridPane form = WorkflowLayout.form(i18n, "recipe.labelled", labelled, "recipe.pretrainEpochs",
                pretrainEpochs, "recipe.epochs", epochs);
        job = new WorkflowJob<>(i18n, worker, "recipe", "recipe.run");
        job.onRun(this::start);
        chart = new CurveChart("recipe-chart", i18n.text("workflow.axis.epoch"), i18n.text("workflow.axis.accuracy"),
                i18n.text("workflow.noData"), true);
        summary.setId("recipe-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("workflow-message");
        Label note = WorkflowLayout.paragraph(i18n, "recipe.note", "workflow-note");
        getChildren().setAll(intro, form, job.controls(), job.message(), chart.viewer(), summary, note);
    }

    public void start() {
        int perClass = labelled.getValue();
        PretrainingRecipe.Settings defaults = PretrainingRecipe.Settings.defaults();
        PretrainingRecipe.Pretraining pre = defaults.pretraining();
        PretrainingRecipe.Training training = defaults.training();
        PretrainingRecipe.Settings settings = defaults
                .withTask(new PretrainingRecipe.Task(defaults.task().classes(), perClass))
                .withPretraining(new PretrainingRecipe.Pretraining(pre.taskClassesToo(), pre.perClass(),
                        pretrainEpochs.getValue(), pre.learningRate()))
                .withTraining(new PretrainingRecipe.Training(epochs.getValue(), training.learningRate(),
                        training.freezeBody(), training.bodyLearningRate(), training.scratchLearningRate()));
        PretrainingRecipe[] recipe = new PretrainingRecipe[1];
        var progress = job.progress(List.of(PretrainingRecipe.PRETRAIN, PretrainingRecipe.FINE_TUNE,
                PretrainingRecipe.SCRATCH), new int[] {settings.pretraining().epochs(), settings.training().epochs(),
                settings.training().epochs()}, stage -> i18n.text("recipe.stage." + stage));
        summary.setText("");
        job.start(() -> {
            LoadedData loaded;
            try {
                loaded = DataSources.load("fashion-mnist-small", CsvImport.Options.defaults(), 28, 1,
                        settings.seed());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            PretrainingRecipe r = new PretrainingRecipe(
                    PretrainingRecipe.defaultMlp(loaded.dataset().featureShape()), loaded.dataset(), loaded.test(),
                    settings, progress);
            synchronized (recipe) {
                recipe[0] = r;
            }
            return r.run();
        }, () -> {
            synchronized (recipe) {
                if (recipe[0] != null) {
                    recipe[0].cancel();
                }
            }
        }, this::show);
    }

    private java.util.function.Consumer<PretrainingRecipe.Result> onCompared;

    /** Told of each run that finished all three trainings (not halted, not cancelled). */
    public void setOnCompared(java.util.function.Consumer<PretrainingRecipe.Result> listener) {
        onCompared = listener;
    }

    private void show(PretrainingRecipe.Result r) {
        result = r;
        if (onCompared != null && r.halt() == null && !r.cancelled()) {
            onCompared.accept(r);
        }
        chart.show(List.of(new CurveChart.Line(r.fineTuned(), i18n.text("recipe.curve.fineTuned"), false),
                new CurveChart.Line(r.scratch(), i18n.text("recipe.curve.scratch"), true)), List.of());
        if (r.halt() != null) {
            job.message().setText(i18n.text("workflow.halted", r.halt().message()));
            return;
        }
        job.message().setText(r.cancelled() ? i18n.text("workflow.cancelled")
                : i18n.text("recipe.done", r.pretrainSamples(), r.labelled(), r.heldOut()));
        if (r.fineTuned().last() != null && r.scratch().last() != null) {
            summary.setText(i18n.text("recipe.summary", percent(r.fineTuned().last().accuracy()),
                    percent(r.scratch().last().accuracy()),
                    String.format(i18n.locale(), "%+.1f", r.accuracyGainPoints())));
        }
    }

    private String percent(double accuracy) {
        return String.format(i18n.locale(), "%.1f%%", 100 * accuracy);
    }

    /** The finished run, or null. */
    public PretrainingRecipe.Result result() {
        return result;
    }

    public boolean isRunning() {
        return job.isRunning();
    }
}
