// Issue 10's UI test: start lesson 1 from the course, do what its first step asks on the canvas, see the goal
// ticked and Next enabled, go on, and find the progress saved for the next time.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.lessons.course.Course;
import org.stepwise.lessons.engine.ProgressStore;
import org.stepwise.lessons.format.LessonSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LessonPanelTest {
    private MainWindow window;
    private TestWindow opened;
    private Path progress;

    @Start
    void start(Stage stage) throws Exception {
        progress = Files.createTempFile("stepwise-lessons", ".json");
        Files.delete(progress);
        System.setProperty(ProgressStore.FILE_PROPERTY, progress.toString());
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
        System.clearProperty(ProgressStore.FILE_PROPERTY);
        Files.deleteIfExists(progress);
    }

    @Test
    void selectingTheNeuronTicksStepOneAndNextMovesOnWithProgressSaved(FxRobot robot) throws Exception {
        LessonSource neuron = Course.sources().get(0);
        robot.interact(() -> window.startLesson(neuron));
        assertNotNull(window.lessonPanel(), "the lesson panel is shown");
        // The lesson's own network and data replaced the default project.
        assertEquals("plane", window.workspace().document().data().spec());
        assertEquals("Lesson step 1 of 7", robot.lookup("#lesson-position").queryAs(Label.class).getText());
        Label goal = robot.lookup("#lesson-goal-0").queryAs(Label.class);
        // The goal in words; the expression the lesson checks is its tooltip, made when the pointer first visits.
        assertEquals("Select neuron", goal.getText());
        robot.moveTo(goal);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> goal.getTooltip() != null);
        assertEquals("selected == neuron", goal.getTooltip().getText());
        assertFalse(goal.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("met")));
        assertTrue(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled());

        // The step points at the neuron: it is marked on the canvas.
        assertEquals("node-neuron", window.lessonPanel().pointed().getId());
        assertTrue(window.lessonPanel().pointed().getStyleClass().contains("lesson-pointed"));
        // What the step asks: click the neuron on the canvas.
        robot.clickOn("#node-neuron");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> goal.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("met")));
        Button next = robot.lookup("#lesson-next").queryAs(Button.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !next.isDisabled());
        robot.clickOn(next);
        assertEquals("Lesson step 2 of 7", robot.lookup("#lesson-position").queryAs(Label.class).getText());
        // Step 2 points at nothing: the neuron's mark is gone.
        assertEquals(null, window.lessonPanel().pointed());
        assertFalse(robot.lookup("#node-neuron").query().getStyleClass().contains("lesson-pointed"));
        assertEquals(1, window.lessonPanel().runner().completedSteps());
        // Saved per user: the store knows the lesson stands at its second step.
        var saved = new ProgressStore(progress).load("neuron").orElseThrow();
        assertEquals("weighted-sum", saved.step());
        assertEquals(java.util.List.of("meet"), saved.completed());

        // Step 2 is a quiz: a wrong answer is explained and does not complete it, the right one does. The choices
        // follow the question's text; a reader scrolls down until the third shows at the panel's bottom edge.
        scrollTo(robot, robot.lookup("#lesson-choice-3").query());
        robot.clickOn("#lesson-choice-3");
        Label answer = robot.lookup("#lesson-answer").queryAs(Label.class);
        assertTrue(answer.getText().startsWith("Not quite."));
        // The explanation, below the choices, was scrolled into view.
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(robot, answer), "the answer's explanation is out of view");
        assertTrue(next.isDisabled());
        robot.clickOn("#lesson-choice-2");
        assertTrue(answer.getText().startsWith("Right."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !next.isDisabled());
        var scroll = robot.lookup("#lesson-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        assertTrue(scroll.getVvalue() > 0, "the panel was scrolled down to the quiz");
        // The next step is read from its top.
        robot.clickOn(next);
        assertEquals("Lesson step 3 of 7", robot.lookup("#lesson-position").queryAs(Label.class).getText());
        assertEquals(0.0, scroll.getVvalue());
        // A hint asked for at the bottom of the step is scrolled into view too.
        Button hint = robot.lookup("#lesson-hint").queryAs(Button.class);
        scrollTo(robot, hint);
        robot.clickOn(hint);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(robot, robot.lookup("#lesson-hint-0").query()), "the hint is out of view");
    }

    @Test
    void aLessonHidesThePanelsItDoesNotUseAndLocksWhatItLocksUntilItCloses(FxRobot robot) throws Exception {
        robot.interact(() -> window.startLesson(Course.sources().get(0)));
        var tabs = robot.lookup("#inspection").queryAs(javafx.scene.control.TabPane.class);
        // Lesson 1 shows values, math and inference under the canvas, not charts or evaluation.
        assertEquals(java.util.List.of("tab-values", "tab-math", "tab-inference"),
                tabs.getTabs().stream().map(javafx.scene.control.Tab::getId).toList());
        // add_node is locked: the edit is not made.
        int nodes = window.workspace().graph().nodes().size();
        robot.interact(() -> window.workspace().execute(org.stepwise.app.editor.AddNodes.one(
                org.stepwise.app.editor.EditorNode.of(new org.stepwise.core.graph.NodeDef("extra",
                        new org.stepwise.core.layers.Dense.Spec(3, org.stepwise.core.layers.Activation.RELU),
                        "neuron"), 0, 0))));
        assertEquals(nodes, window.workspace().graph().nodes().size());
        // The optimizer is locked: its field in the Training section is disabled.
        robot.interact(() -> robot.lookup("#inspector").queryAs(org.stepwise.app.studio.inspector.InspectorView.class)
                .show(org.stepwise.app.studio.inspector.InspectorView.Section.TRAINING));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#setting-optimizer").tryQuery()
                .map(javafx.scene.Node::isDisabled).orElse(false));

        robot.interact(() -> window.lessonPanel().close());
        // every tab is back, in its own place
        assertEquals(java.util.List.of("tab-values", "tab-math", "tab-charts", "tab-evaluation", "tab-inference",
                "tab-transformer"), tabs.getTabs().stream().map(javafx.scene.control.Tab::getId).toList());
        assertFalse(robot.lookup("#setting-optimizer").query().isDisabled());
        robot.interact(() -> window.workspace().execute(org.stepwise.app.editor.AddNodes.one(
                org.stepwise.app.editor.EditorNode.of(new org.stepwise.core.graph.NodeDef("extra",
                        new org.stepwise.core.layers.Dense.Spec(3, org.stepwise.core.layers.Activation.RELU),
                        "neuron"), 0, 0))));
        assertEquals(nodes + 1, window.workspace().graph().nodes().size());
    }

    /** Scrolls the ScrollPane around a node until the node's bottom sits at the bottom of the view. */
    private static void scrollTo(FxRobot robot, javafx.scene.Node node) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = scrollPaneOf(node);
            javafx.scene.Node content = scroll.getContent();
            double bottom = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMaxY();
            double view = scroll.getViewportBounds().getHeight();
            double range = content.getBoundsInLocal().getHeight() - view;
            scroll.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (bottom + 4 - view) / range)));
        });
    }

    /** Whether all of {@code node} shows inside its ScrollPane's view. */
    private static boolean inView(FxRobot robot, javafx.scene.Node node) {
        javafx.scene.Node viewport = scrollPaneOf(node).lookup(".viewport");
        javafx.geometry.Bounds view = viewport.localToScene(viewport.getLayoutBounds());
        javafx.geometry.Bounds at = node.localToScene(node.getLayoutBounds());
        return at.getMinY() >= view.getMinY() - 0.5 && at.getMaxY() <= view.getMaxY() + 0.5;
    }

    private static javafx.scene.control.ScrollPane scrollPaneOf(javafx.scene.Node node) {
        javafx.scene.Node up = node.getParent();
        while (!(up instanceof javafx.scene.control.ScrollPane)) {
            up = up.getParent();
        }
        return (javafx.scene.control.ScrollPane) up;
    }
}
