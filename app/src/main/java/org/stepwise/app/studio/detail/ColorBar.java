// The legend under a heatmap: the colour map as a bar with its scale's numbers beneath, min, middle (0 on a
// diverging scale) and max, so the colours can be read back as values in either theme.
package org.stepwise.app.studio.detail;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

final class ColorBar extends VBox {
    private static final double WIDTH = 240;
    private static final double HEIGHT = 14;

    private final Canvas bar = new Canvas(WIDTH, HEIGHT);
    private final Label min = number();
    private final Label mid = number();
    private final Label max = number();
    private ColorMap painted;

    ColorBar() {
        super(2);
        getStyleClass().add("detail-colorbar");
        BorderPane numbers = new BorderPane(mid, null, max, null, min);
        BorderPane.setAlignment(min, Pos.CENTER_LEFT);
        BorderPane.setAlignment(max, Pos.CENTER_RIGHT);
        numbers.setMaxWidth(WIDTH);
        numbers.setPrefWidth(WIDTH);
        getChildren().addAll(bar, numbers);
        setMaxWidth(WIDTH);
    }

    void show(Scale scale) {
        if (scale.map() != painted) {
            painted = scale.map();
            GraphicsContext g = bar.getGraphicsContext2D();
            for (int x = 0; x < WIDTH; x++) {
                g.setFill(scale.map().color(x / (WIDTH - 1)));
                g.fillRect(x, 0, 1, HEIGHT);
            }
        }
        min.setText(Numbers.brief(scale.min()));
        mid.setText(scale.diverging() ? "0" : Numbers.brief((scale.min() + scale.max()) / 2));
        max.setText(Numbers.brief(scale.max()));
    }

    String text() {
        return min.getText() + " | " + mid.getText() + " | " + max.getText();
    }

    private static Label number() {
        Label l = new Label();
        l.getStyleClass().add("detail-legend-number");
        return l;
    }
}
