// View ▸ Theme and View ▸ UI scale: radio items for the three themes and the five scales, and the items that step
// the scale up and down (Ctrl+= and Ctrl+-). Built here so the main window only places them.
package org.stepwise.app.studio;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

final class LooksMenus {
    private LooksMenus() {
    }

    /** Light, dark and high contrast; ids theme-light, theme-dark, theme-high-contrast. */
    static Menu theme(I18n i18n, Consumer<Theme> choose) {
        Menu menu = new Menu(i18n.text("menu.view.theme"));
        menu.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme theme : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(i18n.text("theme." + theme.key()));
            item.setId("theme-" + theme.key());
            item.setToggleGroup(group);
            item.setSelected(theme == Themes.theme());
            item.setOnAction(e -> choose.accept(theme));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** 100 % to 200 % in steps of 25 (ids scale-100 …), then larger (Ctrl+=) and smaller (Ctrl+-). */
    static Menu scale(I18n i18n, IntConsumer choose) {
        Menu menu = new Menu(i18n.text("menu.view.scale"));
        menu.setId("menu-scale");
        ToggleGroup group = new ToggleGroup();
        for (int percent = StudioPreferences.MIN_SCALE; percent <= StudioPreferences.MAX_SCALE;
                percent += StudioPreferences.SCALE_STEP) {
            int chosen = percent;
            RadioMenuItem item = new RadioMenuItem(i18n.text("menu.view.scale.percent", percent));
            item.setId("scale-" + percent);
            item.setToggleGroup(group);
            item.setSelected(percent == Themes.scale());
            item.setOnAction(e -> choose.accept(chosen));
            menu.getItems().add(item);
        }
        MenuItem larger = new MenuItem(i18n.text("menu.view.scale.larger"));
        larger.setId("menu-scale-larger");
        larger.setAccelerator(KeyCombination.keyCombination("Shortcut+EQUALS"));
        larger.setOnAction(e -> choose.accept(Themes.scale() + StudioPreferences.SCALE_STEP));
        MenuItem smaller = new MenuItem(i18n.text("menu.view.scale.smaller"));
        smaller.setId("menu-scale-smaller");
        smaller.setAccelerator(KeyCombination.keyCombination("Shortcut+MINUS"));
        smaller.setOnAction(e -> choose.accept(Themes.scale() - StudioPreferences.SCALE_STEP));
        menu.getItems().addAll(new SeparatorMenuItem(), larger, smaller);
        // The radio items follow the scale however it changed (the shortcuts too).
        menu.setOnShowing(e -> group.getToggles().forEach(t -> t.setSelected(
                ((RadioMenuItem) t).getId().equals("scale-" + Themes.scale()))));
        return menu;
    }
}
