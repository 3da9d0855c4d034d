// One typeset formula: LaTeX painted by JLaTeXMath into an image at the screen's pixel density, in the theme's text
// colour; or, for a part of the step not computed yet, a muted note in its place.
package org.stepwise.app.studio.math;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

final class FormulaView extends VBox {
    /** The formula's font size in pixels: legible from the back of a room with a projector. */
    static final float SIZE = 22f;

    private final ImageView image = new ImageView();
    private final Label note = new Label();
    /** The source of what is on screen; empty while the note shows. */
    private String latex = "";
    private Color ink = Color.BLACK;

    FormulaView(String id) {
        setId(id);
        getStyleClass().add("math-formula");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        note.getStyleClass().add("math-note");
        note.setWrapText(true);
        getChildren().addAll(image, note);
        showNote("");
    }

    /** The LaTeX this view rendered last, or "" when it shows a note. */
    String latex() {
        return latex;
    }

    /** Typesets {@code source}; does nothing when it is already on screen. */
    void show(String source) {
        if (source.equals(latex) && image.isVisible()) {
            return;
        }
        latex = source;
        render();
    }

    /** Shows a muted note instead of a formula (nothing at all for an empty note). */
    void showNote(String text) {
        latex = "";
        image.setImage(null);
        image.setVisible(false);
        image.setManaged(false);
        note.setText(text);
        note.setVisible(!text.isEmpty());
        note.setManaged(!text.isEmpty());
    }

    /** The colour formulas are painted in; the panel passes the theme's text colour and re-renders on a change. */
    void setInk(Color colour) {
        if (colour.equals(ink)) {
            return;
        }
        ink = colour;
        if (!latex.isEmpty()) {
            render();
        }
    }

    private void render() {
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, SIZE);
        } catch (ParseException e) {
            // Never expected from MathLatex; should it happen, the source is still worth showing.
            String source = latex;
            showNote(source);
            latex = source;
            return;
        }
        icon.setInsets(new java.awt.Insets(2, 2, 2, 2));
        icon.setForeground(new java.awt.Color((float) ink.getRed(), (float) ink.getGreen(), (float) ink.getBlue(),
                (float) ink.getOpacity()));
        double scale = outputScale();
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
        image.setImage(SwingFXUtils.toFXImage(painted, null));
        image.setFitWidth(icon.getIconWidth());
        image.setFitHeight(icon.getIconHeight());
        image.setVisible(true);
        image.setManaged(true);
        note.setVisible(false);
        note.setManaged(false);
    }

    /** Device pixels per layout pixel, so formulas stay crisp on HiDPI screens and projectors. */
    private double outputScale() {
        if (getScene() != null && getScene().getWindow() != null) {
            return Math.max(1, getScene().getWindow().getOutputScaleX());
        }
        return Math.max(1, Screen.getPrimary().getOutputScaleX());
    }
}
