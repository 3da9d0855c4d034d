// One typeset formula: LaTeX painted by JLaTeXMath into an image at the screen's pixel density, in the theme's text
// colour; or, for a part of the step not computed yet, a muted note in its place.
package org.stepwise.app.studio.math;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Screen;

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
        TexImages.Typeset typeset = TexImages.render(latex, SIZE, true, ink, outputScale());
        if (typeset == null) {
            // Never expected from MathLatex; should it happen, the source is still worth showing.
            String source = latex;
            showNote(source);
            latex = source;
            return;
        }
        image.setImage(typeset.image());
        image.setFitWidth(typeset.width());
        image.setFitHeight(typeset.height());
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
