// The math panel on an attention node of the tiny GPT: the chosen position and head, pending until the node's
// forward has run, then the scores, softmax weights and mixed values with the snapshot's numbers.
package org.stepwise.app.studio.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
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
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.stepper.AttentionMath;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AttentionPanelTest {
    /** tokens, tok_emb, pos_emb, b0_ln1, b0_attn: the attention's forward is phase 5. */
    private static final int ATTENTION_FORWARD = 5;

    private Workspace workspace;
    private TrainingController controller;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.fromTemplate("gpt-moby-dick"), null);
        controller = new TrainingController(workspace);
        stage.setScene(new Scene(new MathPanel(workspace, new I18n(Locale.ENGLISH), controller), 1200, 900));
        stage.show();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(FxRobot robot, String id) {
        return (Spinner<Integer>) robot.lookup(id).query();
    }

    private static String latex(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(FormulaView.class).latex();
    }

    /** Runs phases of the first step until {@code phaseIndex} have run, then waits for the watched query's math. */
    private StepSnapshot runTo(FxRobot robot, int phaseIndex) throws Exception {
        StepSnapshot at = controller.snapshot();
        for (int k = at == null ? 0 : at.phaseIndex(); k < phaseIndex; k++) {
            robot.interact(controller::nextPhase);
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            StepSnapshot s = controller.snapshot();
            return s != null && s.phaseIndex() == phaseIndex && s.attention() != null
                    && s.attention().position() == 2 && s.attention().head() == 1;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return controller.snapshot();
    }

    private void chooseThirdPositionOfSecondHead(FxRobot robot) {
        robot.interact(() -> workspace.select("b0_attn"));
        robot.interact(() -> spinner(robot, "#math-unit").getValueFactory().setValue(3));
        robot.interact(() -> spinner(robot, "#math-head").getValueFactory().setValue(2));
    }

    @Test
    void theChoosersOfferPositionsAndHeads(FxRobot robot) {
        robot.interact(() -> workspace.select("b0_attn"));
        var positions = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory)
                spinner(robot, "#math-unit").getValueFactory();
        var heads = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory)
                spinner(robot, "#math-head").getValueFactory();
        assertEquals(64, positions.getMax());
        assertEquals(64, positions.getValue(), "the last position sees them all");
        assertEquals(2, heads.getMax());
        assertTrue(robot.lookup("#math-head").query().isVisible());
    }

    @Test
    void beforeItsForwardTheScoresArePendingAndAfterItTheyCarryTheSnapshotsNumbers(FxRobot robot)
            throws Exception {
        chooseThirdPositionOfSecondHead(robot);
        runTo(robot, ATTENTION_FORWARD - 1);
        assertEquals("", latex(robot, "#math-forward"));
        assertEquals("Not reached yet: the forward pass computes this layer after the layers before it.",
                robot.lookup("#math-forward").lookup(".math-note").queryAs(Label.class).getText());

        AttentionMath m = runTo(robot, ATTENTION_FORWARD).attention();
        assertEquals(3, m.keys().size());
        String scores = latex(robot, "#math-forward");
        String weights = latex(robot, "#math-backward");
        String output = latex(robot, "#math-gradient");
        for (AttentionMath.Key k : m.keys()) {
            String j = "3," + (k.position() + 1);
            assertTrue(scores.contains("s_{" + j + "} &= \\frac{" + MathNumbers.latex(k.dot(), false)
                    + "}{\\sqrt{32}} = " + MathNumbers.latex(k.score(), false)), scores);
            assertTrue(weights.contains("\\alpha_{" + j + "} &= \\frac{e^{" + MathNumbers.latex(k.score(), false)
                    + "}}"), weights);
            assertTrue(weights.contains("} = " + MathNumbers.latex(k.weight(), false)), weights);
        }
        assertTrue(output.contains("&= " + MathNumbers.latex(m.context()[0], false) + " \\\\"), output);
        assertEquals("Scores: how well the query of position 3 matches each key, in head 2",
                robot.lookup("#math-forward").queryAll().iterator().next().getParent().lookupAll(".math-caption")
                        .stream().map(n -> ((Label) n).getText()).findFirst().orElse("none"));
    }
}
