// Workflows ▸ Mixed precision: the open network trained four times from one seed, in fp32, bf16, fp16 and fp16
// with dynamic loss scaling, with the loss weakened on request so that fp16's gradients underflow. The loss curves
// share one chart; a table gives each run's final loss and what rounding did (underflows, overflows, skipped steps,
// the final loss scale). The runs happen on the workflows thread; the chart is filled once they are done.
package org.stepwise.app.studio.workflows;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.charts.ChartLook;
import org.stepwise.core.precision.PrecisionComparison;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;

public final class MixedPrecisionView extends VBox {
    /** The signal factors offered: full strength, then weaker by 2¹⁰, 2²⁰ and 2²⁴. */
    static final List<Float> SIGNALS = List.of(1f, 0x1p-10f, 0x1p-20f, 0x1p-24f);
    private static final Color[] COLOURS = {new Color(0x0969da), new Color(0x1a7f37), new Color(0xcf222e),
        new Color(0xbf8700)};

    private final I18n i18n;
    private final Project project;
    private final Executor worker;
    private final ComboBox<Float> signal = new ComboBox<>();
    private final Spinner<Integer> steps = new Spinner<>(10, 5000, 300, 50);
    private final Spinner<Double> learningRate = new Spinner<>(0.0001, 10.0, 0.1, 0.01);
    private final Button run = new Button();
    private final Button cancel = new Button();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final GridPane table = new GridPane();
    private final JFreeChart chart;
    private volatile AtomicBoolean stop;
    private List<PrecisionComparison.Run> runs;

    /** @param project a copy of the open project, taken on the FX thread (its graph, data and settings are used) */
    public MixedPrecisionView(I18n i18n, Project project, Executor worker) {
        this.i18n = i18n;
        this.project = project;
        this.worker = worker;
        WorkflowLayout.column(this, "mixed-precision");
        Label intro = WorkflowLayout.paragraph(i18n, "precision.intro", "workflow-intro");

        signal.setId("precision-signal");
        signal.getItems().setAll(SIGNALS);
        signal.setValue(0x1p-20f);
        signal.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Float f) {
                if (f == null) {
                    return "";
                }
                int exponent = Math.getExponent(f);
                return exponent == 0 ? i18n.text("precision.signal.full") : i18n.text("precision.signal.weak",
                        "2" + superscript(exponent));
            }

            @Override
            public Float fromString(String s) {
                return null;
            }
        });
        steps.setId("precision-steps");
        learningRate.setId("precision-lr");
        run.setText(i18n.text("precision.run"));
        run.setId("precision-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        cancel.setText(i18n.text("precision.cancel"));
        cancel.setId("precision-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancel());
        progress.setId("precision-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);

        GridPane form = WorkflowLayout.form(i18n, "precision.signal", signal, "precision.steps", steps,
                "precision.lr", learningRate);
        HBox controls = new HBox(8, run, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        message.setId("precision-message");
        message.setWrapText(true);

        NumberAxis x = new NumberAxis(i18n.text("precision.axis.step"));
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis y = new LogAxis(i18n.text("precision.axis.loss"));
        y.setSmallestValue(1e-8);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setAntiAlias(true);
        plot.setNoDataMessage(i18n.text("precision.noData"));
        ChartLook.apply(chart);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("precision-chart");
        viewer.setPrefSize(640, 300);
        viewer.setMinHeight(260);

        table.setId("precision-table");
        table.getStyleClass().add("workflow-table");
        table.setHgap(18);
        table.setVgap(4);

        Label note = WorkflowLayout.paragraph(i18n, "precision.note", "workflow-note");
        getChildren().setAll(intro, form, controls, message, viewer, table, note);
    }

    private static String superscript(int exponent) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            b.append(digits.charAt(c - '0'));
        }
        return b.toString();
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    public void start() {
        if (project == null) {
            message.setText(i18n.text("precision.noNetwork"));
            return;
        }
        if (project.data() == null) {
            message.setText(i18n.text("status.noData"));
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        stop = cancelled;
        int n = steps.getValue();
        float factor = signal.getValue();
        float lr = learningRate.getValue().floatValue();
        run.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(0);
        message.setText(i18n.text("precision.loading"));
        int settings = PrecisionComparison.Setting.ALL.size();
        CompletableFuture.supplyAsync(() -> {
            Session session;
            try {
                session = Session.open(project, 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int outputs = session.stepper().network().output().size();
            PrecisionComparison comparison = new PrecisionComparison(project.graph(), project.settings().seed(),
                    session.train(), () -> Session.lossFor(project.settings().loss(), session.train(), outputs),
                    project.settings().batchSize(), lr);
            return comparison.run(PrecisionComparison.Setting.ALL, n, factor, (r, step, of) -> {
                if (step % 10 == 0 || step == of) {
                    double done = (r + step / (double) of) / settings;
                    Platform.runLater(() -> progress.setProgress(done));
                }
            }, cancelled::get);
        }, worker).whenComplete((result, failure) -> Platform.runLater(() -> finished(cancelled, result, failure)));
    }

    public void cancel() {
        AtomicBoolean s = stop;
        if (s != null) {
            s.set(true);
        }
    }

    private void finished(AtomicBoolean which, List<PrecisionComparison.Run> result, Throwable failure) {
        if (stop != which) {
            return;
        }
        run.setDisable(false);
        cancel.setDisable(true);
        if (failure != null) {
            Throwable t = failure.getCause() != null ? failure.getCause() : failure;
            message.setText(i18n.text("precision.failed", t.getMessage() == null ? t.toString() : t.getMessage()));
            return;
        }
        runs = result;
        if (!which.get() && onCompared != null) {
            onCompared.run();
        }
        progress.setProgress(which.get() ? progress.getProgress() : 1);
        message.setText(which.get() ? i18n.text("precision.cancelled", result.size())
                : i18n.text("precision.done", result.size()));
        show(result);
    }

    private void show(List<PrecisionComparison.Run> result) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < result.size(); i++) {
            PrecisionComparison.Run r = result.get(i);
            XYSeries series = new XYSeries(name(r.setting()), false, true);
            float[] loss = r.loss();
            for (int s = 0; s < loss.length; s++) {
                if (loss[s] > 0 && Float.isFinite(loss[s])) {
                    series.add(s + 1, loss[s], false);
                }
            }
            data.addSeries(series);
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(i == 3 ? 2.5f : 1.8f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, i == 3 ? new float[] {7f, 4f} : null, 0f));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setDataset(data);
        ChartLook.apply(chart);

        table.getChildren().clear();
        table.addRow(0, header("precision.col.run"), header("precision.col.loss"),
                header("precision.col.underflows"), header("precision.col.overflows"),
                header("precision.col.skipped"), header("precision.col.scale"));
        for (int i = 0; i < result.size(); i++) {
            PrecisionComparison.Run r = result.get(i);
            var total = r.report().total();
            Label loss = new Label(r.halted() != null ? i18n.text("precision.halted")
                    : String.format(i18n.locale(), "%.4g", r.finalLoss()));
            loss.setId("precision-loss-" + i);
            Label under = new Label(String.format(i18n.locale(), "%,d", total.backward().underflows()));
            under.setId("precision-underflows-" + i);
            table.addRow(i + 1, new Label(name(r.setting())), loss, under,
                    new Label(String.format(i18n.locale(), "%,d", total.overflows())),
                    new Label(String.format(i18n.locale(), "%,d", total.skippedSteps())),
                    new Label(r.report().lossScaling() ? String.format(i18n.locale(), "%.0f", r.report().lossScale())
                            : "–"));
        }
    }

    private String name(PrecisionComparison.Setting s) {
        return s.lossScaling() ? i18n.text("precision.run.scaled", s.precision().id()) : s.precision().id();
    }

    private Label header(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("header");
        return l;
    }

    private Runnable onCompared;

    /** Told when a comparison of all four settings finished. */
    public void setOnCompared(Runnable listener) {
        onCompared = listener;
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The finished runs, or null before the first comparison. */
    public List<PrecisionComparison.Run> runs() {
        return runs;
    }

    public boolean isRunning() {
        return !cancel.isDisabled();
    }
}
