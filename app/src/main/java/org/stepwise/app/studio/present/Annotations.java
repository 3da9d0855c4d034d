// The presenter's marks over the whole window: a laser pointer (a red dot that follows the mouse and leaves nothing
// behind) and a pen (thick strokes that stay until cleared). With neither, the layer lets every click through.
package org.stepwise.app.studio.present;

import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

public final class Annotations extends Pane {
    public enum Tool { NONE, LASER, PEN }

    private static final Color LASER = Color.rgb(255, 40, 40, 0.85);
    private static final Color INK = Color.rgb(255, 170, 0, 0.9);

    private final Circle laser = new Circle(11, LASER);
    private final Pane strokes = new Pane();
    private Tool tool = Tool.NONE;
    private Path drawing;

    public Annotations() {
        setId("annotations");
        getStyleClass().add("annotations");
        setPickOnBounds(false);
        laser.setId("laser-dot");
        laser.setMouseTransparent(true);
        laser.setVisible(false);
        laser.setEffect(new javafx.scene.effect.DropShadow(18, LASER));
        strokes.setMouseTransparent(true);
        getChildren().addAll(strokes, laser);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::press);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drawing = null);
        use(Tool.NONE);
    }

    /** Chooses the tool; the pen takes the mouse, the laser and none let it through to the studio. */
    public void use(Tool chosen) {
        tool = chosen;
        // Only the pen needs the clicks; the laser follows the mouse from the scene, whatever is under it.
        setMouseTransparent(chosen != Tool.PEN);
        setPickOnBounds(chosen == Tool.PEN);
        setCursor(chosen == Tool.PEN ? Cursor.CROSSHAIR : Cursor.DEFAULT);
        laser.setVisible(false);
    }

    public Tool tool() {
        return tool;
    }

    /** The scene's mouse position, for the laser; called from a scene filter so nothing under it loses the event. */
    public void pointerAt(double sceneX, double sceneY) {
        if (tool != Tool.LASER) {
            laser.setVisible(false);
            return;
        }
        var p = sceneToLocal(sceneX, sceneY);
        laser.setCenterX(p.getX());
        laser.setCenterY(p.getY());
        laser.setVisible(true);
    }

    private void press(MouseEvent e) {
        if (tool != Tool.PEN || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        drawing = new Path(new MoveTo(e.getX(), e.getY()));
        drawing.setStroke(INK);
        drawing.setStrokeWidth(6);
        drawing.setStrokeLineCap(StrokeLineCap.ROUND);
        drawing.setStrokeLineJoin(StrokeLineJoin.ROUND);
        drawing.getStyleClass().add("pen-stroke");
        strokes.getChildren().add(drawing);
        e.consume();
    }

    private void drag(MouseEvent e) {
        if (drawing != null) {
            drawing.getElements().add(new LineTo(e.getX(), e.getY()));
            e.consume();
        }
    }

    /** Takes every pen stroke away. */
    public void clear() {
        strokes.getChildren().clear();
    }

    /** How many strokes are on screen. */
    public int strokeCount() {
        return strokes.getChildren().size();
    }

    public boolean laserShown() {
        return laser.isVisible();
    }
}
