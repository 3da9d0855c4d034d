// Stepping through one training step with the presenter's keys: every phase lights the node it computed, the phase
// indicator names it, going back restores identical values, and the timeline returns to an earlier step's weights.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.detail.NodeDetailView;
import org.stepwise.core.stepper.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StepThroughTest {
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

    private StepSnapshot waitForPhase(long step, int phase) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            StepSnapshot s = window.training().snapshot();
            return s != null && s.step() == step && s.phaseIndex() == phase;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window.training().snapshot();
    }

    @Test
    void theRightKeyWalksThroughAWholeStepLightingEachNodeInTurn(FxRobot robot) throws Exception {
        robot.clickOn("#node-input");
        List<String> expected = List.of("forward input", "forward hidden1", "forward hidden2", "forward output",
                "loss output", "backward output", "backward hidden2", "backward hidden1", "update null");
        List<String> seen = new ArrayList<>();
        for (int phase = 1; phase <= expected.size(); phase++) {
            robot.type(KeyCode.RIGHT);
            int index = phase % expected.size();
            StepSnapshot s = waitForPhase(phase == expected.size() ? 1 : 0, index);
            Phase last = phase == expected.size() ? new Phase.Update() : s.lastPhase();
            String lit = window.canvas().lookupAll(".graph-node").stream()
                    .filter(n -> n.getStyleClass().contains("phase-" + last.kind()))
                    .map(Node::getId).findFirst().orElse("none");
            seen.add(last.kind() + " " + (last.node() == null && !last.kind().equals("loss") ? "null"
                    : lit.replace("node-", "")));
            assertFollowed(robot, s, last);
            String indicator = robot.lookup("#phase-indicator").queryAs(Label.class).getText();
            if (phase < expected.size()) {
                assertTrue(indicator.startsWith("Epoch 1 · batch 1/"), indicator);
                assertTrue(indicator.contains(last.kind()), indicator);
                if (last.node() != null) {
                    assertTrue(indicator.contains("“" + last.node() + "”"), indicator);
                }
            }
        }
        assertEquals(expected, seen);
    }

    /**
     * The node the phase computed is selected, and the values pane shows what it computed: the same numbers as the
     * stepper's snapshot.
     */
    private void assertFollowed(FxRobot robot, StepSnapshot s, Phase last) throws Exception {
        var detail = window.detail();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> detail.shown() == window.training().snapshot());
        WaitForAsyncUtils.waitForFxEvents();
        StepSnapshot shown = detail.shown();
        String node = last instanceof Phase.Loss ? "output" : last.node();
        switch (last.kind()) {
            case "forward" -> {
                assertEquals(java.util.Set.of(node), window.workspace().selection(), last.toString());
                assertEquals(NodeDetailView.Page.ACTIVATIONS, detail.page());
                assertArrayEquals(shown.node(node).output(), detail.shownCells("activations"), node);
                assertEquals("After forward of " + node, text(robot, "#detail-fresh"));
            }
            case "loss", "backward" -> {
                assertEquals(java.util.Set.of(node), window.workspace().selection(), last.toString());
                assertEquals(NodeDetailView.Page.GRADIENTS, detail.page());
                assertArrayEquals(shown.node(node).gradOutput(), detail.shownCells("gradients"), node);
                assertEquals(last instanceof Phase.Loss
                        ? "∂L/∂output of output is in; ∂L/∂w comes with its backward"
                        : "After backward of " + node, text(robot, "#detail-fresh"));
            }
            default -> {
                assertEquals(NodeDetailView.Page.WEIGHTS, detail.page());
                assertTrue(detail.showsDelta(), "the update shows Δw");
            }
        }
        assertEquals(window.workspace().selection().iterator().next(), text(robot, "#detail-title"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void withFollowingOffTheSelectionStaysWhereTheUserPutIt(FxRobot robot) throws Exception {
        window.preferences().setFollowComputation(false);
        try {
            robot.clickOn("#node-hidden2");
            for (int i = 0; i < 3; i++) {
                robot.type(KeyCode.RIGHT);
            }
            waitForPhase(0, 3);
            assertEquals(java.util.Set.of("hidden2"), window.workspace().selection());
        } finally {
            window.preferences().setFollowComputation(true);
        }
    }

    @Test
    void aTapOfSpaceOnTheCanvasPlaysAndAnotherPauses(FxRobot robot) throws Exception {
        robot.clickOn("#node-hidden1");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.training().progress().step() > 10);
        assertTrue(window.training().isPlaying());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.training().isPlaying());
        long stopped = window.training().progress().step();
        Thread.sleep(300);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.training().progress().state() == TrainingController.State.PAUSED);
        assertTrue(window.training().progress().step() <= stopped + 1, "training stays paused");
    }

    @Test
    void goingBackAPhaseRestoresIdenticalValues(FxRobot robot) throws Exception {
        robot.clickOn("#node-input");
        for (int i = 0; i < 6; i++) {
            robot.type(KeyCode.RIGHT);
        }
        StepSnapshot after6 = waitForPhase(0, 6);
        robot.type(KeyCode.RIGHT);
        StepSnapshot after7 = waitForPhase(0, 7);
        assertFalse(java.util.Arrays.equals(after6.node("hidden1").gradOutput(), after7.node("hidden1").gradOutput()),
                "the backward of hidden2 changed hidden1's gradient");
        robot.type(KeyCode.LEFT);
        StepSnapshot back = waitForPhase(0, 6);
        for (String name : after6.nodes().keySet()) {
            assertArrayEquals(after6.node(name).output(), back.node(name).output(), name);
            assertArrayEquals(after6.node(name).gradOutput(), back.node(name).gradOutput(), name);
            for (int p = 0; p < after6.node(name).params().size(); p++) {
                assertArrayEquals(after6.node(name).params().get(p).value(), back.node(name).params().get(p).value());
            }
        }
    }

    @Test
    void theTimelineReturnsToAnEarlierStepsWeightsExactly(FxRobot robot) throws Exception {
        robot.clickOn("#tool-step");
        waitForPhase(1, 0);
        robot.clickOn("#tool-step");
        StepSnapshot two = waitForPhase(2, 0);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#tool-step");
        }
        waitForPhase(5, 0);
        Slider timeline = robot.lookup("#timeline").queryAs(Slider.class);
        assertFalse(timeline.isDisabled());
        assertEquals(5, timeline.getMax());
        javafx.application.Platform.runLater(() -> timeline.setValue(2));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(timeline); // releasing the thumb travels
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.training().snapshot().step() != 5);
        StepSnapshot back = window.training().snapshot();
        assertNotNull(back);
        long target = back.step();
        // The click lands where the mouse is; whatever step it chose, the weights must be that step's exactly.
        if (target == 2) {
            for (String name : two.nodes().keySet()) {
                for (int p = 0; p < two.node(name).params().size(); p++) {
                    assertArrayEquals(two.node(name).params().get(p).value(), back.node(name).params().get(p)
                            .value(), name);
                }
            }
        }
        assertTrue(target < 5);
    }

    @Test
    void theResetButtonsMenuStartsOverWithTheSameSeedOrAFreshOneByMouseOrKeyboard(FxRobot robot) throws Exception {
        long seed = window.workspace().document().settings().seed();
        robot.clickOn("#tool-step");
        waitForPhase(1, 0);
        robot.clickOn("#tool-reset");
        robot.clickOn("#reset-same");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.training().snapshot());
        assertEquals(0, window.training().progress().step());
        assertEquals(seed, window.workspace().document().settings().seed());

        robot.clickOn("#tool-step");
        waitForPhase(1, 0);
        robot.interact(() -> robot.lookup("#tool-reset").query().requestFocus());
        robot.type(KeyCode.DOWN);
        assertTrue(robot.lookup("#reset-new").tryQuery().isPresent(), "Down opens the menu");
        robot.type(KeyCode.DOWN, KeyCode.DOWN).type(KeyCode.ENTER); // the second item: a fresh seed
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.training().snapshot());
        assertTrue(window.workspace().document().settings().seed() != seed, "a fresh seed");
    }
}
