// The large map of the input plane: the network's output (or one hovered unit) painted pixel by pixel, the
// training points filled and the validation points as rings, axes in the data's raw units, and the traced point.
//
// A click asks for a trace at that point, snapped to a drawn sample within a few pixels.
package org.stepwise.app.studio.playground;

import java.util.function.BiConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.stepwise.core.data.Dataset;

final class OutputMap extends Region {
    static final double LEFT = 64;
    static final double BOTTOM = 62;
    static final double TOP = 8;
    static final double RIGHT = 12;
    private static final double RADIUS = 5;
    private static final double SNAP = 9;

    private final ImageView image = new ImageView();
    private final Canvas points = new Canvas();
    private final Rectangle frame = new Rectangle();
    private final java.util.List<Label> x1Ticks = new java.util.ArrayList<>();
    private final java.util.List<Label> x2Ticks = new java.util.ArrayList<>();
    private final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(18, 6);
    private final Label x1Title = new Label();
    private final Label x2Title = new Label();
    private WritableImage writable;
    private int res;
    /** The image shown while training plays, of a coarser grid; null before the first. */
    private WritableImage coarse;
    private PlaneData data;
    private Color background = Color.WHITE;
    private double[] traced;
    private double low;
    private double high;
    private BiConsumer<Double, Double> onPick = (a, b) -> { };
    private double plotX;
    private double plotY;
    private double plotSize;

    OutputMap() {
        getStyleClass().add("playground-map");
        setId("playground-output");
        image.setSmooth(true);
        image.setMouseTransparent(true);
        points.setMouseTransparent(true);
        frame.getStyleClass().add("playground-map-frame");
        frame.setMouseTransparent(true);
        x1Title.getStyleClass().add("playground-axis-title");
        x2Title.getStyleClass().add("playground-axis-title");
        x2Title.setRotate(-90);
        legend.getStyleClass().add("playground-legend");
        getChildren().addAll(image, points, frame, x1Title, x2Title, legend);
        // Placed by hand in layoutChildren; unmanaged, its new pixels (every frame while training) ask for no layout.
        image.setManaged(false);
        points.setManaged(false);
        frame.setManaged(false);
        setOnMouseClicked(e -> pick(e.getX(), e.getY()));
        setMinSize(240, 240);
    }

    /** Where the plot was when the points were last drawn. */
    private double pointsX;
    private double pointsSize = -1;

    void setOnPick(BiConsumer<Double, Double> onPick) {
        this.onPick = onPick;
    }

    /** New data (or a new grid size): the image, points and axes are made again. */
    void setData(PlaneData data, int res) {
        this.data = data;
        this.res = res;
        this.writable = new WritableImage(res, res);
        pointsSize = -1;
        image.setImage(writable);
        double[] range = targetRange(data.trainRaw());
        low = range[0];
        high = range[1];
        getChildren().removeAll(x1Ticks);
        getChildren().removeAll(x2Ticks);
        x1Ticks.clear();
        x2Ticks.clear();
        Plane p = data.plane();
        for (double t : Ticks.of(p.x1Min(), p.x1Max())) {
            x1Ticks.add(tick(Ticks.format(t), t));
        }
        for (double t : Ticks.of(p.x2Min(), p.x2Max())) {
            Label l = tick(Ticks.format(t), t);
            l.getStyleClass().add("playground-tick-y");
            x2Ticks.add(l);
        }
        getChildren().addAll(x1Ticks);
        getChildren().addAll(x2Ticks);
        x1Title.setText(data.featureNames().get(0));
        x2Title.setText(data.featureNames().get(1));
        traced = null;
        requestLayout();
    }

    /** The smallest and largest training target: the regression map's colour scale. */
    static double[] targetRange(Dataset d) {
        if (d.isClassification()) {
            return new double[] {0, 1};
        }
        int o = d.outputs();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.n(); i++) {
            lo = Math.min(lo, d.y()[i * o]);
            hi = Math.max(hi, d.y()[i * o]);
        }
        return new double[] {lo, hi};
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }

    /** Writes res² ARGB pixels, top row first. */
    void setPixels(int[] argb) {
        setPixels(argb, res);
    }

    /** Writes side² ARGB pixels, top row first, into the full image or, for a coarser grid, an image of its size. */
    void setPixels(int[] argb, int side) {
        if (side != res) {
            if (coarse == null || coarse.getWidth() != side) {
                coarse = new WritableImage(side, side);
            }
            coarse.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
            image.setImage(coarse);
            return;
        }
        writable.getPixelWriter().setPixels(0, 0, res, res, PixelFormat.getIntArgbInstance(), argb, 0, res);
        image.setImage(writable);
    }

    WritableImage image() {
        return writable;
    }

    /** The image on screen: the full one, or the coarse one while training plays. */
    javafx.scene.image.Image shown() {
        return image.getImage();
    }

    void setBackgroundColor(Color bg) {
        if (!bg.equals(background)) {
            background = bg;
            drawPoints();
        }
    }

    /** The point a trace is shown for, in raw units; null for none. */
    void setTraced(double[] point) {
        traced = point;
        drawPoints();
    }

    int trainPoints() {
        return data == null ? 0 : data.trainRaw().n();
    }

    int validationPoints() {
        return data == null || data.validationRaw() == null ? 0 : data.validationRaw().n();
    }

    // ---- layout and drawing ---------------------------------------------------------------------------------------

    /** The legend under the plot; the view fills it. */
    javafx.scene.layout.FlowPane legend() {
        return legend;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double legendWidth = Math.max(100, w - LEFT - RIGHT);
        double legendHeight = legend.prefHeight(legendWidth);
        plotSize = Math.max(100, Math.min(w - LEFT - RIGHT, h - TOP - BOTTOM - legendHeight));
        plotX = LEFT + Math.max(0, (w - LEFT - RIGHT - plotSize) / 2);
        plotY = TOP;
        image.setFitWidth(plotSize);
        image.setFitHeight(plotSize);
        image.relocate(plotX, plotY);
        frame.setX(plotX);
        frame.setY(plotY);
        frame.setWidth(plotSize);
        frame.setHeight(plotSize);
        points.setWidth(w);
        points.setHeight(h);
        layoutAxes();
        // As wide as it was measured for, so it wraps into the lines it was given room for.
        legend.resizeRelocate(LEFT, plotY + plotSize + BOTTOM, legendWidth, legendHeight);
        // Every new pixel of the map asks for a layout; the points are drawn again only when they moved.
        if (plotX != pointsX || plotSize != pointsSize || w != points.getWidth()) {
            drawPoints();
        }
    }

    private void layoutAxes() {
        if (data == null) {
            return;
        }
        Plane p = data.plane();
        for (Label l : x1Ticks) {
            double x = plotX + p.u((Double) l.getUserData()) * plotSize;
            l.resizeRelocate(x - 30, plotY + plotSize + 6, 60, l.prefHeight(-1));
        }
        for (Label l : x2Ticks) {
            double y = plotY + p.v((Double) l.getUserData()) * plotSize;
            double lh = l.prefHeight(-1);
            l.resizeRelocate(plotX - 50, y - lh / 2, 44, lh);
        }
        double tw = x1Title.prefWidth(-1);
        double th = x1Title.prefHeight(-1);
        x1Title.resizeRelocate(plotX + (plotSize - tw) / 2, plotY + plotSize + 26, tw, th);
        double vw = x2Title.prefWidth(-1);
        double vh = x2Title.prefHeight(-1);
        x2Title.resizeRelocate(plotX - 60 - vw / 2 + vh / 2, plotY + (plotSize - vh) / 2, vw, vh);
    }

    private static Label tick(String text, double value) {
        Label l = new Label(text);
        l.getStyleClass().add("playground-tick");
        l.setUserData(value);
        return l;
    }

    private void drawPoints() {
        pointsX = plotX;
        pointsSize = plotSize;
        GraphicsContext g = points.getGraphicsContext2D();
        g.clearRect(0, 0, points.getWidth(), points.getHeight());
        if (data == null) {
            return;
        }
        // Tick marks on the frame's outside.
        Plane p = data.plane();
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        for (double t : Ticks.of(p.x1Min(), p.x1Max())) {
            double x = Math.round(plotX + p.u(t) * plotSize) + 0.5;
            g.strokeLine(x, plotY + plotSize, x, plotY + plotSize + 5);
        }
        for (double t : Ticks.of(p.x2Min(), p.x2Max())) {
            double y = Math.round(plotY + p.v(t) * plotSize) + 0.5;
            g.strokeLine(plotX - 5, y, plotX, y);
        }
        g.save();
        g.beginPath();
        g.rect(plotX, plotY, plotSize, plotSize);
        g.clip();
        draw(g, data.trainRaw(), true);
        if (data.validationRaw() != null) {
            draw(g, data.validationRaw(), false);
        }
        if (traced != null) {
            double x = plotX + p.u(traced[0]) * plotSize;
            double y = plotY + p.v(traced[1]) * plotSize;
            g.setLineWidth(5);
            g.setStroke(background);
            g.strokeOval(x - 11, y - 11, 22, 22);
            g.setLineWidth(2.5);
            g.setStroke(contrast());
            g.strokeOval(x - 11, y - 11, 22, 22);
            g.strokeLine(x - 17, y, x - 7, y);
            g.strokeLine(x + 7, y, x + 17, y);
            g.strokeLine(x, y - 17, x, y - 7);
            g.strokeLine(x, y + 7, x, y + 17);
        }
        g.restore();
    }

    /** Around filled points: white on the light theme, as Playground does, and a soft light grey on the dark. */
    private Color outline() {
        return background.getBrightness() > 0.5 ? Color.WHITE : Color.gray(0.85, 0.75);
    }

    private Color contrast() {
        return background.getBrightness() > 0.5 ? Color.gray(0.1) : Color.gray(0.95);
    }

    private void draw(GraphicsContext g, Dataset d, boolean filled) {
        Plane p = data.plane();
        float[] x = d.x();
        for (int i = 0; i < d.n(); i++) {
            double px = plotX + p.u(x[2 * i]) * plotSize;
            double py = plotY + p.v(x[2 * i + 1]) * plotSize;
            Color c = pointColor(d, i);
            if (filled) {
                g.setFill(c);
                g.fillOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
                g.setStroke(outline());
                g.setLineWidth(1.4);
                g.strokeOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
            } else {
                g.setStroke(background);
                g.setLineWidth(4.6);
                g.strokeOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
                g.setStroke(c);
                g.setLineWidth(2.4);
                g.strokeOval(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS);
            }
        }
    }

    private Color pointColor(Dataset d, int i) {
        if (d.isClassification()) {
            return PlanePaint.classColor(d.labels()[i]);
        }
        double y = d.y()[i * d.outputs()];
        double v = high > low ? 2 * (y - low) / (high - low) - 1 : 0;
        Color hue = v < 0 ? PlanePaint.NEGATIVE : PlanePaint.POSITIVE;
        return background.interpolate(hue, Math.min(1, 0.25 + Math.abs(v)));
    }

    // ---- picking --------------------------------------------------------------------------------------------------

    private void pick(double mx, double my) {
        if (data == null || mx < plotX || my < plotY || mx > plotX + plotSize || my > plotY + plotSize) {
            return;
        }
        Plane p = data.plane();
        double x1 = p.x1Min() + (mx - plotX) / plotSize * (p.x1Max() - p.x1Min());
        double x2 = p.x2Max() - (my - plotY) / plotSize * (p.x2Max() - p.x2Min());
        double best = SNAP;
        for (Dataset d : new Dataset[] {data.trainRaw(), data.validationRaw()}) {
            if (d == null) {
                continue;
            }
            for (int i = 0; i < d.n(); i++) {
                double dx = plotX + p.u(d.x()[2 * i]) * plotSize - mx;
                double dy = plotY + p.v(d.x()[2 * i + 1]) * plotSize - my;
                double dist = Math.hypot(dx, dy);
                if (dist < best) {
                    best = dist;
                    x1 = d.x()[2 * i];
                    x2 = d.x()[2 * i + 1];
                }
            }
        }
        onPick.accept(x1, x2);
    }

    /** Where plane point (x1, x2) is drawn, in this region's coordinates. */
    javafx.geometry.Point2D toLocal(double x1, double x2) {
        Plane p = data.plane();
        return new javafx.geometry.Point2D(plotX + p.u(x1) * plotSize, plotY + p.v(x2) * plotSize);
    }
}
