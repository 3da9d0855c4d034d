// Themes and UI scale in the window: View ▸ Theme switches among light, dark and high contrast (black, white text,
// the high-contrast sheet on the scene) and the settings file keeps the choice; View ▸ UI scale and Ctrl+= / Ctrl+-
// change the root font size (14 px at 100 %) at once, and the next run reads the scale back.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LooksTest {
    private TestWindow opened;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp(FxRobot robot) throws Exception {
        robot.interact(() -> {
            Themes.apply(Theme.LIGHT);
            Themes.scale(100);
        });
        opened.close();
    }

    private MenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menubar").queryAs(MenuBar.class);
        for (Menu menu : bar.getMenus()) {
            MenuItem found = find(menu, id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private static MenuItem find(Menu menu, String id) {
        for (MenuItem i : menu.getItems()) {
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof Menu sub && find(sub, id) != null) {
                return find(sub, id);
            }
        }
        return null;
    }

    private Path settings() {
        return window.preferences().file();
    }

    private double labelFontSize(FxRobot robot) {
        return robot.lookup("#status-parameters").queryAs(Label.class).getFont().getSize();
    }

    @Test
    void theThemeMenuOffersThreeThemesAndHighContrastIsBlackWithWhiteText(FxRobot robot) {
        Menu theme = (Menu) item(robot, "menu-theme");
        assertEquals(3, theme.getItems().size());
        assertTrue(((RadioMenuItem) item(robot, "theme-light")).isSelected());

        robot.interact(() -> item(robot, "theme-high-contrast").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.HIGH_CONTRAST, Themes.theme());
        assertTrue(Themes.isDark(), "high contrast is dark-based, for charts and canvases");
        assertTrue(window.scene().getStylesheets().contains(Themes.HIGH_CONTRAST_SHEET));
        assertTrue(((RadioMenuItem) item(robot, "theme-high-contrast")).isSelected(), "the rebuilt menu shows it");
        Region root = (Region) window.scene().getRoot();
        assertEquals(Color.BLACK, root.getBackground().getFills().get(0).getFill());
        assertEquals(Color.WHITE, robot.lookup("#status-parameters").queryAs(Label.class).getTextFill());
        assertEquals(Themes.HIGH_CONTRAST_FONT_SIZE, labelFontSize(robot), 0.01, "larger text in high contrast");
        assertEquals(Theme.HIGH_CONTRAST, new StudioPreferences(settings()).theme());

        robot.interact(() -> item(robot, "theme-dark").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.DARK, Themes.theme());
        assertFalse(window.scene().getStylesheets().contains(Themes.HIGH_CONTRAST_SHEET));
        assertEquals(Themes.BASE_FONT_SIZE, labelFontSize(robot), 0.01);
        assertEquals(Theme.DARK, new StudioPreferences(settings()).theme());

        robot.interact(() -> robot.lookup("#tool-theme").queryButton().fire());
        assertEquals(Theme.HIGH_CONTRAST, Themes.theme(), "the toolbar button cycles to the next theme");
    }

    @Test
    void theUiScaleChangesTheRootFontSizeAndIsKeptForTheNextRun(FxRobot robot) {
        assertEquals(14, labelFontSize(robot), 0.01);
        robot.interact(() -> item(robot, "scale-200").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(28, labelFontSize(robot), 0.01);
        assertEquals(200, new StudioPreferences(settings()).uiScale());

        robot.clickOn("#status-parameters");
        robot.press(KeyCode.SHORTCUT, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(175, Themes.scale());
        assertEquals(24.5, labelFontSize(robot), 0.01);
        assertEquals(175, new StudioPreferences(settings()).uiScale());

        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(200, Themes.scale(), "no larger than 200 %");
        assertEquals(28, labelFontSize(robot), 0.01);
        // Switching the theme rebuilds the window; the scale stays.
        robot.interact(() -> window.switchTheme(Theme.DARK));
        assertEquals(28, labelFontSize(robot), 0.01);
    }
}
