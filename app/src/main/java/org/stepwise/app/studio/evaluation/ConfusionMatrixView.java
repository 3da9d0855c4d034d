// The confusion matrix as a grid of cells: the count and the share of its row (the true class) in each, shaded by
// that share, with class names along both axes. Clicking a cell reports its (true, predicted) pair.
package org.stepwise.app.studio.evaluation;

import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;

final class ConfusionMatrixView extends VBox {
    private final GridPane grid = new GridPane();
    private Label chosen;

    ConfusionMatrixView(int[][] confusion, IntFunction<String> className, I18n i18n,
                        BiConsumer<Integer, Integer> onCell) {
        getStyleClass().add("confusion");
        int classes = confusion.length;
        Label predictedAxis = new Label(i18n.text("evaluation.predicted"));
        predictedAxis.getStyleClass().add("confusion-axis");
        Label actualAxis = new Label(i18n.text("evaluation.actual"));
        actualAxis.getStyleClass().add("confusion-axis");
        grid.add(predictedAxis, 1, 0, classes, 1);
        GridPane.setHalignment(predictedAxis, HPos.CENTER);
        grid.add(actualAxis, 0, 1);
        GridPane.setHalignment(actualAxis, HPos.LEFT);
        for (int p = 0; p < classes; p++) {
            Label name = new Label(className.apply(p));
            name.getStyleClass().add("confusion-name");
            name.setRotate(-60);
            Group turned = new Group(name);
            grid.add(turned, p + 1, 1);
            GridPane.setHalignment(turned, HPos.CENTER);
        }
        for (int a = 0; a < classes; a++) {
            int total = 0;
            for (int p = 0; p < classes; p++) {
                total += confusion[a][p];
            }
            Label name = new Label(className.apply(a));
            name.getStyleClass().add("confusion-name");
            grid.add(name, 0, a + 2);
            for (int p = 0; p < classes; p++) {
                double share = total == 0 ? 0 : (double) confusion[a][p] / total;
                Label cell = new Label(confusion[a][p] + "\n" + Math.round(share * 100) + "%");
                cell.setId("cell-" + a + "-" + p);
                cell.getStyleClass().addAll("confusion-cell", a == p ? "confusion-diagonal" : "confusion-off");
                if (share > 0.5) {
                    cell.getStyleClass().add("confusion-strong");
                }
                cell.setAlignment(Pos.CENTER);
                // A share of 0 keeps the plain background; any example at all shows a little colour.
                double alpha = confusion[a][p] == 0 ? 0 : 0.12 + 0.88 * share;
                cell.setStyle("-fx-background-color: rgba(" + (a == p ? "31,136,61," : "207,34,46,")
                        + String.format(java.util.Locale.ROOT, "%.3f", alpha) + ");");
                Tooltip.install(cell, new Tooltip(i18n.text("evaluation.cellTip", className.apply(a),
                        className.apply(p), confusion[a][p])));
                int actual = a;
                int guess = p;
                cell.setOnMouseClicked(e -> {
                    if (chosen != null) {
                        chosen.getStyleClass().remove("confusion-chosen");
                    }
                    chosen = cell;
                    cell.getStyleClass().add("confusion-chosen");
                    onCell.accept(actual, guess);
                });
                grid.add(cell, p + 1, a + 2);
            }
        }
        getChildren().add(grid);
        setAlignment(Pos.TOP_LEFT);
    }
}
