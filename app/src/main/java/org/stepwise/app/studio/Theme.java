// The studio's three themes. High contrast is dark-based: AtlantaFX's PrimerDark with the studio's high-contrast
// sheet on top (pure black backgrounds, white text, yellow and cyan accents, thick borders and focus rings), so code
// that asks Themes.isDark() for chart and canvas colours gets the dark answer, which is right on black.
package org.stepwise.app.studio;

import java.util.Locale;

public enum Theme {
    LIGHT(false),
    DARK(true),
    HIGH_CONTRAST(true);

    private final boolean dark;

    Theme(boolean dark) {
        this.dark = dark;
    }

    /** Whether the background is dark (dark and high contrast). */
    public boolean dark() {
        return dark;
    }

    /** The theme after this one, as the toolbar's theme button cycles them. */
    public Theme next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The name in the settings file and in element ids: light, dark, high-contrast. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The theme named by {@link #key()}; light for anything else. */
    public static Theme parse(String key) {
        for (Theme t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        return LIGHT;
    }
}
