// The legend under a heatmap: the colour map as a bar with its scale's numbers beneath, min, middle (0 on a
// diverging scale) and max, so the colours can be read back as values in either theme. It widens with a large font
// (240 px up to 150 %, 13 ems beyond), so the numbers keep their room at every UI scale.
package org.stepwise.app.studio.detail;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

public final class ColorBar extends VBox {
    /** 240 px wide at least; 13 ems when the numbers' font is larger, room for three numbers without crowding. */
    private static final double MIN_WIDTH = 240;
    private static final double WIDTH_EM = 13;
    /** 14 px high at 100 % (13 px numbers). */
    private static final double HEIGHT_EM = 14 / 13.0;

    private final Canvas bar = new Canvas(240, 14);
    private final Label min = number();
    private final Label mid = number();
    private final Label max = number();
    private ColorMap painted;

    public ColorBar() {
        super(2);
        getStyleClass().add("detail-colorbar");
        BorderPane numbers = new BorderPane(mid, null, max, null, min);
        BorderPane.setAlignment(min, Pos.CENTER_LEFT);
        BorderPane.setAlignment(max, Pos.CENTER_RIGHT);
        getChildren().addAll(bar, numbers);
        min.fontProperty().addListener((o, was, font) -> size(numbers, font.getSize()));
        size(numbers, min.getFont().getSize());
    }

    private void size(BorderPane numbers, double fontSize) {
        double width = Math.max(MIN_WIDTH, Math.round(WIDTH_EM * fontSize));
        numbers.setMaxWidth(width);
        numbers.setPrefWidth(width);
        setMaxWidth(width);
        if (bar.getWidth() != width) {
            bar.setWidth(width);
            bar.setHeight(Math.round(HEIGHT_EM * fontSize));
            ColorMap map = painted;
            painted = null;
            if (map != null) {
                paint(map);
            }
        }
    }

    public void show(Scale scale) {
        if (scale.map() != painted) {
            paint(scale.map());
        }
        min.setText(Numbers.brief(scale.min()));
        mid.setText(scale.diverging() ? "0" : Numbers.brief((scale.min() + scale.max()) / 2));
        max.setText(Numbers.brief(scale.max()));
    }

    private void paint(ColorMap map) {
        painted = map;
        GraphicsContext g = bar.getGraphicsContext2D();
        double width = bar.getWidth();
        for (int x = 0; x < width; x++) {
            g.setFill(map.color(x / (width - 1)));
            g.fillRect(x, 0, 1, bar.getHeight());
        }
    }

    /** The bar's width in pixels, for tests. */
    double barWidth() {
        return bar.getWidth();
    }

    double barHeight() {
        return bar.getHeight();
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
