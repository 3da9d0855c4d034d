// Class probabilities as horizontal bars, one row per class with its name and percentage, the most likely class
// marked; for a regression, the output values instead.
package org.stepwise.app.studio.inference;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

public final class ProbabilityBars extends GridPane {
    private static final double BAR_WIDTH = 220;

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        setId("probability-bars");
        setHgap(10);
        setVgap(4);
    }

    public void show(float[] probabilities, IntFunction<String> className) {
        getChildren().clear();
        int best = Probabilities.best(probabilities);
        for (int c = 0; c < probabilities.length; c++) {
            Label name = new Label(className.apply(c));
            name.getStyleClass().add("probability-name");
            Region bar = new Region();
            bar.getStyleClass().add(c == best ? "probability-best" : "probability-bar");
            bar.setPrefSize(Math.max(1, probabilities[c] * BAR_WIDTH), 18);
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            StackPane track = new StackPane(bar);
            track.getStyleClass().add("probability-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setPrefWidth(BAR_WIDTH);
            track.setMinWidth(BAR_WIDTH);
            Label value = new Label(percent(probabilities[c]));
            value.setId("probability-" + c);
            value.getStyleClass().add("probability-value");
            addRow(c, name, track, value);
        }
    }

    /** Output values of a regression, one row each. */
    public void showValues(float[] values, List<String> names) {
        getChildren().clear();
        for (int i = 0; i < values.length; i++) {
            Label name = new Label(names.get(i));
            name.getStyleClass().add("probability-name");
            Label value = new Label(String.format(Locale.ROOT, "%.4f", values[i]));
            value.setId("output-" + i);
            value.getStyleClass().add("probability-value");
            addRow(i, name, value);
        }
    }

    /** A probability as the bars label it. */
    public static String percent(float p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }
}
