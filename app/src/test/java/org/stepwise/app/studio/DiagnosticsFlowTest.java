// Diagnostics in the window: a NaN weight stops training with a badge on its node and a message naming it, the two
// ways out work, and the gradient check's table agrees with core's GradientCheck run on its own.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.SetWeight;
import org.stepwise.app.studio.diagnostics.GradientCheckDialog;
import org.stepwise.core.train.GradientCheck;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DiagnosticsFlowTest {
    private MainWindow window;
    private TestWindow opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    private StepSnapshot waitFor(java.util.function.Predicate<StepSnapshot> what) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            StepSnapshot s = window.training().snapshot();
            return s != null && what.test(s);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window.training().snapshot();
    }

    /** Two good steps, then a NaN in hidden1's first weight and one more step, which halts. */
    private StepSnapshot haltOnNaN(FxRobot robot) throws Exception {
        window.training().step();
        waitFor(s -> s.step() == 1);
        window.training().step();
        waitFor(s -> s.step() == 2);
        robot.interact(() -> window.workspace().execute(new SetWeight("hidden1", "weight", 0, Float.NaN)));
        window.training().step();
        return waitFor(s -> s.diagnostics() != null && s.diagnostics().halt() != null);
    }

    @Test
    void aNaNWeightStopsTrainingWithABadgeOnItsNodeAndAMessageNamingIt(FxRobot robot) throws Exception {
        StepSnapshot halted = haltOnNaN(robot);

        assertEquals(TrainingController.State.HALTED, window.training().progress().state());
        assertEquals("hidden1", halted.diagnostics().halt().node());
        Node badge = robot.lookup("#badge-hidden1-nan").query();
        assertTrue(badge.isVisible() && badge.getScene() != null, "the badge is on the canvas");
        assertTrue(robot.lookup("#badge-hidden2-nan").tryQuery().isEmpty(), "only the first node is marked");
        assertTrue(badge.getAccessibleText().contains("Lesson 6"), badge.getAccessibleText());
        Node banner = robot.lookup("#halt-banner").query();
        assertTrue(banner.isVisible());
        String message = robot.lookup("#halt-message").queryAs(Label.class).getText();
        assertEquals("Training stopped at step 2: the output of “hidden1” became NaN or infinite first.", message);

        robot.clickOn("#halt-rewind");
        StepSnapshot back = waitFor(s -> s.step() == 1 && s.diagnostics().halt() == null);
        assertTrue(Float.isFinite(back.node("hidden1").params().get(0).value()[0]), "the NaN is gone");
        assertFalse(banner.isVisible());
        assertTrue(robot.lookup("#badge-hidden1-nan").tryQuery().isEmpty(), "the badge went with the NaN");
    }

    @Test
    void loweringTheLearningRateHalvesItUndoablyAndContinuesFromTheLastGoodStep(FxRobot robot) throws Exception {
        float rate = window.workspace().document().settings().learningRate();
        haltOnNaN(robot);

        robot.clickOn("#halt-lower-rate");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rate / 2, window.workspace().document().settings().learningRate());
        assertFalse(robot.lookup("#halt-banner").query().isVisible());

        window.training().step();
        StepSnapshot next = waitFor(s -> s.step() > 0);
        assertEquals(2, next.step(), "training went on from step 1, the last good one");
        assertNull(next.diagnostics().halt());
        assertEquals(rate / 2, next.learningRate());

        robot.interact(() -> window.workspace().stack().undo());
        assertEquals(rate, window.workspace().document().settings().learningRate());
    }

    @Test
    void theGradientCheckTableAgreesWithCoresCheckOnTheSameBatch(FxRobot robot) throws Exception {
        GradientCheckDialog[] dialog = new GradientCheckDialog[1];
        robot.interact(() -> dialog[0] = GradientCheckDialog.open(stage, window.training(),
                new I18n(Locale.ENGLISH)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !dialog[0].table().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<GradientCheck.NodeResult> shown = List.copyOf(dialog[0].table().getItems());

        TrainingController.CheckInput in = window.training().copyForGradientCheck().get(30, TimeUnit.SECONDS);
        GradientCheck.Report independent = new GradientCheck().run(in.network(), in.loss(), in.batch(), false);
        assertEquals(independent.nodes(), shown);
        assertEquals(List.of("hidden1", "hidden2", "output"), shown.stream().map(GradientCheck.NodeResult::node)
                .toList());
        for (GradientCheck.NodeResult r : shown) {
            assertTrue(r.relativeError() < GradientCheck.PASS, r.toString());
        }
        String tolerance = robot.lookup("#gradcheck-tolerance").queryAs(Label.class).getText();
        assertTrue(tolerance.contains("at most 0.01."), tolerance);
        assertTrue(robot.lookup(".gradcheck .fail").tryQuery().isEmpty(), "no red row");
        assertNotNull(robot.lookup(".gradcheck .pass").tryQuery().orElse(null), "green rows");
        robot.interact(() -> dialog[0].stage().close());
    }
}
