// A tooltip made when the pointer first comes over its control or node. Every Tooltip is a small window of its own:
// the toolbar and the status bar have twenty, and the studio's start need not make any; a canvas node's problem badge
// has one, and the edit that gives a node its first problem need not make it.
package org.stepwise.app.studio;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

public final class LazyTooltip {
    private LazyTooltip() {
    }

    /** Gives {@code control} a tooltip with the text {@code text} returns then, at the pointer's first visit. */
    public static void install(Control control, Supplier<String> text) {
        control.addEventFilter(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                control.removeEventFilter(MouseEvent.MOUSE_ENTERED, this);
                if (control.getTooltip() == null) {
                    control.setTooltip(new Tooltip(text.get()));
                }
            }
        });
    }

    /**
     * Gives {@code node}, which need not be a control, the tooltip {@code make} returns then, at the pointer's first
     * visit.
     */
    public static void install(javafx.scene.Node node, Supplier<Tooltip> make) {
        node.addEventFilter(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventFilter(MouseEvent.MOUSE_ENTERED, this);
                Tooltip.install(node, make.get());
            }
        });
    }
}
