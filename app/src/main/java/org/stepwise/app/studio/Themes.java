// The themes and the UI scale for every window of the studio. Light and dark are AtlantaFX's Primer pair as the
// user-agent stylesheet, with the studio's own sheets on top; high contrast is PrimerDark plus high-contrast.css.
// The scale is a root font size (14 px at 100 %) that every em-sized font and control follows.
//
// Both extras are scene stylesheets, so Themes keeps them on every window's scene, dialogs and the windows opened
// later included (popups take their owner's sheets), and moves them to the end of the list, after the studio's own sheets, so they win.
package org.stepwise.app.studio;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

public final class Themes {
    /** The root font size at 100 %, as studio.css sets it. */
    public static final double BASE_FONT_SIZE = 14;
    /** High contrast reads a little larger at every scale. */
    public static final double HIGH_CONTRAST_FONT_SIZE = 16;
    static final String HIGH_CONTRAST_SHEET = Themes.class.getResource("high-contrast.css").toExternalForm();
    private static final String SCALE_SHEET_PREFIX = "data:text/css;base64,";

    private static Theme theme = Theme.LIGHT;
    private static int scale = 100;
    private static boolean watching;

    private Themes() {
    }

    public static void apply(Theme chosen) {
        theme = chosen;
        Application.setUserAgentStylesheet(chosen.dark() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        restyleAll();
    }

    /** Light or dark; kept for callers that only know the two. */
    public static void apply(boolean useDark) {
        apply(useDark ? Theme.DARK : Theme.LIGHT);
    }

    public static Theme theme() {
        return theme;
    }

    /** Whether backgrounds are dark: true for dark and for high contrast (black). */
    public static boolean isDark() {
        return theme.dark();
    }

    public static boolean isHighContrast() {
        return theme == Theme.HIGH_CONTRAST;
    }

    /** Sets the UI scale in percent (100–200, in steps of 25) for every window. */
    public static void scale(int percent) {
        scale = StudioPreferences.clampScale(percent);
        restyleAll();
    }

    public static int scale() {
        return scale;
    }

    /** The root font size at the current scale, in pixels. */
    public static double fontSize() {
        return (theme == Theme.HIGH_CONTRAST ? HIGH_CONTRAST_FONT_SIZE : BASE_FONT_SIZE) * scale / 100.0;
    }

    /** Puts the theme's and the scale's sheets on a scene now; windows shown later get them by themselves. */
    public static void style(Scene scene) {
        watchWindows();
        List<String> sheets = scene.getStylesheets();
        sheets.removeIf(s -> s.equals(HIGH_CONTRAST_SHEET) || s.startsWith(SCALE_SHEET_PREFIX));
        if (theme == Theme.HIGH_CONTRAST) {
            sheets.add(HIGH_CONTRAST_SHEET);
        }
        if (fontSize() != BASE_FONT_SIZE) {
            sheets.add(scaleSheet());
        }
    }

    private static String scaleSheet() {
        String css = String.format(Locale.ROOT, ".root { -fx-font-size: %.2fpx; }", fontSize());
        return SCALE_SHEET_PREFIX + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static void restyleAll() {
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w instanceof Stage && w.getScene() != null) {
                style(w.getScene());
            }
        }
    }

    private static void watchWindows() {
        if (watching) {
            return;
        }
        watching = true;
        EveryStage.onShown(stage -> {
            if (stage.getScene() != null) {
                style(stage.getScene());
            }
        });
    }
}
