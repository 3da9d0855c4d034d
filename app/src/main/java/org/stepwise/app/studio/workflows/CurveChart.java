// A chart of workflow curves (core.workflow.Curve): held-out accuracy in percent against the epoch or the training
// step, one coloured line per curve, with optional labelled vertical markers (where task B started).
package org.stepwise.app.studio.workflows;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stepwise.app.studio.charts.ChartLook;
import org.stepwise.core.workflow.Curve;

final class CurveChart {
    private static final Color[] COLOURS = {new Color(0x0969da), new Color(0xcf222e), new Color(0x1a7f37),
        new Color(0xbf8700)};

    /** A curve as the chart shows it: its points, its name in the legend, and whether it is drawn dashed. */
    record Line(Curve curve, String name, boolean dashed) {
    }

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final boolean byEpoch;

    CurveChart(String id, String xLabel, String yLabel, String noData, boolean byEpoch) {
        this.byEpoch = byEpoch;
        NumberAxis x = new NumberAxis(xLabel);
        if (byEpoch) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(0, 100);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, byEpoch));
        plot.setNoDataMessage(noData);
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setAntiAlias(true);
        ChartLook.apply(chart);
        viewer = new ChartViewer(chart);
        viewer.setId(id);
        viewer.setPrefSize(640, 300);
        viewer.setMinHeight(260);
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    void show(List<Line> lines, List<ValueMarker> markers) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, byEpoch);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            XYSeries series = new XYSeries(line.name(), false, true);
            for (Curve.Point p : line.curve().points()) {
                series.add(byEpoch ? p.epoch() : p.step(), 100 * p.accuracy(), false);
            }
            data.addSeries(series);
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    line.dashed() ? new float[] {7f, 4f} : null, 0f));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setDataset(data);
        plot.clearDomainMarkers();
        for (ValueMarker m : markers) {
            m.setPaint(new Color(0x8c959f));
            m.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {4f, 4f}, 0f));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            m.setLabelPaint(new Color(0x8c959f));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        ChartLook.apply(chart);
    }
}
