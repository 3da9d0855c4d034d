// The canvas's zoom and pan arithmetic: zooming keeps the point under the pointer still, fitting shows the whole box.
package org.stepwise.app.studio.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.BoundingBox;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void zoomingKeepsTheWorldPointUnderThePointer() {
        Viewport v = new Viewport();
        v.panBy(30, -20);
        Point2D before = v.toWorld(400, 300);
        v.zoomAt(Viewport.STEP, 400, 300);
        Point2D after = v.toWorld(400, 300);
        assertEquals(before.getX(), after.getX(), 1e-9);
        assertEquals(before.getY(), after.getY(), 1e-9);
        assertEquals(Viewport.STEP, v.zoom(), 1e-12);
    }

    @Test
    void zoomStaysWithinItsLimits() {
        Viewport v = new Viewport();
        for (int i = 0; i < 50; i++) {
            v.zoomAt(2, 0, 0);
        }
        assertEquals(Viewport.MAX_ZOOM, v.zoom());
        for (int i = 0; i < 50; i++) {
            v.zoomAt(0.5, 0, 0);
        }
        assertEquals(Viewport.MIN_ZOOM, v.zoom());
    }

    @Test
    void fitShowsTheWholeBoxCentredAndNeverEnlargesPastItsCap() {
        Viewport v = new Viewport();
        BoundingBox wide = new BoundingBox(-100, 50, 2000, 300);
        v.fit(wide, 1000, 600, 40);
        Point2D topLeft = v.toScreen(wide.getMinX(), wide.getMinY());
        Point2D bottomRight = v.toScreen(wide.getMaxX(), wide.getMaxY());
        assertEquals(40, topLeft.getX(), 1e-9);
        assertEquals(960, bottomRight.getX(), 1e-9);
        assertEquals(300, (topLeft.getY() + bottomRight.getY()) / 2, 1e-9);
        v.fit(new BoundingBox(0, 0, 10, 10), 1000, 600, 40);
        assertEquals(Viewport.MAX_FIT_ZOOM, v.zoom());
        assertTrue(v.visibleWorld(1000, 600).contains(5, 5));
    }

    @Test
    void aFitJustOverActualSizeIsDrawnAtActualSizeOnWholePixels() {
        Viewport v = new Viewport();
        // Fits at (1000 − 80) / 850 = 1.082: shown at 100%, centred, on whole pixels.
        BoundingBox net = new BoundingBox(0.3, 0, 850, 100);
        v.fit(net, 1000, 600, 40);
        assertEquals(1.0, v.zoom());
        assertEquals(Math.rint(v.offsetX()), v.offsetX());
        assertEquals(Math.rint(v.offsetY()), v.offsetY());
        assertEquals(500, v.toScreen(net.getCenterX(), net.getCenterY()).getX(), 0.5);
        // 1.2 is enlarged as fitted, and so is anything under 100%.
        v.fit(new BoundingBox(0, 0, 766.67, 100), 1000, 600, 40);
        assertEquals(920 / 766.67, v.zoom(), 1e-9);
        v.fit(new BoundingBox(0, 0, 940, 100), 1000, 600, 40);
        assertEquals(920 / 940.0, v.zoom(), 1e-9);
    }

    @Test
    void aShortScreenStillFitsAboveTheOverlaysWithAThinnerMargin() {
        Viewport v = new Viewport();
        BoundingBox net = new BoundingBox(0, 0, 800, 100);
        // 130 px high with 36 px of overlays at the bottom: 94 px of room, margin 94 / 6.
        v.fit(net, 1000, 130, 48, 36);
        Point2D top = v.toScreen(0, 0);
        Point2D bottom = v.toScreen(800, 100);
        double margin = 94.0 / 6;
        assertEquals(margin, top.getY(), 1e-9);
        assertEquals(94 - margin, bottom.getY(), 1e-9);
        assertTrue(bottom.getX() < 1000 - margin);
    }
}
