// The canvas's zoom and pan as plain numbers: screen = offset + zoom × world. Kept apart from the scene graph so
// the arithmetic of zooming about a point and fitting a box is testable without a stage.
package org.stepwise.app.studio.canvas;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

final class Viewport {
    static final double MIN_ZOOM = 0.2;
    static final double MAX_ZOOM = 3.0;
    /** Fitting never enlarges beyond this, so a three-node net does not fill a projector screen. */
    static final double MAX_FIT_ZOOM = 1.5;
    static final double STEP = 1.2;
    /**
     * A fit up to this much over 100% is drawn at 100% instead, whole pixels apart: at exactly 100% JavaFX draws
     * text from the font's hinted glyphs, sharper than scaled outlines, and software rendering (a projector laptop
     * without a GPU driver) blits them instead of filling every letter as a path.
     */
    static final double SNAP_TO_ACTUAL = 1.15;

    private double zoom = 1;
    private double offsetX;
    private double offsetY;

    double zoom() {
        return zoom;
    }

    double offsetX() {
        return offsetX;
    }

    double offsetY() {
        return offsetY;
    }

    Point2D toWorld(double screenX, double screenY) {
        return new Point2D((screenX - offsetX) / zoom, (screenY - offsetY) / zoom);
    }

    Point2D toScreen(double worldX, double worldY) {
        return new Point2D(offsetX + worldX * zoom, offsetY + worldY * zoom);
    }

    /** The part of the world a screen of this size shows. */
    Bounds visibleWorld(double width, double height) {
        Point2D topLeft = toWorld(0, 0);
        return new BoundingBox(topLeft.getX(), topLeft.getY(), width / zoom, height / zoom);
    }

    void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /** Multiplies the zoom by {@code factor}, keeping the world point under (screenX, screenY) where it is. */
    void zoomAt(double factor, double screenX, double screenY) {
        double next = clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
        Point2D anchor = toWorld(screenX, screenY);
        zoom = next;
        offsetX = screenX - anchor.getX() * zoom;
        offsetY = screenY - anchor.getY() * zoom;
    }

    /** Shows all of {@code world} centred on a screen of this size, with a margin in screen pixels. */
    void fit(Bounds world, double width, double height, double margin) {
        fit(world, width, height, margin, 0);
    }

    /**
     * Fits the box into the screen above a strip of {@code bottomInset} pixels that overlays cover. A screen too
     * small for the full margin gets a thinner one rather than no fit at all.
     */
    void fit(Bounds world, double width, double height, double margin, double bottomInset) {
        double room = height - bottomInset;
        double m = Math.min(margin, Math.min(width, room) / 6);
        if (world == null || world.isEmpty() || width <= 2 * m || room <= 2 * m) {
            return;
        }
        double fitted = Math.min((width - 2 * m) / Math.max(world.getWidth(), 1),
                (room - 2 * m) / Math.max(world.getHeight(), 1));
        zoom = clamp(fitted, MIN_ZOOM, MAX_FIT_ZOOM);
        if (zoom > 1 && zoom < SNAP_TO_ACTUAL) {
            zoom = 1;
        }
        centreOn(world.getCenterX(), world.getCenterY(), width, room);
        if (zoom == 1) {
            offsetX = Math.round(offsetX);
            offsetY = Math.round(offsetY);
        }
    }

    /** Puts the world point at the centre of a screen of this size. */
    void centreOn(double worldX, double worldY, double width, double height) {
        offsetX = width / 2 - worldX * zoom;
        offsetY = height / 2 - worldY * zoom;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
