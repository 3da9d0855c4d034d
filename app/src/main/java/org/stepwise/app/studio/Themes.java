// The light and dark themes: AtlantaFX's Primer pair as the user-agent stylesheet, with the studio's own sheet on top.
package org.stepwise.app.studio;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

public final class Themes {
    private static boolean dark;

    private Themes() {
    }

    public static void apply(boolean useDark) {
        dark = useDark;
        Application.setUserAgentStylesheet(useDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static boolean isDark() {
        return dark;
    }
}
