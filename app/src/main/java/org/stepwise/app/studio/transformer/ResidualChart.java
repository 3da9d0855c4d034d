// The residual stream's size through the stack: one bar per point (after the embeddings, after each block), its
// height the mean vector length over the sample's positions. A stream that grows block by block is normal; one that
// explodes or collapses is worth a look.
package org.stepwise.app.studio.transformer;

import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.charts.ChartLook;
import org.stepwise.core.gpt.TransformerTrace;

final class ResidualChart {
    private final I18n i18n;
    private final XYSeries series = new XYSeries("norm");
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final XYPlot plot;
    private double[] values = new double[0];
    private String[] shownNames;

    ResidualChart(I18n i18n) {
        this.i18n = i18n;
        NumberAxis y = new NumberAxis(i18n.text("transformer.residual.axis"));
        XYBarRenderer bars = new XYBarRenderer(0.25);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new java.awt.Color(0x2f6fbf));
        plot = new XYPlot(new XYSeriesCollection(series), new SymbolAxis(null, new String[0]), y, bars);
        plot.setNoDataMessage(i18n.text("transformer.waiting"));
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, false);
        chart.setAntiAlias(true);
        ChartLook.apply(chart);
        viewer = new ChartViewer(chart);
        viewer.setId("transformer-residual");
        viewer.setMinSize(0, 0);
        viewer.setPrefSize(320, 220);
    }

    ChartViewer viewer() {
        return viewer;
    }

    /** The bars' heights, embeddings first, for tests. */
    double[] values() {
        return values.clone();
    }

    void show(List<TransformerTrace.ResidualNorm> norms) {
        String[] names = new String[norms.size()];
        values = new double[norms.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = i == 0 ? i18n.text("transformer.residual.embeddings")
                    : i18n.text("transformer.residual.block", i);
            values[i] = norms.get(i).mean();
        }
        if (!java.util.Arrays.equals(names, shownNames)) {
            shownNames = names;
            SymbolAxis x = new SymbolAxis(null, names);
            x.setGridBandsVisible(false);
            plot.setDomainAxis(x);
            ChartLook.apply(chart);
        }
        series.clear();
        for (int i = 0; i < values.length; i++) {
            series.add(i, values[i], false);
        }
        series.fireSeriesChanged();
    }
}
