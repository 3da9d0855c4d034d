// LaTeX typeset by JLaTeXMath into a JavaFX image, at a given pixel density and in a given colour: the math panel's
// formulas and the formulas in lesson text.
package org.stepwise.app.studio.math;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

public final class TexImages {
    /** A typeset formula: the image at device pixels, and its size in layout pixels. */
    public record Typeset(Image image, double width, double height) {
    }

    private TexImages() {
    }

    /**
     * @param display display style (fractions full size), else text style for formulas inside a sentence
     * @param scale   device pixels per layout pixel
     * @return null when JLaTeXMath cannot read the source
     */
    public static Typeset render(String latex, float size, boolean display, Color ink, double scale) {
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT,
                    size);
        } catch (ParseException e) {
            return null;
        }
        icon.setInsets(new java.awt.Insets(2, 2, 2, 2));
        icon.setForeground(new java.awt.Color((float) ink.getRed(), (float) ink.getGreen(), (float) ink.getBlue(),
                (float) ink.getOpacity()));
        int w = Math.max(1, (int) Math.ceil(icon.getIconWidth() * scale));
        int h = Math.max(1, (int) Math.ceil(icon.getIconHeight() * scale));
        BufferedImage painted = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = painted.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(scale, scale);
            icon.paintIcon(null, g, 0, 0);
        } finally {
            g.dispose();
        }
        return new Typeset(SwingFXUtils.toFXImage(painted, null), icon.getIconWidth(), icon.getIconHeight());
    }
}
