// The studio's look for JFreeChart charts: Primer's colours, light or dark (black and white in high contrast), and
// its fonts at the UI scale. Charts paint with AWT
// colours rather than CSS, so every chart calls apply() after it is built and after a theme switch.
package org.stepwise.app.studio.charts;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.stepwise.app.studio.Themes;

public final class ChartLook {
    private ChartLook() {
    }

    /** Primer's colours, light or dark, since the chart paints with AWT colours rather than CSS. */
    public static void apply(JFreeChart chart) {
        boolean dark = Themes.isDark();
        Color bg = background();
        boolean contrast = Themes.isHighContrast();
        Color fg = contrast ? Color.WHITE : dark ? new Color(0xe6edf3) : new Color(0x1f2328);
        Color muted = contrast ? new Color(0xe0e0e0) : dark ? new Color(0x8d96a0) : new Color(0x59636e);
        Color grid = contrast ? new Color(0x909090) : dark ? new Color(0x30363d) : new Color(0xd1d9e0);
        chart.setBackgroundPaint(bg);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(bg);
        plot.setOutlinePaint(grid);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setNoDataMessagePaint(muted);
        plot.setNoDataMessageFont(font(13));
        for (ValueAxis a : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setLabelPaint(fg);
            a.setTickLabelPaint(muted);
            a.setAxisLinePaint(grid);
            a.setTickMarkPaint(grid);
            a.setLabelFont(font(12));
            a.setTickLabelFont(font(11));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(bg);
            chart.getLegend().setItemPaint(fg);
            chart.getLegend().setItemFont(font(12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
            // Room after each name: the canvas measures CJK text narrower than it draws it.
            chart.getLegend().setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 14));
        }
    }

    public static Color background() {
        return Themes.isHighContrast() ? Color.BLACK : Themes.isDark() ? new Color(0x0d1117) : Color.WHITE;
    }

    /** A plain sans-serif font of {@code size} points at 100 %, grown with the UI scale (and high contrast). */
    public static Font font(int size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN,
                (int) Math.round(size * Themes.fontSize() / Themes.BASE_FONT_SIZE));
    }
}
