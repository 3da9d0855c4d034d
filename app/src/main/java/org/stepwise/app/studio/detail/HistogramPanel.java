// One histogram of the detail view's Histograms page (activations, gradients or weights of the node): the bars of
// the latest snapshot with their range and statistics, and beneath them the last steps' percentile bands, so a
// distribution that drifts, collapses to zero or explodes shows as a shape over time.
package org.stepwise.app.studio.detail;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.stepwise.app.studio.I18n;

final class HistogramPanel extends VBox {
    private static final Color BAR = Color.web("#4f86c6");
    private static final Color BAND_OUTER = Color.web("#4f86c6", 0.25);
    private static final Color BAND_INNER = Color.web("#4f86c6", 0.5);
    private static final Color MEDIAN = Color.web("#e08a3c");

    private final I18n i18n;
    private final Label stats = new Label();
    private final Label min = small();
    private final Label max = small();
    private final Label historyCaption = new Label();
    private final Label historyTop = small();
    private final Label historyBottom = small();
    private final Plot bars = new Plot(this::drawBars);
    private final Plot fan = new Plot(this::drawFan);
    private Histogram current;
    private List<Histogram> history = List.of();
    private double fanLo;
    private double fanHi;

    HistogramPanel(String what, String title, I18n i18n) {
        super(4);
        this.i18n = i18n;
        setId("histogram-" + what);
        getStyleClass().add("detail-histogram");
        Label heading = new Label(title);
        heading.getStyleClass().add("detail-section-title");
        stats.getStyleClass().add("detail-stats");
        stats.setWrapText(true);
        historyCaption.getStyleClass().add("detail-caption");
        historyCaption.setWrapText(true);
        bars.setPrefHeight(110);
        fan.setPrefHeight(110);
        VBox.setVgrow(bars, Priority.ALWAYS);
        VBox.setVgrow(fan, Priority.ALWAYS);
        BorderPane range = new BorderPane(null, null, max, null, min);
        BorderPane fanRange = new BorderPane(null, historyTop, null, historyBottom, null);
        BorderPane.setAlignment(historyTop, Pos.TOP_RIGHT);
        BorderPane.setAlignment(historyBottom, Pos.BOTTOM_RIGHT);
        BorderPane fanBox = new BorderPane(fan, null, fanRange, null, null);
        fanRange.setMinWidth(64);
        VBox.setVgrow(fanBox, Priority.ALWAYS);
        getChildren().addAll(heading, stats, bars, range, historyCaption, fanBox);
        setMinWidth(220);
    }

    /** The latest histogram and the ones before it (oldest first, the latest last), or null for none. */
    void show(Histogram latest, List<Histogram> past) {
        current = latest;
        history = past;
        if (latest == null) {
            stats.setText(i18n.text("detail.histogram.none"));
            min.setText("");
            max.setText("");
        } else {
            stats.setText(i18n.text("detail.histogram.stats", latest.total(), Numbers.brief(latest.mean()),
                    Numbers.brief(latest.std())) + (latest.nonFinite() > 0
                    ? "  " + i18n.text("detail.histogram.nonFinite", latest.nonFinite()) : ""));
            min.setText(Numbers.brief(latest.min()));
            max.setText(Numbers.brief(latest.max()));
        }
        historyCaption.setText(i18n.text("detail.histogram.history", past.size()));
        fanLo = Double.POSITIVE_INFINITY;
        fanHi = Double.NEGATIVE_INFINITY;
        for (Histogram h : past) {
            if (h.nonFinite() < h.total()) {
                fanLo = Math.min(fanLo, h.quantiles()[0]);
                fanHi = Math.max(fanHi, h.quantiles()[4]);
            }
        }
        boolean any = fanLo <= fanHi;
        historyTop.setText(any ? Numbers.brief(fanHi) : "");
        historyBottom.setText(any ? Numbers.brief(fanLo) : "");
        bars.redraw();
        fan.redraw();
    }

    Histogram current() {
        return current;
    }

    private void drawBars(GraphicsContext g, double w, double h) {
        if (current == null || current.largest() == 0) {
            return;
        }
        int[] counts = current.counts();
        double bw = w / counts.length;
        double top = current.largest();
        g.setFill(BAR);
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                double bh = Math.max(1.5, counts[b] / top * (h - 2));
                g.fillRect(b * bw + 0.5, h - bh, Math.max(1, bw - 1), bh);
            }
        }
        if (current.min() < 0 && current.max() > 0) {
            // Where zero falls, as a thin line, since so much of training is about sign.
            double x = (0 - current.min()) / (current.max() - current.min()) * w;
            g.setStroke(MEDIAN);
            g.setLineWidth(1.5);
            g.strokeLine(x, 0, x, h);
        }
    }

    private void drawFan(GraphicsContext g, double w, double h) {
        int n = history.size();
        if (n == 0 || !(fanLo <= fanHi)) {
            return;
        }
        double span = fanHi > fanLo ? fanHi - fanLo : 1;
        double dx = n == 1 ? 0 : w / (n - 1);
        band(g, w, h, span, dx, 0, 4, BAND_OUTER);
        band(g, w, h, span, dx, 1, 3, BAND_INNER);
        g.setStroke(MEDIAN);
        g.setLineWidth(2);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double y = y(history.get(i).quantiles()[2], h, span);
            double x = n == 1 ? w / 2 : i * dx;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }

    private void band(GraphicsContext g, double w, double h, double span, double dx, int lower, int upper,
                      Color fill) {
        int n = history.size();
        g.setFill(fill);
        if (n == 1) {
            float[] q = history.get(0).quantiles();
            g.fillRect(w / 2 - 4, y(q[upper], h, span), 8, Math.max(1, y(q[lower], h, span) - y(q[upper], h, span)));
            return;
        }
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double y = y(history.get(i).quantiles()[upper], h, span);
            if (i == 0) {
                g.moveTo(0, y);
            } else {
                g.lineTo(i * dx, y);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            g.lineTo(i * dx, y(history.get(i).quantiles()[lower], h, span));
        }
        g.closePath();
        g.fill();
    }

    private double y(double v, double h, double span) {
        return 2 + (1 - (v - fanLo) / span) * (h - 4);
    }

    private static Label small() {
        Label l = new Label();
        l.getStyleClass().add("detail-legend-number");
        return l;
    }

    /** A canvas that fills its region and repaints when resized. */
    private static final class Plot extends Region {
        private final Canvas canvas = new Canvas();
        private final PlotPainter painter;

        Plot(PlotPainter painter) {
            this.painter = painter;
            getStyleClass().add("detail-plot");
            getChildren().add(canvas);
            setMinHeight(50);
        }

        @Override
        protected void layoutChildren() {
            canvas.setWidth(Math.max(1, getWidth()));
            canvas.setHeight(Math.max(1, getHeight()));
            redraw();
        }

        void redraw() {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            painter.paint(g, canvas.getWidth(), canvas.getHeight());
        }
    }

    @FunctionalInterface
    private interface PlotPainter {
        void paint(GraphicsContext g, double w, double h);
    }
}
