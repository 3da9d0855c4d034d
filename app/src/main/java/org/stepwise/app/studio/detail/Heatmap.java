// A heatmap of one buffer in one Grid layout: every cell is one pixel of a WritableImage, drawn scaled up on a
// Canvas with smoothing off, so a 120 × 400 weight matrix costs one image, not 48 000 shapes. The image is reused
// while the layout keeps its size. Hovering a cell outlines it and reports the cell to the view.
package org.stepwise.app.studio.detail;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

final class Heatmap extends Region {
    /** Told about the cell under the mouse; tile −1 when the mouse left the cells. */
    interface HoverListener {
        void hovered(Heatmap source, int tile, int row, int col);
    }

    private static final double MAX_CELL = 30;
    private static final double LABEL_HEIGHT = 20;

    private final Canvas canvas = new Canvas();
    private final List<Label> tileLabels = new ArrayList<>();
    private HoverListener hoverListener;
    private WritableImage image;
    private int[] pixels = new int[0];
    private float[] data;
    private Grid grid;
    private Scale scale;
    private int highlightRow = -1;
    private int hoverTile = -1;
    private int hoverRow;
    private int hoverCol;
    // ---- geometry of the last layout ----
    /** Cell width and height: square, except a single column, which may be wider than tall to stay visible. */
    private double cellW;
    private double cellH;
    private double gap;
    private double label;
    /** Tiles per row on screen, chosen to make cells as large as the space allows. */
    private int shownAcross = 1;
    /** Tiles per group: a filter's input channels, set apart from the next filter's by a wider gap. */
    private int group = 1;
    private double groupGap;

    Heatmap(String what) {
        setId("heatmap-" + what);
        getStyleClass().add("detail-heatmap");
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        getChildren().add(canvas);
        canvas.setOnMouseMoved(e -> hover(locate(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hover(null));
        setMinSize(40, 40);
    }

    void setOnHover(HoverListener listener) {
        this.hoverListener = listener;
    }

    /** Paints {@code data} in the layout and scale; the data is the snapshot's own copy and is not changed. */
    void show(float[] data, Grid grid, Scale scale) {
        boolean relayout = this.grid == null || grid.tiles() != this.grid.tiles() || grid.rows() != this.grid.rows()
                || grid.cols() != this.grid.cols() || grid.across() != this.grid.across();
        this.data = data;
        this.grid = grid;
        this.scale = scale;
        paintImage();
        if (relayout) {
            hoverTile = -1;
            syncTileLabels();
            requestLayout();
        }
        draw();
        if (hoverTile >= 0 && hoverListener != null) {
            hoverListener.hovered(this, hoverTile, hoverRow, hoverCol);
        }
    }

    /** Outlines one row (the chosen sample of a batch heatmap); −1 for none. */
    void highlightRow(int row) {
        if (row != highlightRow) {
            highlightRow = row;
            draw();
        }
    }

    Grid grid() {
        return grid;
    }

    Scale scale() {
        return scale;
    }

    double cellWidth() {
        return cellW;
    }

    double cellHeight() {
        return cellH;
    }

    /** The value the cell shows, read through the layout. */
    float value(int tile, int row, int col) {
        return data[grid.index(tile, row, col)];
    }

    float value(int row, int col) {
        return value(0, row, col);
    }

    /** The colour the cell is painted in, read back from the image. */
    int argb(int tile, int row, int col) {
        int x = (tile % grid.across()) * grid.cols() + col;
        int y = (tile / grid.across()) * grid.rows() + row;
        return image.getPixelReader().getArgb(x, y);
    }

    int tileCount() {
        return grid == null ? 0 : grid.tiles();
    }

    /** The centre of a cell in screen coordinates, for tests that hover it. */
    Point2D cellCenterOnScreen(int tile, int row, int col) {
        double[] origin = tileOrigin(tile);
        return canvas.localToScreen(origin[0] + (col + 0.5) * cellW, origin[1] + (row + 0.5) * cellH);
    }

    // ---- painting ------------------------------------------------------------------------------------------------

    private void paintImage() {
        int w = grid.across() * grid.cols();
        int h = grid.tileRows() * grid.rows();
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
            pixels = new int[w * h];
        }
        java.util.Arrays.fill(pixels, 0);
        for (int t = 0; t < grid.tiles(); t++) {
            int x0 = (t % grid.across()) * grid.cols();
            int y0 = (t / grid.across()) * grid.rows();
            for (int r = 0; r < grid.rows(); r++) {
                int from = grid.index(t, r, 0);
                int to = (y0 + r) * w + x0;
                for (int c = 0; c < grid.cols(); c++) {
                    pixels[to + c] = scale.argb(data[from + c]);
                }
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
    }

    private void syncTileLabels() {
        getChildren().removeAll(tileLabels);
        tileLabels.clear();
        if (grid.kind() == Grid.Kind.MAPS && grid.tiles() > 1) {
            for (int t = 0; t < grid.tiles(); t++) {
                Label l = new Label("#" + t);
                l.getStyleClass().add("detail-tile-label");
                l.setMouseTransparent(true);
                l.setManaged(false);
                tileLabels.add(l);
            }
            getChildren().addAll(tileLabels);
        }
    }

    @Override
    protected void layoutChildren() {
        if (grid == null) {
            return;
        }
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        boolean filters = grid.kind() == Grid.Kind.FILTERS;
        gap = grid.tiles() == 1 ? 0 : filters ? 2 : 10;
        group = filters ? grid.across() : 1;
        groupGap = filters && grid.tiles() > grid.across() ? 8 : 0;
        label = tileLabels.isEmpty() ? 0 : LABEL_HEIGHT;
        // Whole filters (or any number of maps) per row, whichever arrangement gives the largest cells.
        double best = -1;
        for (int across = group; across <= Math.max(group, grid.tiles()); across += group) {
            double c = fit(w, h, across);
            if (c > best + 1e-9) {
                best = c;
                shownAcross = across;
            }
        }
        cellH = Math.max(0.25, Math.min(MAX_CELL, best));
        if (cellH >= 2) {
            cellH = Math.floor(cellH); // whole pixels keep every cell the same size
        }
        cellW = cellH;
        if (grid.kind() == Grid.Kind.COLUMN) {
            cellW = Math.max(cellH, Math.min(MAX_CELL, w));
        } else if (grid.kind() == Grid.Kind.BATCH || grid.kind() == Grid.Kind.MATRIX
                || grid.kind() == Grid.Kind.SEQUENCE) {
            // A matrix is not a picture: when rows limit the height, its cells widen into the room beside it (up to
            // three times their height), which makes them easier to see and to point at.
            double byWidth = (w - (shownAcross - 1) * gap) / (shownAcross * grid.cols());
            cellW = Math.max(cellH, Math.min(Math.min(MAX_CELL, 3 * cellH), Math.floor(byWidth)));
        }
        int down = (grid.tiles() + shownAcross - 1) / shownAcross;
        double cw = shownAcross * grid.cols() * cellW + (shownAcross - 1) * gap + (shownAcross / group - 1) * groupGap;
        double ch = down * (grid.rows() * cellH + label) + (down - 1) * gap;
        canvas.setWidth(Math.ceil(cw) + 1);
        canvas.setHeight(Math.ceil(ch) + 1);
        canvas.relocate(in.getLeft(), in.getTop());
        for (int t = 0; t < tileLabels.size(); t++) {
            double[] o = tileOrigin(t);
            Label l = tileLabels.get(t);
            l.autosize();
            l.relocate(in.getLeft() + o[0], in.getTop() + o[1] - label);
            l.setVisible(grid.cols() * cellW >= 26);
        }
        draw();
    }

    /** The cell size that fits {@code across} tiles per row into w × h. */
    private double fit(double w, double h, int across) {
        int down = (grid.tiles() + across - 1) / across;
        double byWidth = (w - (across - 1) * gap - (across / group - 1) * groupGap) / (across * grid.cols());
        double byHeight = (h - down * label - (down - 1) * gap) / (down * grid.rows());
        return grid.kind() == Grid.Kind.COLUMN ? byHeight : Math.min(byWidth, byHeight);
    }

    @Override
    protected double computePrefWidth(double height) {
        if (grid == null) {
            return 200;
        }
        return Math.min(900, grid.across() * grid.cols() * 14 + (grid.across() - 1) * 10) + snappedLeftInset()
                + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        if (grid == null) {
            return 160;
        }
        return Math.min(480, grid.tileRows() * (grid.rows() * 14 + 24)) + snappedTopInset() + snappedBottomInset();
    }

    /** Top-left corner of a tile's cells, in canvas coordinates. */
    private double[] tileOrigin(int tile) {
        int tx = tile % shownAcross;
        int ty = tile / shownAcross;
        return new double[] {tx * (grid.cols() * cellW + gap) + (tx / group) * groupGap,
                ty * (grid.rows() * cellH + label + gap) + label};
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (grid == null || cellH <= 0) {
            return;
        }
        g.setImageSmoothing(false);
        for (int t = 0; t < grid.tiles(); t++) {
            double[] o = tileOrigin(t);
            g.drawImage(image, (t % grid.across()) * grid.cols(), (t / grid.across()) * grid.rows(), grid.cols(),
                    grid.rows(), o[0], o[1], grid.cols() * cellW, grid.rows() * cellH);
        }
        if (highlightRow >= 0 && highlightRow < grid.rows() && grid.tiles() == 1) {
            outline(g, 0, 0, highlightRow * cellH, grid.cols() * cellW, cellH, Color.web("#d6336c"), 2);
        }
        if (hoverTile >= 0) {
            double[] o = tileOrigin(hoverTile);
            double x = o[0] + hoverCol * cellW;
            double y = o[1] + hoverRow * cellH;
            double sw = Math.max(cellW, 4);
            double sh = Math.max(cellH, 4);
            outline(g, x, y, 0, sw, sh, Color.BLACK, 3);
            outline(g, x, y, 0, sw, sh, Color.WHITE, 1.5);
        }
    }

    private static void outline(GraphicsContext g, double x, double y, double dy, double w, double h, Color c,
                                double width) {
        g.setStroke(c);
        g.setLineWidth(width);
        g.strokeRect(x + 0.5, y + dy + 0.5, w, h);
    }

    // ---- hovering ------------------------------------------------------------------------------------------------

    /** {tile, row, col} under a canvas point, or null. */
    private int[] locate(double x, double y) {
        if (grid == null || cellH <= 0) {
            return null;
        }
        for (int t = 0; t < grid.tiles(); t++) {
            double[] o = tileOrigin(t);
            double dx = x - o[0];
            double dy = y - o[1];
            if (dx >= 0 && dy >= 0 && dx < grid.cols() * cellW && dy < grid.rows() * cellH) {
                return new int[] {t, (int) (dy / cellH), (int) (dx / cellW)};
            }
        }
        return null;
    }

    private void hover(int[] at) {
        int tile = at == null ? -1 : at[0];
        if (at != null && tile == hoverTile && at[1] == hoverRow && at[2] == hoverCol) {
            return;
        }
        hoverTile = tile;
        if (at != null) {
            hoverRow = at[1];
            hoverCol = at[2];
        }
        draw();
        if (hoverListener != null) {
            hoverListener.hovered(this, hoverTile, hoverRow, hoverCol);
        }
    }
}
