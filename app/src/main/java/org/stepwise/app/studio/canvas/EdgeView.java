// One connection on the canvas: a curve from the producer's output port to the consumer's input port, labelled
// with the shape that flows along it, and a wider invisible stroke so a click near the line still hits it.
package org.stepwise.app.studio.canvas;

import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

final class EdgeView extends Group {
    final String from;
    final String to;
    /** How far a backward edge's turns reach past its ports, at most: it stays close to the nodes it joins. */
    static final double MAX_TURN = 80;
    private final Path line = new Path();
    private final Path hit = new Path();
    final Label label = new Label();
    /** The shape the label shows; out of the scene, the label gets it when it comes back (see setFar). */
    private String text = "";
    private double midX;
    private double midY;
    /** The ends and lift last placed: a refresh that moved neither keeps the path, so it is not repainted. */
    private final double[] placed = {Double.NaN, 0, 0, 0, 0};

    EdgeView(String from, String to) {
        this.from = from;
        this.to = to;
        setId("edge-" + from + "-" + to);
        getStyleClass().add("graph-edge");
        line.getStyleClass().add("edge-line");
        line.setFill(null);
        line.setMouseTransparent(true);
        hit.getStyleClass().add("edge-hit");
        hit.setFill(null);
        label.getStyleClass().add("edge-label");
        label.setMouseTransparent(true);
        getChildren().addAll(hit, line, label);
        // The label's size is known only after CSS; it re-centres itself whenever that size changes.
        label.widthProperty().addListener((o, a, b) -> centreLabel());
        label.heightProperty().addListener((o, a, b) -> centreLabel());
    }

    /**
     * Places a curve between two port centres, in world units, with horizontal tangents at both ports, as the
     * line being dragged out of a port is drawn; {@code lift} raises the middle of the curve by 3/4 of it, so an
     * edge that skips a column can arch over the nodes in between. An edge's own course is {@link #place}'s.
     */
    static void shape(CubicCurve c, double x0, double y0, double x1, double y1, double lift) {
        double pull = pull(x0, x1, lift);
        c.setStartX(x0);
        c.setStartY(y0);
        c.setControlX1(x0 + pull);
        c.setControlY1(y0 - lift);
        c.setControlX2(x1 - pull);
        c.setControlY2(y1 - lift);
        c.setEndX(x1);
        c.setEndY(y1);
    }

    void place(double x0, double y0, double x1, double y1, double lift) {
        double[] now = {x0, y0, x1, y1, lift};
        if (java.util.Arrays.equals(now, placed)) {
            return;
        }
        System.arraycopy(now, 0, placed, 0, now.length);
        PathElement[] course;
        if (x1 >= x0 || lift > 0) {
            double pull = pull(x0, x1, lift);
            course = new PathElement[] {new MoveTo(x0, y0),
                    new CubicCurveTo(x0 + pull, y0 - lift, x1 - pull, y1 - lift, x1, y1)};
            // The curve's point at t = 1/2; the label sits above it, clear of the line and of the ports.
            midX = (x0 + 3 * (x0 + pull) + 3 * (x1 - pull) + x1) / 8;
            midY = (y0 + y1) / 2 - 0.75 * lift;
        } else {
            // Backward, as from the end of one row of a wrapped layout to the start of the next: out of the port and
            // round into the lane between the rows (or under the row, when both ends are in one), along it, and round
            // into the input port. A single curve would swing far out past both ends and cut through the rows.
            double lane = Math.abs(y1 - y0) >= NodeView.HEIGHT ? (y0 + y1) / 2
                    : Math.max(y0, y1) + NodeView.HEIGHT / 2 + 24;
            double out = turn(lane - y0);
            double in = turn(lane - y1);
            course = new PathElement[] {new MoveTo(x0, y0),
                    new CubicCurveTo(x0 + out, y0, x0 + out, lane, x0, lane),
                    new HLineTo(x1),
                    new CubicCurveTo(x1 - in, lane, x1 - in, y1, x1, y1)};
            // The label goes near the lane's start: the lane's middle is where the label of an edge arching over
            // the row below it tends to sit. Two edges leaving one port carry the same shape, so theirs coincide.
            midX = Math.max((x0 + x1) / 2, x0 - 60);
            midY = lane;
        }
        // The two paths share the elements: a path element may belong to several paths, and these never change.
        line.getElements().setAll(course);
        hit.getElements().setAll(course);
        centreLabel();
    }

    /** How far a half-turn between two heights {@code rise} apart reaches sideways: about a half circle. */
    private static double turn(double rise) {
        return Math.max(20, Math.min(MAX_TURN, Math.abs(rise) * 2 / 3));
    }

    /** An arching edge climbs steeply near its ports, so it clears the neighbours' corners too. */
    private static double pull(double x0, double x1, double lift) {
        return lift > 0 ? 50 : Math.max(40, Math.abs(x1 - x0) / 2);
    }

    private void centreLabel() {
        label.relocate(midX - label.getWidth() / 2, midY - label.getHeight() - NodeView.PORT_RADIUS);
    }

    /**
     * Animates the line while training data (forward, {@code direction} 1) or a gradient (backward, −1) crosses it:
     * dashes that travel along {@code phase}; 0 stops.
     */
    void setFlow(int direction, javafx.beans.value.ObservableDoubleValue phase) {
        line.strokeDashOffsetProperty().unbind();
        toggle("flow-forward", direction > 0);
        toggle("flow-backward", direction < 0);
        if (direction == 0) {
            line.getStrokeDashArray().clear();
            line.setStrokeDashOffset(0);
            return;
        }
        line.getStrokeDashArray().setAll(10.0, 8.0);
        line.strokeDashOffsetProperty().bind(direction > 0
                ? javafx.beans.binding.Bindings.negate(phase) : javafx.beans.binding.Bindings.add(phase, 0));
    }

    void setText(String text) {
        this.text = text;
        if (label.getParent() != null) {
            label.setText(text);
        }
    }

    /**
     * Zoomed far out, the shape label is taken out of the scene, as a node's small lines are (NodeView.setFar), and
     * gets the latest text when it comes back.
     */
    void setFar(boolean far) {
        if (far) {
            getChildren().remove(label);
        } else if (label.getParent() == null) {
            label.setText(text);
            getChildren().add(label);
        }
    }

    void toggle(String styleClass, boolean on) {
        boolean has = getStyleClass().contains(styleClass);
        if (on && !has) {
            getStyleClass().add(styleClass);
        } else if (!on && has) {
            getStyleClass().remove(styleClass);
        }
    }
}
