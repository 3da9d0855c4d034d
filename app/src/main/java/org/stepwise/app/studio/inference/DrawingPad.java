// A grey-scale drawing surface of the dataset's image size, shown large: dragging paints white on black with a soft
// round brush, as garments and digits appear in MNIST-style data; right-dragging, or dragging in eraser mode, erases.
// It holds the pixel values the model reads, 0 to 1, row by row.
package org.stepwise.app.studio.inference;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

public final class DrawingPad extends Canvas {
    /** Brush radius in image pixels; the stroke fades to nothing at its edge. */
    private static final double RADIUS = 1.8;

    private final int width;
    private final int height;
    private final double cell;
    private final float[] pixels;
    private boolean eraser;
    private double lastX = Double.NaN;
    private double lastY;
    private Runnable onChange = () -> { };

    public DrawingPad(int width, int height, double cell) {
        super(width * cell, height * cell);
        this.width = width;
        this.height = height;
        this.cell = cell;
        this.pixels = new float[width * height];
        setId("drawing-pad");
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = Double.NaN;
            paint(e);
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::paint);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> lastX = Double.NaN);
        redraw();
    }

    public void setOnChange(Runnable action) {
        onChange = action;
    }

    public void setEraser(boolean on) {
        eraser = on;
    }

    /** A copy of the pixel values, (height, width) row-major, 0 black to 1 white. */
    public float[] pixels() {
        return pixels.clone();
    }

    public void setPixels(float[] values) {
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.max(0, Math.min(1, values[i]));
        }
        changed();
    }

    public void clear() {
        java.util.Arrays.fill(pixels, 0);
        changed();
    }

    public void invert() {
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 1 - pixels[i];
        }
        changed();
    }

    private void paint(MouseEvent e) {
        boolean erase = eraser || e.getButton() == MouseButton.SECONDARY || e.isSecondaryButtonDown();
        double x = e.getX() / cell;
        double y = e.getY() / cell;
        // A fast drag moves several pixels between events: dab along the segment so the stroke has no gaps.
        double fromX = Double.isNaN(lastX) ? x : lastX;
        double fromY = Double.isNaN(lastX) ? y : lastY;
        int dabs = Math.max(1, (int) Math.ceil(Math.hypot(x - fromX, y - fromY) / 0.25));
        for (int i = 1; i <= dabs; i++) {
            double t = (double) i / dabs;
            dab(fromX + (x - fromX) * t, fromY + (y - fromY) * t, erase);
        }
        lastX = x;
        lastY = y;
        changed();
    }

    private void dab(double cx, double cy, boolean erase) {
        for (int py = (int) Math.floor(cy - RADIUS); py <= (int) Math.ceil(cy + RADIUS); py++) {
            for (int px = (int) Math.floor(cx - RADIUS); px <= (int) Math.ceil(cx + RADIUS); px++) {
                if (px < 0 || py < 0 || px >= width || py >= height) {
                    continue;
                }
                double d = Math.hypot(px + 0.5 - cx, py + 0.5 - cy) / RADIUS;
                float strength = (float) Math.max(0, 1 - d * d);
                int i = py * width + px;
                pixels[i] = erase ? Math.min(pixels[i], 1 - strength) : Math.max(pixels[i], strength);
            }
        }
    }

    private void changed() {
        redraw();
        onChange.run();
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                g.setFill(Color.grayRgb(GreyImage.level(pixels[y * width + x])));
                g.fillRect(x * cell, y * cell, cell, cell);
            }
        }
    }
}
