// The confusion matrix as a grid of cells: the count and the share of its row (the true class) in each, shaded by
// that share, blue on the diagonal (right) and orange off it (wrong), a colour-blind-safe pair, with class names along
// both axes and a legend beneath. Clicking a cell, or Enter / Space on it from the keyboard, reports its (true,
// predicted) pair; each cell tells a screen reader what it holds.
package org.stepwise.app.studio.evaluation;

import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;

final class ConfusionMatrixView extends VBox {
    /** The diagonal's blue and the mistakes' orange, as "r,g,b," for an rgba() with the share as opacity. */
    private static final String RIGHT = "27,79,140,";
    private static final String WRONG = "179,90,0,";
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
                cell.setStyle("-fx-background-color: rgba(" + (a == p ? RIGHT : WRONG)
                        + String.format(java.util.Locale.ROOT, "%.3f", alpha) + ");");
                String tip = i18n.text("evaluation.cellTip", className.apply(a), className.apply(p), confusion[a][p]);
                Tooltip.install(cell, new Tooltip(tip));
                cell.setAccessibleRole(AccessibleRole.BUTTON);
                cell.setAccessibleText(tip + " " + Math.round(share * 100) + "%");
                cell.setFocusTraversable(true);
                int actual = a;
                int guess = p;
                Runnable choose = () -> {
                    if (chosen != null) {
                        chosen.getStyleClass().remove("confusion-chosen");
                    }
                    chosen = cell;
                    cell.getStyleClass().add("confusion-chosen");
                    onCell.accept(actual, guess);
                };
                cell.setOnMouseClicked(e -> choose.run());
                cell.setOnKeyPressed(e -> {
                    if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                        choose.run();
                        e.consume();
                    }
                });
                grid.add(cell, p + 1, a + 2);
            }
        }
        getChildren().addAll(grid, legend(i18n));
        setSpacing(8);
        setAlignment(Pos.TOP_LEFT);
    }

    /** What the shading means: 0 % to 100 % of the row, blue where right, orange where wrong. */
    private static HBox legend(I18n i18n) {
        HBox legend = new HBox(14, swatch(RIGHT, i18n.text("evaluation.legend.right")),
                swatch(WRONG, i18n.text("evaluation.legend.wrong")));
        legend.setId("confusion-legend");
        legend.getStyleClass().add("confusion-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private static Label swatch(String rgb, String text) {
        Region bar = new Region();
        bar.getStyleClass().add("confusion-legend-bar");
        bar.setStyle("-fx-background-color: linear-gradient(to right, rgba(" + rgb + "0.12), rgba(" + rgb + "1));");
        Label label = new Label(text, bar);
        label.getStyleClass().add("confusion-legend-text");
        return label;
    }
}
