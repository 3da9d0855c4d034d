// The canvas's context menus (node, edge, background) and the keyboard's "connect to…" chooser. Built when asked
// for, so each shows the graph as it is at that moment; every item calls back into the canvas.
package org.stepwise.app.studio.canvas;

import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;

final class CanvasMenus {
    private final GraphCanvas canvas;
    private final I18n i18n;

    CanvasMenus(GraphCanvas canvas, I18n i18n) {
        this.canvas = canvas;
        this.i18n = i18n;
    }

    ContextMenu nodeMenu(String node) {
        boolean frozen = canvas.isFrozen(node);
        Menu connect = new Menu(i18n.text("canvas.menu.connect"), new FontIcon("mdi2c-connection"));
        connect.setId("menu-connect");
        connect.getItems().setAll(targetItems(node));
        connect.setDisable(connect.getItems().isEmpty());
        ContextMenu menu = new ContextMenu(
                item("menu-delete", "canvas.menu.delete", "mdi2d-delete-outline", canvas::deleteSelection),
                item("menu-rename", "canvas.menu.rename", "mdi2r-rename-box", () -> canvas.startRename(node)),
                item("menu-freeze", frozen ? "canvas.menu.unfreeze" : "canvas.menu.freeze", "mdi2l-lock",
                        () -> canvas.setFrozen(node, !frozen)),
                new SeparatorMenuItem(),
                item("menu-copy", "canvas.menu.copy", "mdi2c-content-copy", canvas::copy),
                item("menu-duplicate", "canvas.menu.duplicate", "mdi2c-content-duplicate", canvas::duplicate),
                new SeparatorMenuItem(),
                connect);
        menu.getStyleClass().add("canvas-menu");
        return menu;
    }

    ContextMenu edgeMenu(String from, String to) {
        ContextMenu menu = new ContextMenu(item("menu-delete-edge", "canvas.menu.deleteEdge", "mdi2d-delete-outline",
                () -> canvas.deleteEdge(from, to)));
        menu.getStyleClass().add("canvas-menu");
        return menu;
    }

    ContextMenu backgroundMenu() {
        MenuItem paste = item("menu-paste", "canvas.menu.paste", "mdi2c-content-paste", canvas::paste);
        paste.setDisable(!canvas.canPaste());
        ContextMenu menu = new ContextMenu(paste,
                item("menu-select-all", "canvas.menu.selectAll", "mdi2s-select-all", canvas::selectAll),
                new SeparatorMenuItem(),
                item("menu-auto-layout", "canvas.menu.autoLayout", "mdi2s-sitemap", canvas::autoLayout),
                item("menu-fit", "canvas.menu.fit", "mdi2f-fit-to-page-outline", canvas::fitToView));
        menu.getStyleClass().add("canvas-menu");
        return menu;
    }

    /** The keyboard's route to a connection: one item per node that can take {@code from}'s output. */
    ContextMenu connectChooser(String from) {
        MenuItem header = new MenuItem(i18n.text("canvas.connect.title", from));
        header.setDisable(true);
        ContextMenu menu = new ContextMenu(header, new SeparatorMenuItem());
        menu.getItems().addAll(targetItems(from));
        menu.getStyleClass().add("canvas-menu");
        menu.setId("connect-chooser");
        return menu;
    }

    private List<MenuItem> targetItems(String from) {
        return canvas.validTargets(from).stream().map(to -> {
            MenuItem m = new MenuItem(to + "  ·  " + canvas.titleOf(to));
            m.setId("connect-to-" + to);
            m.setOnAction(e -> canvas.connect(from, to));
            return m;
        }).toList();
    }

    private MenuItem item(String id, String key, String icon, Runnable action) {
        MenuItem m = new MenuItem(i18n.text(key), new FontIcon(icon));
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
