// Predicted against actual values of a regression's first output, with the line y = x where perfect predictions
// would lie. Drawn once per evaluation; colours come from the theme's text colour so it reads in light and dark.
package org.stepwise.app.studio.evaluation;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

final class ScatterPlot extends Pane {
    private static final double SIZE = 300;
    private static final double MARGIN = 36;

    ScatterPlot(float[] actual, float[] predicted, int width, int n, Color ink, Color dot, String xTitle,
                String yTitle) {
        getStyleClass().add("scatter");
        Canvas canvas = new Canvas(SIZE, SIZE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, Math.min(actual[i * width], predicted[i * width]));
            hi = Math.max(hi, Math.max(actual[i * width], predicted[i * width]));
        }
        if (!(hi > lo)) {
            lo -= 1;
            hi += 1;
        }
        double span = hi - lo;
        double min = lo;
        java.util.function.DoubleUnaryOperator px = v -> MARGIN + (v - min) / span * (SIZE - 2 * MARGIN);
        java.util.function.DoubleUnaryOperator py = v -> SIZE - MARGIN - (v - min) / span * (SIZE - 2 * MARGIN);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setStroke(ink.deriveColor(0, 1, 1, 0.5));
        g.strokeRect(MARGIN, MARGIN, SIZE - 2 * MARGIN, SIZE - 2 * MARGIN);
        g.setLineDashes(6, 4);
        g.setStroke(ink);
        g.strokeLine(px.applyAsDouble(lo), py.applyAsDouble(lo), px.applyAsDouble(hi), py.applyAsDouble(hi));
        g.setLineDashes();
        g.setFill(dot.deriveColor(0, 1, 1, 0.6));
        for (int i = 0; i < n; i++) {
            double x = px.applyAsDouble(actual[i * width]);
            double y = py.applyAsDouble(predicted[i * width]);
            g.fillOval(x - 2.5, y - 2.5, 5, 5);
        }
        g.setFill(ink);
        g.fillText(String.format("%.2f", lo), MARGIN, SIZE - MARGIN + 14);
        g.fillText(String.format("%.2f", hi), SIZE - MARGIN - 24, SIZE - MARGIN + 14);
        g.fillText(String.format("%.2f", hi), 2, MARGIN + 4);
        Label xLabel = new Label(xTitle);
        xLabel.getStyleClass().add("scatter-axis");
        xLabel.relocate(SIZE / 2 - 30, SIZE - 18);
        Label yLabel = new Label(yTitle);
        yLabel.getStyleClass().add("scatter-axis");
        yLabel.relocate(MARGIN + 4, 4);
        getChildren().addAll(canvas, xLabel, yLabel);
        setPrefSize(SIZE, SIZE);
        setMinSize(SIZE, SIZE);
    }
}
