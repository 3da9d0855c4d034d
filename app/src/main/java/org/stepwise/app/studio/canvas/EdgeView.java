// One connection on the canvas: a curve from the producer's output port to the consumer's input port, labelled
// with the shape that flows along it, and a wider invisible stroke so a click near the line still hits it.
package org.stepwise.app.studio.canvas;

import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;

final class EdgeView extends Group {
    final String from;
    final String to;
    private final CubicCurve line = new CubicCurve();
    private final CubicCurve hit = new CubicCurve();
    final Label label = new Label();
    private double midX;
    private double midY;

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
     * Places a curve between two port centres, in world units, with horizontal tangents at both ports. A backward
     * edge loops round instead of cutting through the nodes; {@code lift} raises the middle of the curve by
     * 3/4 of it, so an edge that skips a column can arch over the nodes in between.
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
        shape(line, x0, y0, x1, y1, lift);
        shape(hit, x0, y0, x1, y1, lift);
        // The curve's point at t = 1/2; the label sits above it, clear of the line and of the ports.
        double pull = pull(x0, x1, lift);
        midX = (x0 + 3 * (x0 + pull) + 3 * (x1 - pull) + x1) / 8;
        midY = (y0 + y1) / 2 - 0.75 * lift;
        centreLabel();
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
        label.setText(text);
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
