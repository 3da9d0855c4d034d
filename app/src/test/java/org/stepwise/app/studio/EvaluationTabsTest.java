// The Evaluation and Inference tabs in a real window: what they show must match core's own predictions, computed
// here independently over the same copy of the weights.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.evaluation.EvaluationView;
import org.stepwise.app.studio.inference.DrawingPad;
import org.stepwise.app.studio.inference.ForwardTrace;
import org.stepwise.app.studio.inference.GreyImage;
import org.stepwise.app.studio.inference.InferenceView;
import org.stepwise.app.studio.inference.ProbabilityBars;
import org.stepwise.core.Model;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EvaluationTabsTest {
    private MainWindow window;
    private TestWindow opened;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    private <T> T openTab(FxRobot robot, String id, Class<T> type) {
        TabPane pane = robot.lookup("#inspection").queryAs(TabPane.class);
        Tab tab = pane.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> pane.getSelectionModel().select(tab));
        return type.cast(tab.getContent());
    }

    private void useTemplate(FxRobot robot, String template) {
        robot.interact(() -> window.files().replace(DefaultProjects.fromTemplate(template), null));
    }

    private void waitFor(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The weights the tabs copy, with the validation split as training sees it, loaded here on our own. */
    private Session independentSession(FxRobot robot) throws Exception {
        Project[] project = new Project[1];
        robot.interact(() -> project[0] = window.training().snapshotProject());
        return Session.open(project[0], 0);
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

    @Test
    void aConfusionCellListsExactlyTheExamplesOfItsTrueAndPredictedClass(FxRobot robot) throws Exception {
        useTemplate(robot, "mlp-784-128-10");
        EvaluationView view = openTab(robot, "tab-evaluation", EvaluationView.class);
        robot.clickOn("#evaluate");
        waitFor(robot, "#confusion");

        Session session = independentSession(robot);
        Dataset validation = session.validation();
        Network net = session.project().network();
        int classes = validation.classes();
        int[][] counts = new int[classes][classes];
        int[] predicted = new int[validation.n()];
        for (int i = 0; i < validation.n(); i++) {
            float[] x = java.util.Arrays.copyOfRange(validation.x(), i * validation.features(),
                    (i + 1) * validation.features());
            predicted[i] = argmax(java.util.Arrays.copyOf(net.predict(x, 1), classes));
            counts[validation.labels()[i]][predicted[i]]++;
        }
        int bestA = 0;
        int bestP = 0;
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                String shown = robot.lookup("#cell-" + a + "-" + p).queryAs(Label.class).getText();
                assertEquals(counts[a][p], Integer.parseInt(shown.split("\n")[0]), "cell " + a + "," + p);
                if (a != p && counts[a][p] > counts[bestA][bestP] || bestA == bestP) {
                    bestA = a;
                    bestP = p;
                }
            }
        }
        assertTrue(counts[bestA][bestP] > 0, "an untrained network still confuses some classes");

        robot.clickOn("#cell-" + bestA + "-" + bestP);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < validation.n(); i++) {
            if (validation.labels()[i] == bestA && predicted[i] == bestP) {
                expected.add(i);
            }
        }
        List<EvaluationView.Example> listed = view.listedExamples();
        assertEquals(expected, listed.stream().map(EvaluationView.Example::index).toList());
        List<String> names = session.data().classNames();
        for (EvaluationView.Example e : listed) {
            assertEquals(names.get(bestA), e.actual());
            assertEquals(names.get(bestP), e.predicted());
        }
        TableView<?> table = robot.lookup("#drill-down").queryAs(TableView.class);
        assertEquals(expected.size(), table.getItems().size());

        // Opening an example puts its pixels on the drawing pad.
        robot.interact(() -> table.getSelectionModel().select(0));
        // The list may sit beyond the tab's scroll area in the small test window; the button is what a click fires.
        robot.interact(() -> robot.lookup("#open-in-inference").queryButton().fire());
        waitFor(robot, "#drawing-pad");
        DrawingPad pad = robot.lookup("#drawing-pad").queryAs(DrawingPad.class);
        int first = expected.get(0);
        assertArrayEquals(java.util.Arrays.copyOfRange(validation.x(), first * 784, first * 784 + 784),
                pad.pixels(), 1e-6f);
    }

    @Test
    void drawingFeedsTheModelWhatTheCanvasShowsAndTheBarsShowItsProbabilities(FxRobot robot) throws Exception {
        useTemplate(robot, "mlp-784-128-10");
        InferenceView view = openTab(robot, "tab-inference", InferenceView.class);
        waitFor(robot, "#drawing-pad");
        DrawingPad pad = view.pad();
        robot.moveTo(pad).moveBy(-60, -80).press(MouseButton.PRIMARY);
        for (int i = 0; i < 8; i++) {
            robot.moveBy(15, 20);
        }
        robot.moveBy(-30, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        float[] pixels = pad.pixels();
        long drawn = 0;
        for (float v : pixels) {
            drawn += v > 0.5f ? 1 : 0;
        }
        assertTrue(drawn >= 20, "the stroke painted " + drawn + " pixels");

        // The canvas shows exactly these pixels: one grey level per cell.
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = pad.snapshot(null, null));
        PixelReader reader = image[0].getPixelReader();
        double cell = pad.getWidth() / 28;
        for (int i = 0; i < 784; i++) {
            int shown = (int) Math.round(reader.getColor((int) ((i % 28 + 0.5) * cell), (int) ((i / 28 + 0.5) * cell))
                    .getRed() * 255);
            assertEquals(GreyImage.level(pixels[i]), shown, 1, "pixel " + i);
        }

        Project[] project = new Project[1];
        robot.interact(() -> project[0] = window.training().snapshotProject());
        float[] expected = Model.of(project[0]).probabilities(pixels);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            float[] shown = view.shownProbabilities();
            return shown != null && java.util.Arrays.equals(pixels, pad.pixels())
                    && Math.abs(shown[0] - expected[0]) < 1e-5f;
        });
        assertArrayEquals(expected, view.shownProbabilities(), 1e-5f);
        for (int c = 0; c < 10; c++) {
            assertEquals(ProbabilityBars.percent(expected[c]),
                    robot.lookup("#probability-" + c).queryAs(Label.class).getText());
        }

        // Stepping through: the input node first, then every node, the last one giving core's outputs.
        robot.interact(() -> robot.lookup("#step-through").queryButton().fire());
        assertEquals(1, robot.lookup(".trace-row").queryAll().size());
        robot.interact(() -> robot.lookup("#trace-all").queryButton().fire());
        assertEquals(List.of("input", "flatten", "hidden1", "output"),
                robot.lookup(".trace-row").queryAll().stream().map(Node::getId).map(id -> id.substring(6)).toList());
        List<ForwardTrace.Step> steps = view.trace().steps();
        assertArrayEquals(Model.of(project[0]).predict(pixels), steps.get(steps.size() - 1).output(), 1e-5f);
    }

    @Test
    void aFileThatIsNoImageIsExplainedAndChangesNothing(FxRobot robot, @TempDir Path dir) throws Exception {
        useTemplate(robot, "mlp-784-128-10");
        InferenceView view = openTab(robot, "tab-inference", InferenceView.class);
        waitFor(robot, "#drawing-pad");
        Path bad = Files.writeString(dir.resolve("broken.png"), "this is not a png");
        float[] before = view.pad().pixels();
        robot.interact(() -> view.loadImage(bad));
        Label message = robot.lookup("#inference-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("Cannot use broken.png"));
        assertTrue(message.getText().contains("not a readable image"), message.getText());
        assertArrayEquals(before, view.pad().pixels());
    }

    @Test
    void aTypedPointOfTwoDimensionalDataGetsTheProbabilitiesOfItsNormalizedFeatures(FxRobot robot) throws Exception {
        InferenceView view = openTab(robot, "tab-inference", InferenceView.class);
        waitFor(robot, "#input-x1");
        robot.doubleClickOn("#input-x1").write("0.5");
        robot.doubleClickOn("#input-x2").write("-1.25");

        Session session = independentSession(robot);
        float[] x = {0.5f, -1.25f};
        session.normalization().applyInPlace(x, 1);
        double logit = session.project().network().predict(x, 1)[0];
        float one = (float) (1 / (1 + Math.exp(-logit)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            float[] shown = view.shownProbabilities();
            return shown != null && Math.abs(shown[1] - one) < 1e-6f;
        });
        assertArrayEquals(new float[] {1 - one, one}, view.shownProbabilities(), 1e-6f);
        assertEquals(ProbabilityBars.percent(one), robot.lookup("#probability-1").queryAs(Label.class).getText());
    }

    @Test
    void regressionShowsCoresMseMaeAndR2(FxRobot robot) throws Exception {
        robot.interact(() -> window.workspace().execute(ChangeSettings.data(DataRef.builtIn("plane"))));
        openTab(robot, "tab-evaluation", EvaluationView.class);
        robot.clickOn("#evaluate");
        waitFor(robot, "#scatter");

        Session session = independentSession(robot);
        Dataset validation = session.validation();
        Network net = session.project().network();
        float[] predictions = new float[validation.n()];
        for (int i = 0; i < validation.n(); i++) {
            float[] x = java.util.Arrays.copyOfRange(validation.x(), i * 2, i * 2 + 2);
            predictions[i] = net.predict(x, 1)[0];
        }
        RegressionMetrics m = RegressionMetrics.of(predictions, validation.y(), validation.n(), 1, Double.NaN);
        assertEquals("MSE  " + EvaluationView.number(m.mse()), text(robot, "#metric-mse"));
        assertEquals("MAE  " + EvaluationView.number(m.mae()), text(robot, "#metric-mae"));
        assertEquals("R²  " + EvaluationView.number(m.r2()), text(robot, "#metric-r2"));
    }

    private static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return ((Label) n).getText();
    }
}
