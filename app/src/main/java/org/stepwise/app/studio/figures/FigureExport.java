// Figures and data out, without any UI: a JavaFX node as PNG at a scale, a JFreeChart as PNG or SVG, an image to the
// clipboard, and a run's history as CSV. Every write is atomic and fails with one sentence naming the file.
//
// SVG is written here from the chart's own model (its XY datasets, axes, series colours and legend names): neither
// JFreeSVG nor another Graphics2D-to-SVG library is available offline, and a line chart needs little more.
package org.stepwise.app.studio.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.io.AtomicFiles;

public final class FigureExport {
    /** The scales the studio offers, 100 % to 400 %. */
    public static final double MIN_SCALE = 1;
    public static final double MAX_SCALE = 4;
    /** The CSV's columns, in order; a cell is empty where the run did not measure it (no validation, regression). */
    public static final List<String> CSV_HEADER = List.of("epoch", "mean_batch_loss", "train_loss", "train_accuracy",
            "val_loss", "val_accuracy", "train_mse", "val_mse", "train_r2", "val_r2");

    private FigureExport() {
    }

    // ---- raster ----------------------------------------------------------------------------------------------

    /**
     * The node as it is drawn now, {@code scale} times larger in pixels: a 300 × 200 node at 2× is 600 × 400. Call
     * on the FX thread; the node should be in a scene (for its CSS) and have a size.
     */
    public static WritableImage snapshot(Node node, double scale) {
        checkScale(scale);
        Bounds b = node.getLayoutBounds();
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            throw new IllegalArgumentException("The view has no size yet; show it first and try again.");
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(scale, scale));
        int width = (int) Math.round(b.getWidth() * scale);
        int height = (int) Math.round(b.getHeight() * scale);
        params.setViewport(new javafx.geometry.Rectangle2D(b.getMinX() * scale, b.getMinY() * scale, width, height));
        return node.snapshot(params, new WritableImage(width, height));
    }

    /** The chart drawn at {@code width} × {@code height} points, {@code scale} times larger in pixels. */
    public static BufferedImage render(JFreeChart chart, double width, double height, double scale) {
        checkScale(scale);
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    public static BufferedImage toAwt(Image image) {
        BufferedImage argb = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        return SwingFXUtils.fromFXImage(image, argb);
    }

    public static Image toFx(BufferedImage image) {
        return SwingFXUtils.toFXImage(image, null);
    }

    /** Writes the image as PNG, atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("Could not write " + file + ": no PNG writer accepts this image.");
        }
        write(file, bytes.toByteArray());
    }

    public static void writePng(Image image, Path file) throws IOException {
        writePng(toAwt(image), file);
    }

    /** Snapshot and PNG in one, on the FX thread. */
    public static void writePng(Node node, double scale, Path file) throws IOException {
        writePng(snapshot(node, scale), file);
    }

    public static void writePng(JFreeChart chart, double width, double height, double scale, Path file) throws IOException {
        writePng(render(chart, width, height, scale), file);
    }

    /** Puts the image on the system clipboard (FX thread); pasting gives the picture. */
    public static void copyToClipboard(Image image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(image);
        Clipboard.getSystemClipboard().setContent(content);
    }

    // ---- SVG -------------------------------------------------------------------------------------------------

    /** Whether {@link #svg} can draw the chart: an XY plot (the studio's loss and accuracy charts are). */
    public static boolean isVector(JFreeChart chart) {
        return chart != null && chart.getPlot() instanceof XYPlot;
    }

    public static void writeSvg(JFreeChart chart, int width, int height, Path file) throws IOException {
        write(file, svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The chart as an SVG document of {@code width} × {@code height}: the plot's frame, both axes with ticks and
     * labels, every visible series of every dataset as a polyline in its colour, and a legend with the series'
     * names. Non-finite points break a line rather than end it.
     */
    public static String svg(JFreeChart chart, int width, int height) {
        if (!isVector(chart)) {
            throw new IllegalArgumentException("Only XY charts can be written as SVG.");
        }
        XYPlot plot = chart.getXYPlot();
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();
        double left = 64;
        double right = width - 16;
        double top = 16;
        double bottom = height - 64;
        double x0 = xAxis.getLowerBound();
        double x1 = xAxis.getUpperBound();
        double y0 = yAxis.getLowerBound();
        double y1 = yAxis.getUpperBound();
        if (!(x1 > x0)) {
            x1 = x0 + 1;
        }
        if (!(y1 > y0)) {
            y1 = y0 + 1;
        }
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"").append(color(chart.getBackgroundPaint(), "#ffffff")).append("\"/>\n");
        s.append("<rect x=\"").append(num(left)).append("\" y=\"").append(num(top)).append("\" width=\"")
                .append(num(right - left)).append("\" height=\"").append(num(bottom - top)).append("\" fill=\"")
                .append(color(plot.getBackgroundPaint(), "#ffffff")).append("\" stroke=\"#888888\"/>\n");
        // Ticks and grid.
        s.append("<g stroke=\"#dddddd\" stroke-width=\"0.5\">\n");
        StringBuilder labels = new StringBuilder("<g fill=\"#333333\">\n");
        for (double t : ticks(x0, x1, 8)) {
            double px = left + (t - x0) / (x1 - x0) * (right - left);
            s.append("<line x1=\"").append(num(px)).append("\" y1=\"").append(num(top)).append("\" x2=\"")
                    .append(num(px)).append("\" y2=\"").append(num(bottom)).append("\"/>\n");
            labels.append("<text x=\"").append(num(px)).append("\" y=\"").append(num(bottom + 14))
                    .append("\" text-anchor=\"middle\">").append(escape(tick(t))).append("</text>\n");
        }
        for (double t : ticks(y0, y1, 6)) {
            double py = bottom - (t - y0) / (y1 - y0) * (bottom - top);
            s.append("<line x1=\"").append(num(left)).append("\" y1=\"").append(num(py)).append("\" x2=\"")
                    .append(num(right)).append("\" y2=\"").append(num(py)).append("\"/>\n");
            labels.append("<text x=\"").append(num(left - 4)).append("\" y=\"").append(num(py + 4))
                    .append("\" text-anchor=\"end\">").append(escape(tick(t))).append("</text>\n");
        }
        s.append("</g>\n").append(labels).append("</g>\n");
        if (xAxis.getLabel() != null) {
            s.append("<text x=\"").append(num((left + right) / 2)).append("\" y=\"").append(num(bottom + 30))
                    .append("\" text-anchor=\"middle\">").append(escape(xAxis.getLabel())).append("</text>\n");
        }
        if (yAxis.getLabel() != null) {
            s.append("<text transform=\"translate(14,").append(num((top + bottom) / 2))
                    .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yAxis.getLabel()))
                    .append("</text>\n");
        }
        // Series, clipped to the plot.
        s.append("<defs><clipPath id=\"plot\"><rect x=\"").append(num(left)).append("\" y=\"").append(num(top))
                .append("\" width=\"").append(num(right - left)).append("\" height=\"").append(num(bottom - top))
                .append("\"/></clipPath></defs>\n<g clip-path=\"url(#plot)\" fill=\"none\" stroke-width=\"1.5\">\n");
        List<String[]> legend = new ArrayList<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset data = plot.getDataset(d);
            XYItemRenderer renderer = plot.getRendererForDataset(data);
            if (data == null || renderer == null) {
                continue;
            }
            for (int series = 0; series < data.getSeriesCount(); series++) {
                if (!renderer.isSeriesVisible(series)) {
                    continue;
                }
                String key = String.valueOf(data.getSeriesKey(series));
                String stroke = color(renderer instanceof org.jfree.chart.renderer.AbstractRenderer a
                        ? a.lookupSeriesPaint(series) : renderer.getSeriesPaint(series), "#1f77b4");
                legend.add(new String[] {key, stroke});
                s.append("<path data-series=\"").append(escape(key)).append("\" stroke=\"").append(stroke)
                        .append("\" d=\"");
                boolean pen = false;
                for (int i = 0; i < data.getItemCount(series); i++) {
                    double x = data.getXValue(series, i);
                    double y = data.getYValue(series, i);
                    if (!Double.isFinite(x) || !Double.isFinite(y)) {
                        pen = false;
                        continue;
                    }
                    double px = left + (x - x0) / (x1 - x0) * (right - left);
                    double py = bottom - (y - y0) / (y1 - y0) * (bottom - top);
                    s.append(pen ? " L" : " M").append(num(px)).append(',').append(num(py));
                    pen = true;
                }
                s.append("\"/>\n");
            }
        }
        s.append("</g>\n");
        // Legend under the axis label, left to right.
        double lx = left;
        double ly = height - 14;
        for (String[] entry : legend) {
            s.append("<line x1=\"").append(num(lx)).append("\" y1=\"").append(num(ly - 4)).append("\" x2=\"")
                    .append(num(lx + 18)).append("\" y2=\"").append(num(ly - 4)).append("\" stroke=\"")
                    .append(entry[1]).append("\" stroke-width=\"2\"/>\n");
            s.append("<text x=\"").append(num(lx + 22)).append("\" y=\"").append(num(ly)).append("\">")
                    .append(escape(entry[0])).append("</text>\n");
            lx += 30 + 7 * entry[0].length();
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Round tick values covering [lo, hi], about {@code count} of them (1, 2 or 5 × a power of ten apart). */
    static List<Double> ticks(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9 && ticks.size() < 100; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    private static String tick(double t) {
        if (t == Math.rint(t) && Math.abs(t) < 1e9) {
            return Long.toString((long) t);
        }
        return String.format(Locale.ROOT, "%.4g", t).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String color(Paint paint, String fallback) {
        if (paint instanceof Color c) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }
        return fallback;
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    /** The history as CSV: the header of {@link #CSV_HEADER}, then one row per epoch, oldest first. */
    public static String historyCsv(List<History.Epoch> epochs) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (History.Epoch e : epochs) {
            b.append(e.epoch()).append(',').append(cell(e.meanBatchLoss())).append(',')
                    .append(cell(loss(e.train()))).append(',').append(cell(accuracy(e.train()))).append(',')
                    .append(cell(loss(e.validation()))).append(',').append(cell(accuracy(e.validation())))
                    .append(',').append(cell(mse(e.train()))).append(',').append(cell(mse(e.validation())))
                    .append(',').append(cell(r2(e.train()))).append(',').append(cell(r2(e.validation())))
                    .append('\n');
        }
        return b.toString();
    }

    public static void writeHistoryCsv(List<History.Epoch> epochs, Path file) throws IOException {
        write(file, historyCsv(epochs).getBytes(StandardCharsets.UTF_8));
    }

    private static double loss(Metrics m) {
        return m == null ? Double.NaN : m.loss();
    }

    private static double accuracy(Metrics m) {
        return m instanceof ClassificationMetrics c ? c.accuracy() : Double.NaN;
    }

    private static double mse(Metrics m) {
        return m instanceof RegressionMetrics r ? r.mse() : Double.NaN;
    }

    private static double r2(Metrics m) {
        return m instanceof RegressionMetrics r ? r.r2() : Double.NaN;
    }

    /** Empty for not measured (NaN); full precision otherwise, with a dot whatever the locale. */
    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    private static void checkScale(double scale) {
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("The scale must be between 100 % and 400 %, not "
                    + Math.round(scale * 100) + " %.");
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("Could not write " + file + " (" + why + ").", e);
        }
    }
}
