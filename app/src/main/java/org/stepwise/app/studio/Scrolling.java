// Scrolling a ScrollPane just far enough that one thing inside it shows: the palette row the keyboard moved to, the
// math section a step reached, the playground's explanation, a lesson's answer or hint.
package org.stepwise.app.studio;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

public final class Scrolling {
    private Scrolling() {
    }

    /**
     * Scrolls {@code scroll} vertically as little as it takes to show {@code node}, which lies somewhere inside its
     * content, with {@code margin} pixels to spare: its bottom first, then its top, so a node taller than the view
     * shows from its top. Nothing moves when it already shows or when everything fits. It reads the layout as it
     * stands: a caller that has just changed the content lays it out first.
     */
    public static void reveal(ScrollPane scroll, Node node, double margin) {
        Node content = scroll.getContent();
        if (content == null || node.getScene() == null) {
            return;
        }
        double height = content.getLayoutBounds().getHeight();
        double view = scroll.getViewportBounds().getHeight();
        if (height <= view || view <= 0) {
            return;
        }
        Bounds at = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double range = height - view;
        double top = scroll.getVvalue() * range;
        if (at.getMaxY() + margin > top + view) {
            top = at.getMaxY() + margin - view;
        }
        if (at.getMinY() - margin < top) {
            top = at.getMinY() - margin;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, top / range)));
    }
}
