// One attention head's pattern as a T × T heatmap: rows are query positions, columns key positions, each cell one
// pixel of a WritableImage drawn scaled up with smoothing off. The upper triangle, which causal attention masks, is
// left empty. The sample's characters label the axes, every n-th one when the cells are too small for all of them.
package org.stepwise.app.studio.transformer;

import java.util.function.IntFunction;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.stepwise.app.studio.Themes;
import org.stepwise.app.studio.detail.ColorMap;
import org.stepwise.app.studio.detail.Scale;

final class AttentionMap extends Region {
    /**
     * One fixed scale, so every head and every frame reads the same. It tops out at 0.5, not 1: a row spreads 1 over
     * up to T keys, so most weights are small, and a weight of a half already means the query looks at one key.
     */
    static final Scale SCALE = new Scale(0, 0.5, ColorMap.SEQUENTIAL);

    /** Told about the cell under the mouse; row −1 when the mouse left the cells. */
    interface HoverListener {
        void hovered(AttentionMap source, int row, int col);
    }

    private final Canvas canvas = new Canvas();
    private WritableImage image;
    private int[] pixels = new int[0];
    private float[] pattern;
    private int positions;
    private IntFunction<String> symbols = i -> "";
    private HoverListener hoverListener;
    private int hoverRow = -1;
    private int hoverCol;
    // ---- geometry of the last layout ----
    private double cell;
    private double left;
    private double top;
    private double fontSize;

    AttentionMap() {
        getStyleClass().add("attention-map");
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        getChildren().add(canvas);
        canvas.setOnMouseMoved(e -> hover(locate(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hover(null));
        setMinSize(80, 80);
    }

    void setOnHover(HoverListener listener) {
        hoverListener = listener;
    }

    /** Paints one head's T × T weights (the snapshot's own copy, not changed) with the axes' characters. */
    void show(float[] weights, int t, IntFunction<String> characters) {
        boolean resized = t != positions;
        pattern = weights;
        positions = t;
        symbols = characters;
        paintImage();
        if (resized) {
            requestLayout();
        }
        draw();
    }

    int positions() {
        return positions;
    }

    /** The weight the cell shows: query {@code row}, key {@code col}. */
    float value(int row, int col) {
        return pattern[row * positions + col];
    }

    /** The colour the cell is painted in, read back from the image; 0 (transparent) for a masked cell. */
    int argb(int row, int col) {
        return image.getPixelReader().getArgb(col, row);
    }

    /** {row, column} of the cell under the mouse, or null. */
    int[] hovered() {
        return hoverRow < 0 ? null : new int[] {hoverRow, hoverCol};
    }

    /** Every n-th position is labelled; 1 when every character fits. */
    int labelEvery() {
        return cell <= 0 ? positions : Math.max(1, (int) Math.ceil(fontSize * 1.15 / cell));
    }

    /** The centre of a cell in screen coordinates, for tests that hover it. */
    Point2D cellCenterOnScreen(int row, int col) {
        return canvas.localToScreen(left + (col + 0.5) * cell, top + (row + 0.5) * cell);
    }

    // ---- painting ------------------------------------------------------------------------------------------------

    private void paintImage() {
        int t = positions;
        if (image == null || (int) image.getWidth() != t) {
            image = new WritableImage(t, t);
            pixels = new int[t * t];
        }
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                pixels[i * t + j] = j > i ? 0 : SCALE.argb(pattern[i * t + j]);
            }
        }
        image.getPixelWriter().setPixels(0, 0, t, t, PixelFormat.getIntArgbInstance(), pixels, 0, t);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        canvas.setWidth(Math.max(1, w));
        canvas.setHeight(Math.max(1, h));
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 260;
    }

    @Override
    protected double computePrefHeight(double width) {
        return width > 0 ? width : 260;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (pattern == null || positions == 0) {
            return;
        }
        fontSize = Math.round(Themes.fontSize() * 0.86);
        double margin = fontSize * 1.5;
        double side = Math.min(canvas.getWidth(), canvas.getHeight()) - margin - 2;
        cell = Math.max(0.5, side / positions);
        if (cell >= 2) {
            cell = Math.floor(cell); // whole pixels keep every cell the same size
        }
        double size = cell * positions;
        left = margin;
        top = margin;
        g.setImageSmoothing(false);
        Color ink = Themes.isHighContrast() ? Color.WHITE : Themes.isDark() ? Color.web("#e6edf3")
                : Color.web("#1f2328");
        Color rule = Themes.isHighContrast() ? Color.web("#909090") : Themes.isDark() ? Color.web("#30363d")
                : Color.web("#d1d9e0");
        // The masked triangle is empty: only its edge is drawn, so the square's extent stays readable.
        g.setStroke(rule);
        g.setLineWidth(1);
        g.strokeRect(left - 0.5, top - 0.5, size + 1, size + 1);
        g.drawImage(image, 0, 0, positions, positions, left, top, size, size);
        g.setFill(ink);
        g.setFont(Font.font(fontSize));
        g.setTextBaseline(VPos.CENTER);
        int every = labelEvery();
        for (int i = 0; i < positions; i += every) {
            String c = symbols.apply(i);
            double middle = (i + 0.5) * cell;
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(c, left - 4, top + middle);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(c, left + middle, top - fontSize * 0.7);
        }
        if (hoverRow >= 0) {
            double x = left + hoverCol * cell;
            double y = top + hoverRow * cell;
            double s = Math.max(cell, 4);
            g.setStroke(Color.BLACK);
            g.setLineWidth(3);
            g.strokeRect(x + 0.5, y + 0.5, s, s);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            g.strokeRect(x + 0.5, y + 0.5, s, s);
        }
    }

    // ---- hovering ------------------------------------------------------------------------------------------------

    /** {row, col} under a canvas point, or null outside the cells. */
    private int[] locate(double x, double y) {
        if (pattern == null || cell <= 0) {
            return null;
        }
        int col = (int) Math.floor((x - left) / cell);
        int row = (int) Math.floor((y - top) / cell);
        return row < 0 || col < 0 || row >= positions || col >= positions ? null : new int[] {row, col};
    }

    private void hover(int[] at) {
        int row = at == null ? -1 : at[0];
        if (at != null && row == hoverRow && at[1] == hoverCol || at == null && hoverRow < 0) {
            return;
        }
        hoverRow = row;
        if (at != null) {
            hoverCol = at[1];
        }
        draw();
        if (hoverListener != null) {
            hoverListener.hovered(this, hoverRow, hoverCol);
        }
    }
}
