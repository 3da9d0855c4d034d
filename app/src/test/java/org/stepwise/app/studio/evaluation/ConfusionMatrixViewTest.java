// The confusion matrix's colours and keyboard: the diagonal is shaded blue and mistakes orange (no red against
// green), a legend says so, each cell tells a screen reader its pair and count, and Enter on a focused cell lists it.
package org.stepwise.app.studio.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConfusionMatrixViewTest {
    private final AtomicReference<String> picked = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        int[][] confusion = {{8, 2}, {1, 9}};
        ConfusionMatrixView view = new ConfusionMatrixView(confusion, c -> c == 0 ? "cat" : "dog",
                new I18n(Locale.ENGLISH), (a, p) -> picked.set(a + "-" + p));
        stage.setScene(new Scene(view, 400, 300));
        stage.show();
    }

    private static Color fill(Label cell) {
        return (Color) cell.getBackground().getFills().get(0).getFill();
    }

    @Test
    void rightIsBlueWrongIsOrangeAndTheLegendSaysSo(FxRobot robot) {
        Color right = fill(robot.lookup("#cell-0-0").queryAs(Label.class));
        Color wrong = fill(robot.lookup("#cell-0-1").queryAs(Label.class));
        assertTrue(right.getBlue() > right.getRed() && right.getBlue() > right.getGreen(), "blue: " + right);
        assertTrue(wrong.getRed() > wrong.getGreen() && wrong.getGreen() > wrong.getBlue(), "orange: " + wrong);
        HBox legend = robot.lookup("#confusion-legend").queryAs(HBox.class);
        assertEquals(2, legend.getChildren().size());
        assertEquals("Right: 0–100% of the true class", ((Label) legend.getChildren().get(0)).getText());
    }

    @Test
    void aCellSpeaksAndEnterListsIt(FxRobot robot) {
        Label cell = robot.lookup("#cell-1-0").queryAs(Label.class);
        assertEquals("True dog, predicted cat: 1 examples. Click to list them. 10%", cell.getAccessibleText());
        robot.interact(cell::requestFocus);
        robot.push(KeyCode.ENTER);
        assertEquals("1-0", picked.get());
        assertTrue(cell.getStyleClass().contains("confusion-chosen"));
    }
}
