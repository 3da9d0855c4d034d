// The detail pane on images: one feature-map tile per channel of the chosen sample, one k×k tile per filter and
// input channel, checked on a hand-built snapshot (exact layout) and on LeNet stepped for real.
package org.stepwise.app.studio.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.StepSnapshot.NodeState;
import org.stepwise.app.studio.StepSnapshot.ParamState;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.tensor.Shape;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DetailConvTest {
    private Workspace workspace;
    private TrainingController controller;
    private NodeDetailView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.fromTemplate("lenet"), null);
        controller = new TrainingController(workspace);
        view = new NodeDetailView(workspace, new I18n(Locale.ENGLISH), controller);
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    /** Values 0, 1, 2… so every cell's index can be read back from its value. */
    private static float[] counting(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /** Two samples through a conv of 3 filters (3×3 over 2 input channels) to (3, 4, 5) maps. */
    private static StepSnapshot handBuilt() {
        Shape maps = Shape.of(3, 4, 5);
        ParamState w = new ParamState("weight", Shape.of(3, 2, 3, 3), counting(54), counting(54), counting(54));
        ParamState b = new ParamState("bias", Shape.of(3), counting(3), counting(3), counting(3));
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        nodes.put("input", new NodeState("input", "input", Shape.of(2, 6, 7), false, 2, counting(168), null,
                new float[168], List.of()));
        nodes.put("conv", new NodeState("conv", "conv2d", maps, false, 2, counting(120), null, counting(120),
                List.of(w, b)));
        return new StepSnapshot(0, 2, new Phase.Forward(1, "conv"), new Phase.Loss(), "Epoch 1 · batch 1/1 · forward",
                0, 0, 1, Float.NaN, 0.01f, null, null, null, 2, nodes, 0, null, 1);
    }

    @Test
    void featureMapsShowOneTilePerChannelOfTheChosenSample(FxRobot robot) {
        robot.interact(() -> {
            workspace.select("conv");
            view.show(handBuilt());
        });
        Heatmap h = view.heatmap("activations");
        assertEquals(Grid.Kind.MAPS, h.grid().kind());
        assertEquals(3, h.tileCount());
        assertEquals(4, h.grid().rows());
        assertEquals(5, h.grid().cols());
        assertEquals(h.cellHeight(), h.cellWidth(), "an image keeps square pixels");
        assertEquals(0 * 60 + 2 * 20 + 3 * 5 + 4, h.value(2, 3, 4));
        robot.interact(() -> robot.lookup("#detail-sample").queryAs(Spinner.class).getValueFactory().setValue(1));
        assertEquals(1 * 60 + 2 * 20 + 3 * 5 + 4, view.heatmap("activations").value(2, 3, 4));
        robot.moveTo(h.cellCenterOnScreen(1, 2, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Output · sample 1 · channel 1 · row 2, column 3 = " + (60 + 20 + 10 + 3f),
                robot.lookup("#detail-hover").queryAs(Label.class).getText());
    }

    @Test
    void filtersShowOneTilePerOutputAndInputChannel(FxRobot robot) {
        robot.interact(() -> {
            workspace.select("conv");
            view.show(handBuilt());
            view.showPage(NodeDetailView.Page.WEIGHTS);
        });
        Heatmap h = view.heatmap("weights");
        assertEquals(Grid.Kind.FILTERS, h.grid().kind());
        assertEquals(3 * 2, h.tileCount());
        assertEquals(2, h.grid().across());
        // Filter 2, input channel 1, kernel row 0, column 2.
        assertEquals((2 * 2 + 1) * 9 + 2, h.value(2 * 2 + 1, 0, 2));
        robot.moveTo(h.cellCenterOnScreen(5, 0, 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Weights · filter 2 · input channel 1 · row 0, column 2 = 47.0",
                robot.lookup("#detail-hover").queryAs(Label.class).getText());
        assertEquals(3, view.heatmap("bias").grid().rows());
    }

    @Test
    void leNetConv1ShowsSixTwentyEightSquareMapsAfterItsForward(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workspace.select("conv1");
            controller.nextPhase();
            controller.nextPhase();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> controller.snapshot() != null
                && controller.snapshot().phaseIndex() == 2 && view.shown() == controller.snapshot());
        WaitForAsyncUtils.waitForFxEvents();
        NodeState conv1 = controller.snapshot().node("conv1");
        Heatmap h = view.heatmap("activations");
        assertEquals(6, h.tileCount());
        assertEquals(28, h.grid().rows());
        assertEquals(28, h.grid().cols());
        for (int c = 0; c < 6; c++) {
            assertEquals(conv1.output()[c * 784 + 14 * 28 + 9], h.value(c, 14, 9));
        }
        robot.interact(() -> view.showPage(NodeDetailView.Page.WEIGHTS));
        assertEquals(6, view.heatmap("weights").tileCount());
        robot.interact(() -> workspace.select("conv2"));
        assertEquals(16 * 6, view.heatmap("weights").tileCount());
        robot.interact(() -> workspace.select("fc1"));
        assertEquals(Grid.Kind.MATRIX, view.heatmap("weights").grid().kind());
        assertEquals(400, view.heatmap("weights").grid().cols());
        robot.interact(() -> {
            workspace.select("pool2");
            view.showPage(NodeDetailView.Page.ACTIVATIONS);
        });
        assertEquals(16, view.heatmap("activations").tileCount());
        assertTrue(robot.lookup("#detail-fresh").queryAs(Label.class).getText().startsWith("Not yet"));
    }
}
