// Workflows ▸ Continual training: core's continual workflow on fashion-mnist-small. One MLP learns task A (classes
// 0–4), then task B (classes 5–9), once without and once with a share of replayed A images mixed into B's batches;
// accuracy on both tasks is measured every few steps, and the chart shows A being forgotten and replay holding it.
package org.stepwise.app.studio.workflows;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.plot.ValueMarker;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.workflow.ContinualTraining;
import org.stepwise.core.workflow.FineTune;
import org.stepwise.core.workflow.PretrainingRecipe;
import org.stepwise.core.workflow.Tasks;

public final class ContinualView extends VBox {
    private static final int[] TASK_A = {0, 1, 2, 3, 4};
    private static final int[] TASK_B = {5, 6, 7, 8, 9};
    private static final int PER_CLASS = 200;

    private final I18n i18n;
    private final WorkflowJob<ContinualTraining.Result> job;
    private final Spinner<Double> replay = new Spinner<>(0.05, 0.9, 0.2, 0.05);
    private final Spinner<Integer> epochsA = new Spinner<>(1, 20, 2);
    private final Spinner<Integer> epochsB = new Spinner<>(1, 20, 2);
    private final CurveChart chart;
    private final Label summary = new Label();
    private ContinualTraining.Result result;

    public ContinualView(I18n i18n, Executor worker) {
        this.i18n = i18n;
        WorkflowLayout.column(this, "continual");
        Label intro = WorkflowLayout.paragraph(i18n, "continual.intro", "workflow-intro");
        replay.setId("continual-replay");
        epochsA.setId("continual-epochs-a");
        epochsB.setId("continual-epochs-b");
        GridPane form = WorkflowLayout.form(i18n, "continual.replay", replay, "continual.epochsA", epochsA,
                "continual.epochsB", epochsB);
        job = new WorkflowJob<>(i18n, worker, "continual", "continual.run");
        job.onRun(this::start);
        chart = new CurveChart("continual-chart", i18n.text("workflow.axis.step"),
                i18n.text("workflow.axis.accuracy"), i18n.text("workflow.noData"), false);
        summary.setId("continual-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("workflow-message");
        getChildren().setAll(intro, form, job.controls(), job.message(), chart.viewer(), summary);
    }

    public void start() {
        ContinualTraining.Settings settings = ContinualTraining.Settings.defaults()
                .withReplay(replay.getValue(), ContinualTraining.Settings.defaults().replayCapacity())
                .withEpochs(epochsA.getValue(), epochsB.getValue());
        ContinualTraining[] training = new ContinualTraining[1];
        var progress = job.progress(List.of(ContinualTraining.TASK_A, ContinualTraining.TASK_B,
                ContinualTraining.TASK_B_REPLAY), new int[] {settings.epochsA(), settings.epochsB(),
                settings.epochsB()}, stage -> i18n.text("continual.stage." + stage.replace(' ', '-')));
        summary.setText("");
        job.start(() -> {
            LoadedData loaded;
            try {
                loaded = DataSources.load("fashion-mnist-small", CsvImport.Options.defaults(), 28, 1,
                        settings.seed());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Dataset train = loaded.dataset();
            Dataset test = loaded.test();
            ContinualTraining t = new ContinualTraining(
                    FineTune.withHead(PretrainingRecipe.defaultMlp(train.featureShape()), train.classes()),
                    task("A", TASK_A, train, test, settings.seed()), task("B", TASK_B, train, test, settings.seed()),
                    settings, progress);
            synchronized (training) {
                training[0] = t;
            }
            return t.run();
        }, () -> {
            synchronized (training) {
                if (training[0] != null) {
                    training[0].cancel();
                }
            }
        }, this::show);
    }

    private static ContinualTraining.Task task(String name, int[] classes, Dataset train, Dataset test, long seed) {
        Dataset own = Tasks.ofClasses(train, classes, false);
        own = own.subset(own.name(), Tasks.sample(own, classes, PER_CLASS, seed));
        return new ContinualTraining.Task(name, own, Tasks.ofClasses(test, classes, false));
    }

    private java.util.function.Consumer<ContinualTraining.Result> onTrained;

    /** Told of each run that finished both tasks with and without replay. */
    public void setOnTrained(java.util.function.Consumer<ContinualTraining.Result> listener) {
        onTrained = listener;
    }

    private void show(ContinualTraining.Result r) {
        result = r;
        if (onTrained != null && r.withoutReplay() != null && r.withReplay() != null && !r.cancelled()) {
            onTrained.accept(r);
        }
        if (r.halt() != null) {
            job.message().setText(i18n.text("workflow.halted", r.halt().message()));
        }
        if (r.withoutReplay() == null) {
            job.message().setText(r.cancelled() ? i18n.text("workflow.cancelled") : job.message().getText());
            return;
        }
        ContinualTraining.Run without = r.withoutReplay();
        List<CurveChart.Line> lines = new java.util.ArrayList<>(List.of(
                new CurveChart.Line(without.onA(), i18n.text("continual.curve.aWithout"), true),
                new CurveChart.Line(without.onB(), i18n.text("continual.curve.bWithout"), true)));
        ContinualTraining.Run with = r.withReplay();
        if (with != null) {
            lines.add(new CurveChart.Line(with.onA(), i18n.text("continual.curve.aWith"), false));
            lines.add(new CurveChart.Line(with.onB(), i18n.text("continual.curve.bWith"), false));
        }
        chart.show(lines, List.of(new ValueMarker(without.taskBStart(), java.awt.Color.GRAY,
                new java.awt.BasicStroke(1f)) {
            {
                setLabel(i18n.text("continual.taskBStarts"));
            }
        }));
        job.message().setText(r.cancelled() ? i18n.text("workflow.cancelled") : i18n.text("continual.done"));
        if (with != null) {
            summary.setText(i18n.text("continual.summary", percent(without.accuracyAAfterA()),
                    percent(without.accuracyAAfterB()), percent(with.accuracyAAfterB()),
                    String.format(i18n.locale(), "%.1f", without.forgettingPoints()),
                    String.format(i18n.locale(), "%.1f", with.forgettingPoints())));
        }
    }

    private String percent(double accuracy) {
        return String.format(i18n.locale(), "%.1f%%", 100 * accuracy);
    }

    /** The finished run, or null. */
    public ContinualTraining.Result result() {
        return result;
    }

    public boolean isRunning() {
        return job.isRunning();
    }
}
