// The detail pane on the default project (spiral, 2-8-8-1 tanh), stepped phase by phase on the real training
// thread: every heatmap cell shows the value the snapshot holds, hovering reads it out, Δw is after − before, a
// frozen node shows its lock, and the histograms count every value.
package org.stepwise.app.studio.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.ChangeNode;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.StepSnapshot.NodeState;
import org.stepwise.app.studio.StepSnapshot.ParamState;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DetailViewTest {
    private Workspace workspace;
    private TrainingController controller;
    private NodeDetailView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.standard(), null);
        controller = new TrainingController(workspace);
        view = new NodeDetailView(workspace, new I18n(Locale.ENGLISH), controller);
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Runs {@code action} on the FX thread, then waits until the pane shows a snapshot that passes {@code done}. */
    private StepSnapshot run(FxRobot robot, Runnable action, Predicate<StepSnapshot> done) throws Exception {
        robot.interact(action);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            StepSnapshot s = controller.snapshot();
            return s != null && done.test(s) && view.shown() == s;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return controller.snapshot();
    }

    /** The first {@code n} phases of the first step. */
    private StepSnapshot phases(FxRobot robot, int n) throws Exception {
        return run(robot, () -> {
            for (int i = 0; i < n; i++) {
                controller.nextPhase();
            }
        }, s -> s.step() == 0 && s.phaseIndex() == n);
    }

    private void select(FxRobot robot, String node) {
        robot.interact(() -> workspace.select(node));
    }

    private void page(FxRobot robot, String id) {
        robot.clickOn("#detail-" + id);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private static void assertCells(float[] expected, Heatmap h) {
        Grid g = h.grid();
        assertEquals(expected.length, g.tiles() * g.rows() * g.cols());
        for (int t = 0; t < g.tiles(); t++) {
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    assertEquals(expected[(t * g.rows() + r) * g.cols() + c], h.value(t, r, c),
                            "cell " + t + "/" + r + "/" + c);
                }
            }
        }
    }

    // ---- activations --------------------------------------------------------------------------------------------

    @Test
    void afterTheForwardOfHidden1EachCellShowsThatSampleAndUnit(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        StepSnapshot s = phases(robot, 2);
        NodeState hidden1 = s.node("hidden1");
        Heatmap h = view.heatmap("activations");
        assertEquals(Grid.Kind.BATCH, h.grid().kind());
        assertEquals(hidden1.rows(), h.grid().rows());
        assertEquals(8, h.grid().cols());
        for (int r = 0; r < hidden1.rows(); r++) {
            for (int u = 0; u < 8; u++) {
                assertEquals(hidden1.output()[r * 8 + u], h.value(r, u));
            }
        }
        assertEquals(h.scale().argb(h.value(3, 5)), h.argb(0, 3, 5));
        // A batch is a matrix, not a picture: its cells may widen into the room beside it, to three times their height.
        assertTrue(h.cellWidth() >= h.cellHeight() && h.cellWidth() <= 3 * h.cellHeight(),
                h.cellWidth() + " × " + h.cellHeight());
        assertTrue(h.cellWidth() > h.cellHeight() || h.cellWidth() * 8 >= h.getWidth() - 2 || h.cellWidth() == 30,
                "cells widen while there is room: " + h.cellWidth() + " × " + h.cellHeight() + " in " + h.getWidth());
        assertEquals("After forward of hidden1", text(robot, "detail-fresh"));
        assertEquals("hidden1", text(robot, "detail-title"));
        assertTrue(text(robot, "detail-position").contains("forward of hidden1"), text(robot, "detail-position"));
    }

    @Test
    void aNodeWhoseForwardHasNotRunSaysSo(FxRobot robot) throws Exception {
        select(robot, "hidden2");
        phases(robot, 2);
        assertEquals("Not yet computed in this step", text(robot, "detail-fresh"));
        select(robot, "hidden1");
        assertEquals("After forward of hidden1", text(robot, "detail-fresh"));
    }

    @Test
    void hoverShowsTheExactValueWithItsSampleAndUnit(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        StepSnapshot s = phases(robot, 2);
        float v = s.node("hidden1").output()[3 * 8 + 5];
        robot.moveTo(view.heatmap("activations").cellCenterOnScreen(0, 3, 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Output · sample 3 · unit 5 = " + Float.toString(v), text(robot, "detail-hover"));
    }

    @Test
    void theSampleChooserOutlinesItsRow(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        phases(robot, 2);
        robot.interact(() -> robot.lookup("#detail-sample").queryAs(javafx.scene.control.Spinner.class)
                .getValueFactory().setValue(4));
        assertEquals(15, ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) robot
                .lookup("#detail-sample").queryAs(javafx.scene.control.Spinner.class).getValueFactory()).getMax());
    }

    // ---- gradients and weights ----------------------------------------------------------------------------------

    @Test
    void afterTheBackwardOfHidden1GradientsEqualTheSnapshot(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        StepSnapshot s = phases(robot, 8); // F0 F1 F2 F3 loss B3 B2 B1
        page(robot, "gradients");
        NodeState hidden1 = s.node("hidden1");
        assertCells(hidden1.gradOutput(), view.heatmap("gradients"));
        assertCells(hidden1.params().get(0).grad(), view.heatmap("weight-gradients"));
        assertTrue(Arrays.stream(toDoubles(hidden1.gradOutput())).anyMatch(g -> g != 0));
        assertEquals("After backward of hidden1", text(robot, "detail-fresh"));
        Scale scale = view.heatmap("gradients").scale();
        assertEquals(-scale.max(), scale.min());
    }

    @Test
    void beforeItsOwnBackwardANodesParameterGradientsAreFadedWithANote(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        phases(robot, 7); // F0 F1 F2 F3 loss B3 B2: hidden1's output gradient is in, its own backward is next
        page(robot, "gradients");
        assertEquals("∂L/∂output of hidden1 is in; ∂L/∂w comes with its backward", text(robot, "detail-fresh"));
        assertEquals("Not this step's yet: they are computed in the backward of hidden1.",
                text(robot, "detail-waiting-note"));
        assertTrue(robot.lookup("#detail-waiting-note").query().isVisible());
        run(robot, controller::nextPhase, st -> st.phaseIndex() == 8);
        assertEquals("After backward of hidden1", text(robot, "detail-fresh"));
        assertFalse(robot.lookup(".detail-note").queryAll().stream().anyMatch(javafx.scene.Node::isVisible),
                "no note once the gradients are this step's");
    }

    @Test
    void weightsShowTheMatrixUnitsByInputs(FxRobot robot) throws Exception {
        select(robot, "hidden2");
        StepSnapshot s = phases(robot, 1);
        page(robot, "weights");
        ParamState w = s.node("hidden2").params().get(0);
        Heatmap h = view.heatmap("weights");
        assertEquals(Grid.Kind.MATRIX, h.grid().kind());
        assertEquals(8, h.grid().rows());
        assertEquals(8, h.grid().cols());
        assertCells(w.value(), h);
        assertCells(s.node("hidden2").params().get(1).value(), view.heatmap("bias"));
        robot.moveTo(h.cellCenterOnScreen(0, 2, 6));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Weights · unit 2 · input 6 = " + Float.toString(w.value()[2 * 8 + 6]),
                text(robot, "detail-hover"));
    }

    @Test
    void afterTheUpdateTheDeltaToggleShowsValueMinusBefore(FxRobot robot) throws Exception {
        select(robot, "hidden1");
        page(robot, "weights");
        StepSnapshot s = run(robot, controller::step, x -> x.step() == 1 && x.phaseIndex() == 0);
        robot.clickOn("#detail-delta-toggle");
        Heatmap delta = view.heatmap("delta");
        assertTrue(delta.getParent().isVisible());
        assertFalse(view.heatmap("weights").getParent().isVisible());
        ParamState w = s.node("hidden1").params().get(0);
        float[] expected = new float[w.value().length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = w.value()[i] - w.before()[i];
        }
        assertCells(expected, delta);
        assertTrue(Arrays.stream(toDoubles(expected)).anyMatch(d -> d != 0), "the update changed nothing");
        assertEquals("Update of step 1", text(robot, "detail-fresh"));

        // Within the next step, before its update, nothing has changed yet.
        StepSnapshot mid = run(robot, controller::nextPhase, x -> x.step() == 1 && x.phaseIndex() == 1);
        assertEquals(0f, view.heatmap("delta").value(0, 0));
        assertEquals(mid.node("hidden1").params().get(0).value()[0], mid.node("hidden1").params().get(0).before()[0]);
        assertEquals("Not yet computed in this step", text(robot, "detail-fresh"));
        robot.clickOn("#detail-delta-toggle");
        assertTrue(view.heatmap("weights").getParent().isVisible());
        assertFalse(delta.getParent().isVisible());
    }

    @Test
    void aFrozenNodeShowsALockGreyedGradientsAndNoUpdate(FxRobot robot) throws Exception {
        robot.interact(() -> workspace.execute(ChangeNode.frozen(workspace.graph(), "hidden1", true)));
        select(robot, "hidden1");
        assertTrue(robot.lookup("#detail-lock").query().isVisible());
        StepSnapshot s = run(robot, controller::step, x -> x.step() == 1 && x.phaseIndex() == 0);
        assertTrue(s.node("hidden1").frozen());
        page(robot, "gradients");
        assertTrue(robot.lookup("#detail-frozen-note").query().isVisible());
        assertTrue(robot.lookup("#heatmap-weight-gradients").query().getParent()
                .getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("frozen")));
        page(robot, "weights");
        robot.clickOn("#detail-delta-toggle");
        Heatmap delta = view.heatmap("delta");
        for (int u = 0; u < 8; u++) {
            assertEquals(0f, delta.value(u, 0));
        }
        select(robot, "hidden2");
        assertFalse(robot.lookup("#detail-lock").query().isVisible());
    }

    // ---- histograms and the empty pane --------------------------------------------------------------------------

    @Test
    void histogramsCountEveryValueAndKeepAHistoryPerStep(FxRobot robot) throws Exception {
        select(robot, "hidden2");
        page(robot, "histograms");
        for (int k = 1; k <= 3; k++) {
            int step = k;
            run(robot, controller::step, x -> x.step() == step && x.phaseIndex() == 0);
        }
        StepSnapshot s = controller.snapshot();
        NodeState hidden2 = s.node("hidden2");
        Histogram a = view.histogram("activations").current();
        assertEquals(hidden2.output().length, Arrays.stream(a.counts()).sum() + a.nonFinite());
        assertEquals(hidden2.gradOutput().length, view.histogram("gradients").current().total());
        assertEquals(hidden2.params().get(0).value().length, view.histogram("weights").current().total());
        assertEquals(3, view.historySize("hidden2"));
        assertTrue(robot.lookup("#histogram-weights").query().isVisible());
        select(robot, "input");
        assertFalse(robot.lookup("#histogram-weights").query().isVisible(), "the input has no weights");
    }

    @Test
    void withoutASelectionThePaneAsksForOne(FxRobot robot) {
        Label empty = robot.lookup("#detail-empty").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().startsWith("Select a node"), empty.getText());
        select(robot, "hidden1");
        assertTrue(empty.getText().contains("press Next"), empty.getText());
    }

    @Test
    void pageButtonsSwitchPagesAndOneIsAlwaysOn(FxRobot robot) throws Exception {
        select(robot, "output");
        phases(robot, 4);
        page(robot, "weights");
        assertEquals(NodeDetailView.Page.WEIGHTS, view.page());
        page(robot, "weights");
        assertTrue(robot.lookup("#detail-weights").queryAs(ToggleButton.class).isSelected());
        assertTrue(robot.lookup("#detail-page-weights").query().isVisible());
        assertFalse(robot.lookup("#detail-page-activations").query().isVisible());
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
