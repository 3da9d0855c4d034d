// The Charts tab: loss and accuracy, training against validation, per step or per epoch, with the best epoch and an
// early stop marked, a hover readout, and a kept run A drawn under the current run B for comparison.
//
// It reads the controller's curves at most ten times a second while shown, and redraws only when they changed; the
// training thread never touches a chart.
package org.stepwise.app.studio.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Themes;
import org.stepwise.app.studio.TrainingController;

public final class ChartsView extends BorderPane {
    private static final long REFRESH_NANOS = 100_000_000L;
    private static final Color TRAINING = new Color(0x2f81f7);
    private static final Color VALIDATION = new Color(0xe16f24);

    private final TrainingController training;
    private final I18n i18n;
    private final ToggleButton perStep;
    private final ToggleButton perEpoch;
    private final CheckBox logScale;
    private final Label readout = new Label();
    private final Label comparison = new Label();
    private final Button clearA;
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;
    /** The x step of each series (1 per epoch, else batches per epoch of its run), for the readout's epoch. */
    private final List<Integer> lossPerEpoch = new ArrayList<>();
    private final List<Integer> accuracyPerEpoch = new ArrayList<>();
    private RunCurves shown;
    private boolean dirty = true;
    private long lastRefresh;

    public ChartsView(TrainingController training, I18n i18n) {
        this.training = training;
        this.i18n = i18n;
        setId("charts");
        ToggleGroup group = new ToggleGroup();
        perStep = toggle(group, "charts.perStep", "charts-per-step");
        perEpoch = toggle(group, "charts.perEpoch", "charts-per-epoch");
        perEpoch.setSelected(true);
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true);
            }
            redraw();
        });
        logScale = new CheckBox(i18n.text("charts.log"));
        logScale.setId("charts-log");
        logScale.selectedProperty().addListener((o, was, is) -> redraw());

        CheckBox earlyStop = new CheckBox(i18n.text("charts.earlyStop"));
        earlyStop.setId("charts-early-stop");
        Spinner<Integer> patience = new Spinner<>(0, 100, 3);
        patience.setId("charts-patience");
        patience.setPrefWidth(96);
        patience.setEditable(true);
        Runnable applyPatience = () -> training.setEarlyStopping(earlyStop.isSelected() ? patience.getValue() : -1);
        earlyStop.selectedProperty().addListener((o, was, is) -> applyPatience.run());
        patience.valueProperty().addListener((o, was, is) -> applyPatience.run());
        patience.disableProperty().bind(earlyStop.selectedProperty().not());

        Button keepA = new Button(i18n.text("charts.keepA"));
        keepA.setId("charts-keep-a");
        keepA.setOnAction(e -> keepAsA());
        clearA = new Button(i18n.text("charts.clearA"));
        clearA.setId("charts-clear-a");
        clearA.setDisable(training.keptRun() == null);
        clearA.setOnAction(e -> clearA());
        keepA.setTooltip(new javafx.scene.control.Tooltip(i18n.text("charts.keepA.tip")));

        readout.setId("charts-readout");
        readout.getStyleClass().add("text-muted");
        comparison.setId("charts-comparison");
        patience.getStyleClass().add(javafx.scene.control.Spinner.STYLE_CLASS_SPLIT_ARROWS_HORIZONTAL);
        HBox scale = new HBox(0, perStep, perEpoch);
        perStep.getStyleClass().add("left-pill");
        perEpoch.getStyleClass().add("right-pill");
        HBox stop = new HBox(6, earlyStop, patience);
        stop.setAlignment(Pos.CENTER_LEFT);
        HBox runs = new HBox(6, keepA, clearA);
        FlowPane bar = new FlowPane(16, 6, scale, logScale, stop, runs);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 4, 8));
        setTop(bar);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox status = new HBox(12, comparison, grow, readout);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(2, 8, 4, 8));
        status.setMinHeight(22);
        setBottom(status);

        lossChart = chart(i18n.text("charts.loss"));
        accuracyChart = chart(i18n.text("charts.accuracy"));
        lossChart.getXYPlot().setNoDataMessage(i18n.text("charts.noData"));
        GridPane charts = new GridPane();
        charts.add(viewer(lossChart, "charts-loss", lossPerEpoch), 0, 0);
        charts.add(viewer(accuracyChart, "charts-accuracy", accuracyPerEpoch), 1, 0);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(50);
            charts.getColumnConstraints().add(c);
        }
        javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        charts.getRowConstraints().add(row);
        setCenter(charts);
        setMinHeight(0);

        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastRefresh >= REFRESH_NANOS && shownOnScreen()) {
                    lastRefresh = now;
                    refresh();
                }
            }
        };
        sceneProperty().addListener((o, was, is) -> {
            if (is == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    // ---- reading (for tests and the screenshots) -----------------------------------------------------------

    public JFreeChart lossChart() {
        return lossChart;
    }

    public JFreeChart accuracyChart() {
        return accuracyChart;
    }

    /** Reads the controller's curves now and redraws when they changed. */
    public void refresh() {
        RunCurves c = training.curves();
        if (dirty || shown == null || c.version() != shown.version()) {
            shown = c;
            dirty = false;
            draw();
        }
    }

    // ---- commands ------------------------------------------------------------------------------------------

    /** Keeps the current run as A and starts again from the same seed, ready for run B with other settings. */
    public void keepAsA() {
        RunCurves c = training.curves();
        if (c.isEmpty() || c.settings() == null) {
            readout.setText(i18n.text("charts.keepA.empty"));
            return;
        }
        training.setKeptRun(c);
        clearA.setDisable(false);
        training.reset(false);
        redraw();
    }

    public void clearA() {
        training.setKeptRun(null);
        clearA.setDisable(true);
        redraw();
    }

    // ---- drawing -------------------------------------------------------------------------------------------

    private void redraw() {
        dirty = true;
        refresh();
    }

    /** Draws everything from {@code shown}; each chart repaints once, after all its changes. */
    private void draw() {
        lossChart.setNotify(false);
        accuracyChart.setNotify(false);
        try {
            drawCharts();
        } finally {
            lossChart.setNotify(true);
            accuracyChart.setNotify(true);
        }
    }

    private void drawCharts() {
        RunCurves runA = training.keptRun();
        boolean byEpoch = perEpoch.isSelected();
        String[] names = runNames();
        comparison.setText(runA == null ? "" : i18n.text("charts.compare", names[0], names[1]));
        XYPlot loss = lossChart.getXYPlot();
        XYPlot accuracy = accuracyChart.getXYPlot();
        String xLabel = i18n.text(byEpoch ? "charts.epoch" : "charts.step");
        loss.getDomainAxis().setLabel(xLabel);
        accuracy.getDomainAxis().setLabel(xLabel);
        setRangeAxis(loss, logScale.isSelected());
        XYSeriesCollection lossData = new XYSeriesCollection();
        XYSeriesCollection accuracyData = new XYSeriesCollection();
        lossPerEpoch.clear();
        accuracyPerEpoch.clear();
        if (runA != null) {
            addLines(lossData, lossPerEpoch, CurveLines.loss(runA, byEpoch), runA, names[0], byEpoch);
            addLines(accuracyData, accuracyPerEpoch, CurveLines.accuracy(runA, byEpoch), runA, names[0], byEpoch);
        }
        addLines(lossData, lossPerEpoch, CurveLines.loss(shown, byEpoch), shown, names[1], byEpoch);
        addLines(accuracyData, accuracyPerEpoch, CurveLines.accuracy(shown, byEpoch), shown, names[1], byEpoch);
        boolean regression = shown.epochs().stream().anyMatch(e -> e.train() != null
                && Double.isNaN(RunCurves.accuracy(e.train())));
        accuracy.setNoDataMessage(i18n.text(regression ? "charts.noAccuracy" : "charts.noData"));
        loss.setDataset(lossData);
        accuracy.setDataset(accuracyData);
        style(loss, lossData);
        style(accuracy, accuracyData);
        mark(loss, byEpoch);
        mark(accuracy, byEpoch);
        ChartLook.apply(lossChart);
        ChartLook.apply(accuracyChart);
    }

    /** The legend's names of A and B: what differs, e.g. "A: lr 0.03" and "B: lr 0.1"; the current run alone has none. */
    private String[] runNames() {
        RunCurves runA = training.keptRun();
        if (runA == null) {
            return new String[] {"", ""};
        }
        if (shown.settings() == null) {
            return new String[] {"A", "B"};
        }
        List<RunDifference.Item> items = RunDifference.between(runA.settings(), runA.graph(), shown.settings(),
                shown.graph());
        if (items.isEmpty()) {
            return new String[] {"A", i18n.text("charts.diff.same")};
        }
        return new String[] {"A: " + describe(items, true), "B: " + describe(items, false)};
    }

    private String describe(List<RunDifference.Item> items, boolean a) {
        return items.stream().map(i -> i.node() == null ? i18n.text(i.key(), a ? i.a() : i.b())
                : i18n.text(i.key(), i.node(), a ? i.a() : i.b())).collect(Collectors.joining(", "));
    }

    private void addLines(XYSeriesCollection data, List<Integer> perEpochOf, List<CurveLines.Line> lines,
                          RunCurves run, String runName, boolean byEpoch) {
        for (CurveLines.Line line : lines) {
            if (line.size() == 0) {
                continue;
            }
            String kind = i18n.text(line.kind() == CurveLines.Kind.TRAINING ? "charts.training" : "charts.validation");
            XYSeries series = new XYSeries(runName.isEmpty() ? kind : runName + " · " + kind, false, true);
            for (int i = 0; i < line.size(); i++) {
                series.add(line.x()[i], line.y()[i], false);
            }
            data.addSeries(series);
            perEpochOf.add(byEpoch ? 1 : run.batchesPerEpoch());
        }
    }

    /** Training blue, validation orange; run A dashed and paler under run B. */
    private void style(XYPlot plot, XYSeriesCollection data) {
        boolean comparing = training.keptRun() != null;
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = data.getSeriesKey(i).toString();
            boolean validation = key.endsWith(i18n.text("charts.validation"));
            boolean isA = comparing && key.startsWith("A");
            Color c = validation ? VALIDATION : TRAINING;
            r.setSeriesPaint(i, isA ? new Color(c.getRed(), c.getGreen(), c.getBlue(), 150) : c);
            r.setSeriesStroke(i, isA ? new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            // Dots mark measurements while they are few enough to tell apart; a long run is a line.
            r.setSeriesShapesVisible(i, data.getItemCount(i) <= 40);
        }
        plot.setRenderer(r);
    }

    /** The current run's best epoch (lowest validation loss) and its early stop, as labelled vertical lines. */
    private void mark(XYPlot plot, boolean byEpoch) {
        plot.clearDomainMarkers();
        org.jfree.data.Range range = org.jfree.data.general.DatasetUtils.findDomainBounds(plot.getDataset());
        double middle = range == null ? 0 : range.getCentralValue();
        int best = shown.bestEpoch();
        if (best > 0) {
            plot.addDomainMarker(marker(CurveLines.epochX(shown, best, byEpoch), middle, true,
                    Themes.isDark() ? new Color(0x3fb950) : new Color(0x1a7f37), i18n.text("charts.best", best)));
        }
        if (shown.stoppedEpoch() > 0) {
            plot.addDomainMarker(marker(CurveLines.epochX(shown, shown.stoppedEpoch(), byEpoch), middle, false,
                    Themes.isDark() ? new Color(0xf85149) : new Color(0xcf222e),
                    i18n.text("charts.stopped", shown.stoppedEpoch())));
        }
    }

    /** A dashed line at x, labelled at the top or the bottom, on the side of the line with more room. */
    private static ValueMarker marker(double x, double middle, boolean top, Color color, String label) {
        ValueMarker m = new ValueMarker(x, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {4f, 3f}, 0f));
        boolean right = x <= middle;
        m.setLabel(label);
        m.setLabelPaint(color);
        m.setLabelBackgroundColor(ChartLook.background());
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        m.setLabelAnchor(top ? (right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT)
                : (right ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT));
        m.setLabelTextAnchor(top ? (right ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT)
                : (right ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT));
        m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
        return m;
    }

    private void setRangeAxis(XYPlot plot, boolean log) {
        if (log == plot.getRangeAxis() instanceof LogAxis) {
            return;
        }
        String label = plot.getRangeAxis().getLabel();
        ValueAxis axis;
        if (log) {
            LogAxis l = new LogAxis(label);
            l.setSmallestValue(1e-6);
            l.setAutoTickUnitSelection(true);
            axis = l;
        } else {
            NumberAxis n = new NumberAxis(label);
            n.setAutoRangeIncludesZero(false);
            axis = n;
        }
        plot.setRangeAxis(axis);
    }

    // ---- the hover readout ---------------------------------------------------------------------------------

    private void hover(ChartViewer viewer, JFreeChart chart, List<Integer> perEpochOf, MouseEvent e) {
        var info = viewer.getCanvas().getRenderingInfo();
        XYPlot plot = chart.getXYPlot();
        if (info == null || plot.getDataset() == null) {
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double best = Double.POSITIVE_INFINITY;
        String text = "";
        for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
            for (int i = 0; i < plot.getDataset().getItemCount(s); i++) {
                double x = plot.getDataset().getXValue(s, i);
                double y = plot.getDataset().getYValue(s, i);
                double px = plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM);
                double py = plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT);
                double d = Math.hypot(px - e.getX(), py - e.getY());
                if (d < best) {
                    best = d;
                    text = readout(plot.getDataset().getSeriesKey(s).toString(), x, y, perEpochOf.get(s));
                }
            }
        }
        readout.setText(best < 40 ? text : "");
    }

    private String readout(String series, double x, double y, int perEpochX) {
        long at = Math.round(x);
        String value = String.format(i18n.locale(), "%.4g", y);
        return perEpochX == 1 && perEpoch.isSelected() ? i18n.text("charts.readout.epoch", at, series, value)
                : i18n.text("charts.readout.step", at, (at + perEpochX - 1) / perEpochX, series, value);
    }

    // ---- building ------------------------------------------------------------------------------------------

    private ToggleButton toggle(ToggleGroup group, String key, String id) {
        ToggleButton b = new ToggleButton(i18n.text(key));
        b.setId(id);
        b.setToggleGroup(group);
        return b;
    }

    private static JFreeChart chart(String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setAntiAlias(true);
        return chart;
    }

    private ChartViewer viewer(JFreeChart chart, String id, List<Integer> perEpochOf) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(id);
        viewer.setMinSize(0, 0);
        viewer.setPrefSize(400, 240);
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(viewer, chart, perEpochOf, e));
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(""));
        return viewer;
    }

    private boolean shownOnScreen() {
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }
}
