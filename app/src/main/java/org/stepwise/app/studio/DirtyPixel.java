// One transparent pixel that a view changes whenever it changes anything of its own.
//
// JavaFX's painter collects the screen areas that changed since the last frame and repaints only those. When every
// change of a frame lies outside the visible area (a node scrolled or panned out of view, clipped away), it finds no
// area at all and then repaints the whole window instead of nothing. With software rendering, which is what a
// projector laptop without a GPU driver or an Xvfb display gets, that costs 50–110 ms for the studio window: editing a
// node out of view made the editor stutter once an edit. A change to this pixel, which lies inside the view, gives
// the painter a one-pixel area, so it repaints that and what really changed, and nothing else.
package org.stepwise.app.studio;

import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

public final class DirtyPixel extends Rectangle {
    public DirtyPixel() {
        super(1, 1, Color.TRANSPARENT);
        setManaged(false);
        setMouseTransparent(true);
        setFocusTraversable(false);
        getStyleClass().add("dirty-pixel");
    }

    /** Marks this pixel changed for the next frame; calling it several times in one frame costs nothing more. */
    public void touch() {
        // A fresh colour that draws nothing: the renderer compares paints by identity, so even two touches in one
        // frame leave it changed, where alternating two colours would cancel out.
        setFill(Color.color(0, 0, 0, 0));
    }
}
