// The neuron view driven as a user would, headless: circles per unit, + and − as single undoable commands, lines
// that follow the weights, and the weight editor's click, type, Enter and Esc.
package org.stepwise.app.studio.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.SetWeight;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class NeuronViewTest {
    private Workspace workspace;
    private NeuronView view;

    static Project project(String template) {
        return Project.create("t", Templates.find(template).orElseThrow().graph(), DataRef.builtIn("spiral"),
                TrainingSettings.defaults());
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(project("mlp-2-8-8-1"), null);
        view = new NeuronView(workspace, new I18n(Locale.ENGLISH));
        stage.setScene(new Scene(view, 1100, 760));
        stage.show();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Line line(FxRobot robot, String edgeId) {
        Node edge = robot.lookup("#" + edgeId).query();
        return (Line) edge.lookup(".neuron-edge-line");
    }

    /** A point 30% of the way along the line: off the circles, and where the lines into one unit are apart. */
    private Point2D along(FxRobot robot, String edgeId) {
        Line l = line(robot, edgeId);
        double t = 0.3;
        return l.localToScreen(l.getStartX() + t * (l.getEndX() - l.getStartX()),
                l.getStartY() + t * (l.getEndY() - l.getStartY()));
    }

    private float weight(String node, int index) {
        return ((Dense) workspace.document().network().node(node)).weight().value()[index];
    }

    private int units(String node) {
        return ((Dense.Spec) workspace.graph().node(node).spec()).units();
    }

    private void run(FxRobot robot, Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean editorOpen(FxRobot robot) {
        return robot.lookup(".neuron-editor").query().isVisible();
    }

    private TextField field(FxRobot robot) {
        return robot.lookup("#weight-editor").queryAs(TextField.class);
    }

    // ---- structure ----------------------------------------------------------------------------------------------

    @Test
    void drawsOneCirclePerFeatureAndUnitAndOneLinePerWeight(FxRobot robot) {
        assertEquals(2 + 8 + 8 + 1, robot.lookup(".neuron-unit").queryAll().size());
        assertEquals(2 * 8 + 8 * 8 + 8, robot.lookup(".neuron-edge").queryAll().size());
        assertNotNull(robot.lookup("#unit-input-1").query());
        assertNotNull(robot.lookup("#unit-hidden2-7").query());
        assertNotNull(robot.lookup("#w-output-0-7").query());
        assertEquals("tanh", robot.lookup(".neuron-activation").queryAllAs(Label.class).stream()
                .map(Label::getText).filter(t -> !t.isEmpty()).findFirst().orElseThrow());
    }

    @Test
    void plusAddsAUnitInOneUndoableCommand(FxRobot robot) {
        robot.clickOn("#units-plus-hidden1");
        assertEquals(1, workspace.stack().size());
        assertEquals(9, units("hidden1"));
        assertEquals(2 + 9 + 8 + 1, robot.lookup(".neuron-unit").queryAll().size());
        assertNotNull(robot.lookup("#unit-hidden1-8").query());
        run(robot, () -> workspace.stack().undo());
        assertEquals(8, units("hidden1"));
        assertEquals(2 + 8 + 8 + 1, robot.lookup(".neuron-unit").queryAll().size());
        assertNull(robot.lookup("#unit-hidden1-8").tryQuery().orElse(null));
    }

    @Test
    void minusRemovesAUnitAndKeepsTheKeyboardFocusOnTheButton(FxRobot robot) {
        Button minus = robot.lookup("#units-minus-hidden2").queryButton();
        robot.clickOn(minus);
        assertEquals(7, units("hidden2"));
        assertSame(minus, robot.lookup("#units-minus-hidden2").queryButton());
        assertTrue(minus.isFocused());
    }

    @Test
    void minusIsDisabledAtOneUnitPlusAtTenAndTheOutputCannotBeResized(FxRobot robot) {
        run(robot, () -> workspace.execute(NeuronChain.resize(workspace.graph(), "hidden1", 1)));
        run(robot, () -> workspace.execute(NeuronChain.resize(workspace.graph(), "hidden2", 10)));
        assertTrue(robot.lookup("#units-minus-hidden1").queryButton().isDisabled());
        assertFalse(robot.lookup("#units-plus-hidden1").queryButton().isDisabled());
        assertTrue(robot.lookup("#units-plus-hidden2").queryButton().isDisabled());
        assertFalse(robot.lookup("#units-minus-hidden2").queryButton().isDisabled());
        assertTrue(robot.lookup("#units-plus-output").queryButton().isDisabled());
        assertTrue(robot.lookup("#units-minus-output").queryButton().isDisabled());
        int before = workspace.stack().size();
        robot.clickOn("#units-minus-hidden1");
        assertEquals(before, workspace.stack().size());
        assertEquals(1, units("hidden1"));
    }

    @Test
    void untilTheNetworkIsRebuiltResizedLayersAreDrawnNeutralThenWithTheirWeights(FxRobot robot) {
        robot.clickOn("#units-plus-hidden1");
        // The document still holds the 8-unit network: hidden1 and hidden2 have no weights of the new shape yet.
        assertEquals(WeightPaint.NEUTRAL, line(robot, "w-hidden1-8-0").getStroke());
        assertEquals(WeightPaint.NEUTRAL, line(robot, "w-hidden2-0-8").getStroke());
        assertEquals(WeightPaint.edge(weight("output", 0)), line(robot, "w-output-0-0").getStroke());
        assertTrue(robot.lookup("#neurons-hint").queryAs(Label.class).getText().contains("rebuilt"));

        Network rebuilt = Network.build(workspace.graph().toGraphDef(), 7);
        run(robot, () -> {
            workspace.document().setNetwork(rebuilt);
            view.refresh();
        });
        assertEquals(WeightPaint.edge(weight("hidden1", 8 * 2)), line(robot, "w-hidden1-8-0").getStroke());
        assertEquals(WeightPaint.width(weight("hidden2", 8)), line(robot, "w-hidden2-0-8").getStrokeWidth(), 1e-9);
    }

    // ---- weights ------------------------------------------------------------------------------------------------

    @Test
    void linesFollowWeightsSetByCommandsAndTheirUndo(FxRobot robot) {
        Node edge = robot.lookup("#w-hidden1-3-1").query();
        run(robot, () -> workspace.execute(new SetWeight("hidden1", "weight", 3 * 2 + 1, 1.5f)));
        Line l = line(robot, "w-hidden1-3-1");
        assertEquals(WeightPaint.width(1.5), l.getStrokeWidth(), 1e-9);
        assertEquals(WeightPaint.edge(1.5), l.getStroke());
        assertTrue(WeightPaint.edge(1.5).getBlue() > WeightPaint.edge(1.5).getRed(), "positive is blue");
        run(robot, () -> workspace.execute(new SetWeight("hidden1", "weight", 3 * 2 + 1, -0.25f)));
        assertEquals(WeightPaint.edge(-0.25), l.getStroke());
        assertTrue(WeightPaint.edge(-0.25).getRed() > WeightPaint.edge(-0.25).getBlue(), "negative is orange");
        assertTrue(l.getStrokeWidth() < WeightPaint.width(1.5));
        run(robot, () -> workspace.stack().undo());
        assertEquals(WeightPaint.width(1.5), l.getStrokeWidth(), 1e-9);
        assertSame(edge, robot.lookup("#w-hidden1-3-1").query(), "restyled in place, not rebuilt");
    }

    @Test
    void clickingALineShowsItsExactWeight(FxRobot robot) {
        run(robot, () -> workspace.execute(new SetWeight("output", "weight", 3, 0.123456f)));
        robot.clickOn(along(robot, "w-output-0-3"));
        assertTrue(editorOpen(robot));
        assertEquals("0.123456", field(robot).getText());
        assertTrue(robot.lookup(".neuron-editor-current").queryAs(Label.class).getText().contains("0.123456"));
        assertEquals("From unit 4 of 'hidden2' to unit 1 of 'output'",
                robot.lookup(".neuron-editor-where").queryAs(Label.class).getText());
    }

    @Test
    void typingAValueAndEnterSetsTheWeightInOneCommand(FxRobot robot) {
        int before = workspace.stack().size();
        float old = weight("output", 5);
        robot.clickOn(along(robot, "w-output-0-5"));
        robot.write("-0.75").type(KeyCode.ENTER);
        assertEquals(-0.75f, weight("output", 5));
        assertEquals(before + 1, workspace.stack().size());
        assertEquals(WeightPaint.edge(-0.75), line(robot, "w-output-0-5").getStroke());
        run(robot, () -> workspace.stack().undo());
        assertEquals(old, weight("output", 5));
        assertTrue(robot.lookup(".neuron-editor-current").queryAs(Label.class).getText()
                .contains(WeightEditor.format(old)), "the open editor follows the undo");
    }

    @Test
    void invalidTextShowsAReasonAndChangesNothing(FxRobot robot) {
        float old = weight("output", 2);
        robot.clickOn(along(robot, "w-output-0-2"));
        robot.write("abc").type(KeyCode.ENTER);
        Label error = robot.lookup("#weight-editor-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("'abc' is not a number; type one such as 0.5 or -1.25.", error.getText());
        assertEquals(old, weight("output", 2));
        assertEquals(0, workspace.stack().size());
    }

    @Test
    void escapeClosesTheEditorAndClickingAUnitEditsItsBias(FxRobot robot) {
        robot.clickOn(along(robot, "w-output-0-1"));
        assertTrue(editorOpen(robot));
        robot.type(KeyCode.ESCAPE);
        assertFalse(editorOpen(robot));

        robot.clickOn("#unit-hidden2-2");
        assertEquals("Unit 3 of 'hidden2'", robot.lookup(".neuron-editor-where").queryAs(Label.class).getText());
        robot.write("0.5").type(KeyCode.ENTER);
        assertEquals(0.5f, ((Dense) workspace.document().network().node("hidden2")).bias().value()[2]);
    }

    @Test
    void fromTheKeyboardEnterOnAUnitOpensItsBiasAndEscapeReturnsToTheUnit(FxRobot robot) {
        Node unit = robot.lookup("#unit-hidden1-4").query();
        run(robot, unit::requestFocus);
        robot.type(KeyCode.ENTER);
        assertTrue(editorOpen(robot));
        assertTrue(field(robot).isFocused());
        robot.type(KeyCode.ESCAPE);
        assertFalse(editorOpen(robot));
        assertTrue(unit.isFocused());
        robot.type(KeyCode.TAB);
        assertTrue(robot.lookup("#unit-hidden1-5").query().isFocused());
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    @Test
    void anUnsupportedOrUnbuiltNetworkShowsAMessageInstead(FxRobot robot) {
        run(robot, () -> workspace.load(project("lenet"), null));
        Label message = robot.lookup("#neurons-message").queryAs(Label.class);
        assertTrue(message.getParent().isVisible());
        assertTrue(message.getText().contains("image"), message.getText());
        assertEquals(0, robot.lookup(".neuron-unit").queryAll().size());

        run(robot, () -> workspace.load(project("perceptron"), null));
        assertFalse(message.getParent().isVisible());
        assertEquals(3, robot.lookup(".neuron-unit").queryAll().size());

        run(robot, () -> {
            workspace.document().setNetwork(null);
            view.refresh();
        });
        assertTrue(message.getParent().isVisible());
        assertTrue(message.getText().contains("no weights"), message.getText());
    }
}
