// The math panel on the default project with a real TrainingController, stepped phase by phase: the formulas carry
// NeuronMath's numbers, and those numbers are checked against the snapshot's buffers recomputed independently.
package org.stepwise.app.studio.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.stepper.NeuronMath;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MathPanelTest {
    /** The default project: input(2) → hidden1(8, tanh) → hidden2(8, tanh) → output(1); 9 phases a step. */
    private static final int HIDDEN1_FORWARD_DONE = 2;
    private static final int HIDDEN1_BACKWARD_DONE = 8;
    private static final int UNIT = 3;

    private Workspace workspace;
    private TrainingController controller;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.standard(), null);
        controller = new TrainingController(workspace);
        stage.setScene(new Scene(new MathPanel(workspace, new I18n(Locale.ENGLISH), controller), 1200, 900));
        stage.show();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Selects hidden1 and its unit {@code unit} (0-based; the spinner counts from 1). */
    private void watchHidden1(FxRobot robot, int unit) {
        robot.interact(() -> workspace.select("hidden1"));
        robot.interact(() -> spinner(robot, "#math-unit").getValueFactory().setValue(unit + 1));
    }

    /** Runs phases until the snapshot stands at (step, phaseIndex) with the watched unit's math, then lets FX draw. */
    private StepSnapshot runTo(FxRobot robot, long step, int phaseIndex, int unit, int sample) {
        long target = step * 9 + phaseIndex;
        StepSnapshot s = controller.snapshot();
        long at = s == null ? 0 : s.step() * 9 + s.phaseIndex();
        for (long k = at; k < target; k++) {
            robot.interact(controller::nextPhase);
        }
        return await(robot, x -> x.step() == step && x.phaseIndex() == phaseIndex && x.math() != null
                && x.math().unit() == unit && x.math().sample() == sample);
    }

    private StepSnapshot await(FxRobot robot, Predicate<StepSnapshot> ready) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                StepSnapshot s = controller.snapshot();
                return s != null && ready.test(s);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no snapshot as expected; last: " + describe(controller.snapshot()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return controller.snapshot();
    }

    private static String describe(StepSnapshot s) {
        return s == null ? "none" : s.position() + " math " + (s.math() == null ? "none"
                : s.math().node() + "/" + s.math().unit() + "/" + s.math().sample());
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(FxRobot robot, String id) {
        return (Spinner<Integer>) robot.lookup(id).query();
    }

    private static FormulaView formula(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(FormulaView.class);
    }

    private static String latex(FxRobot robot, String id) {
        return formula(robot, id).latex();
    }

    private static boolean latest(FxRobot robot, String id) {
        return formula(robot, id).getParent().getPseudoClassStates().contains(PseudoClass.getPseudoClass("latest"));
    }

    private static String num(double v) {
        return MathNumbers.latex(v, false);
    }

    private static String fac(double v) {
        return MathNumbers.factor(v, false);
    }

    private static float[] param(StepSnapshot s, String node, String name) {
        return s.node(node).params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static StepSnapshot.ParamState paramState(StepSnapshot s, String node, String name) {
        return s.node(node).params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- forward ------------------------------------------------------------------------------------------------

    @Test
    void afterTheForwardOfHidden1TheWeightedSumShowsTheSnapshotsNumbers(FxRobot robot) {
        watchHidden1(robot, UNIT);
        StepSnapshot s = runTo(robot, 0, HIDDEN1_FORWARD_DONE, UNIT, 0);
        NeuronMath m = s.math();

        // The engine, checked independently: z = Σ wᵢ·aᵢ + b from the snapshot's own buffers.
        float[] x = s.node("input").output();
        float[] w = param(s, "hidden1", "weight");
        float[] b = param(s, "hidden1", "bias");
        double z = b[UNIT];
        for (int i = 0; i < 2; i++) {
            z += (double) w[UNIT * 2 + i] * x[i];
        }
        assertEquals(z, m.forward().z(), 1e-6);
        assertEquals(s.node("hidden1").preActivation()[UNIT], m.forward().z(), 1e-6);
        assertEquals(Math.tanh(z), m.forward().a(), 1e-6);

        String f = latex(robot, "#math-forward");
        assertTrue(f.contains("z_{4} &= \\sum_{i=1}^{2} w_{4,i}\\,a_i + b_{4}"), f);
        for (NeuronMath.Term t : m.forward().terms()) {
            assertTrue(f.contains(fac(t.factor()) + "\\cdot " + fac(t.value())), f);
        }
        assertTrue(f.contains("&= " + num(m.forward().z()) + " \\\\"), f);
        assertTrue(f.contains("\\tanh(" + num(m.forward().z()) + ") = " + num(m.forward().a())), f);
        assertTrue(latest(robot, "#math-forward"));

        // The backward has not reached hidden1: no formula, a note saying so.
        assertEquals("", latex(robot, "#math-backward"));
        assertEquals("", latex(robot, "#math-update"));
        assertTrue(robot.lookup("#math-backward .math-note").queryAs(Label.class).getText()
                .startsWith("Backward not reached yet"));
    }

    // ---- backward -----------------------------------------------------------------------------------------------

    @Test
    void afterTheBackwardOfHidden1DeltaIsTheDerivativeTimesTheDownstreamSum(FxRobot robot) {
        watchHidden1(robot, UNIT);
        StepSnapshot s = runTo(robot, 0, HIDDEN1_BACKWARD_DONE, UNIT, 0);
        NeuronMath m = s.math();
        NeuronMath.Backward bw = m.backward();

        // Independently: δ_k of hidden2 from its ∂L/∂a and tanh′, its weights as the step began, then δ of unit 3.
        float[] a1 = s.node("hidden1").output();
        float[] a2 = s.node("hidden2").output();
        float[] g2 = s.node("hidden2").gradOutput();
        float[] w2 = paramState(s, "hidden2", "weight").before();
        double sum = 0;
        for (int k = 0; k < 8; k++) {
            double delta2 = g2[k] * (1 - (double) a2[k] * a2[k]);
            sum += w2[k * 8 + UNIT] * delta2;
        }
        double fPrime = 1 - (double) a1[UNIT] * a1[UNIT];
        assertEquals(sum, bw.dLda(), 1e-6);
        assertEquals(s.node("hidden1").gradOutput()[UNIT], bw.dLda(), 1e-6);
        assertEquals(fPrime, bw.fPrime(), 1e-6);
        assertEquals(fPrime * sum, bw.delta(), 1e-6);

        // ∂L/∂w over the batch: Σₙ δₙ·aₙᵢ, recomputed from every row.
        float[] x = s.node("input").output();
        float[] g1 = s.node("hidden1").gradOutput();
        for (int i = 0; i < 2; i++) {
            double grad = 0;
            for (int n = 0; n < s.rows(); n++) {
                double a = a1[n * 8 + UNIT];
                grad += g1[n * 8 + UNIT] * (1 - a * a) * x[n * 2 + i];
            }
            assertEquals(grad, m.weights().get(i).gradient(), 1e-6);
            assertEquals(paramState(s, "hidden1", "weight").grad()[UNIT * 2 + i], m.weights().get(i).gradient(),
                    1e-7);
        }

        String b = latex(robot, "#math-backward");
        assertTrue(b.contains("\\delta_{4} &= f'(z_{4})\\cdot\\sum_{k=1}^{8} w_{k,4}\\,\\delta_k"), b);
        assertTrue(b.contains("1 - " + fac(m.forward().a()) + "^2 = " + num(bw.fPrime())), b);
        assertTrue(b.contains(fac(bw.fPrime()) + "\\cdot " + fac(bw.dLda()) + " = " + num(bw.delta())), b);
        NeuronMath.Term first = bw.downstream().get(0);
        assertTrue(b.contains(fac(first.factor()) + "\\cdot " + fac(first.value())), b);
        assertTrue(b.contains("\\cdots"), "8 downstream terms are elided in the middle: " + b);

        String g = latex(robot, "#math-gradient");
        for (NeuronMath.WeightStep step : m.weights()) {
            assertTrue(g.contains("= " + num(step.sampleTerm()) + " & "), g);
            assertTrue(g.contains("= " + num(step.gradient()) + " \\\\"), g);
        }
        assertTrue(g.contains("\\dfrac{\\partial L}{\\partial b_{4}} = {\\textstyle\\sum_{n=1}^{16}} "
                + "\\delta_{4}^{(n)} = "
                + num(m.bias().gradient())), g);
        assertTrue(latest(robot, "#math-backward"));
        assertTrue(latest(robot, "#math-gradient"));
        assertFalse(latest(robot, "#math-forward"));
        assertEquals("", latex(robot, "#math-update"));
    }

    // ---- update -------------------------------------------------------------------------------------------------

    @Test
    void withSgdTheUpdateIsTheWeightMinusRateTimesGradientAsTheSnapshotHoldsIt(FxRobot robot) {
        robot.interact(() -> workspace.execute(ChangeSettings.settings(
                workspace.document().settings().withOptimizer("sgd", Map.of()), "setting.optimizer")));
        watchHidden1(robot, UNIT);
        StepSnapshot s = runTo(robot, 1, 0, UNIT, 0);
        NeuronMath m = s.math();
        StepSnapshot.ParamState weight = paramState(s, "hidden1", "weight");
        double eta = s.learningRate();
        assertEquals(0.03, eta, 1e-7);
        for (NeuronMath.WeightStep step : m.weights()) {
            int at = UNIT * 2 + step.input();
            assertEquals(weight.before()[at], step.before(), 0);
            assertEquals(weight.value()[at], step.after(), 0);
            assertEquals(step.before() - eta * step.gradient(), step.after(), 1e-6);
            assertNotEquals(step.before(), step.after());
        }
        StepSnapshot.ParamState bias = paramState(s, "hidden1", "bias");
        assertEquals(bias.value()[UNIT], m.bias().after(), 0);
        assertEquals(m.bias().before() - eta * m.bias().gradient(), m.bias().after(), 1e-6);

        String u = latex(robot, "#math-update");
        for (NeuronMath.WeightStep step : m.weights()) {
            String[] ends = MathNumbers.distinct(step.before(), step.after(), false);
            String name = "w_{4," + (step.input() + 1) + "}";
            assertTrue(u.contains(name + " &\\leftarrow " + name + " - \\eta\\,\\frac{\\partial L}{\\partial "
                    + name + "} = " + ends[0] + " - 0.03\\cdot " + fac(step.gradient()) + " = " + ends[1]), u);
        }
        assertTrue(latest(robot, "#math-update"));
        // At the step boundary the whole finished step is shown, the forward with the weights it used.
        String f = latex(robot, "#math-forward");
        assertTrue(f.contains(fac(m.weights().get(0).before()) + "\\cdot " + fac(m.forward().terms().get(0).value())),
                f);
        assertTrue(robot.lookup("#math-phase").queryAs(Label.class).getText().startsWith("Step 1 is complete"));
    }

    @Test
    void withAdamTheUpdateShowsTheChangeAdamApplied(FxRobot robot) {
        watchHidden1(robot, UNIT);
        StepSnapshot s = runTo(robot, 1, 0, UNIT, 0);
        NeuronMath m = s.math();
        NeuronMath.WeightStep step = m.weights().get(1);
        assertEquals(param(s, "hidden1", "weight")[UNIT * 2 + 1], step.after(), 0);
        String[] ends = MathNumbers.distinct(step.before(), step.after(), false);
        String u = latex(robot, "#math-update");
        assertTrue(u.contains("w_{4,2} &\\leftarrow w_{4,2} + \\Delta w_{4,2} = " + ends[0] + " + "
                + fac(step.delta()) + " = " + ends[1]), u);
    }

    // ---- choosing -----------------------------------------------------------------------------------------------

    @Test
    void aNodeThatIsNotDenseGetsAnExplanationInsteadOfFormulas(FxRobot robot) {
        robot.interact(() -> workspace.select("input"));
        Label message = robot.lookup("#math-message").queryAs(Label.class);
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("explains dense neurons"), message.getText());
        assertTrue(message.getText().contains("'input'"), message.getText());
        assertFalse(formula(robot, "#math-forward").getParent().isVisible());
        robot.interact(() -> workspace.select(null));
        assertTrue(message.getText().startsWith("Select one dense layer"), message.getText());
    }

    @Test
    void theUnitAndSampleChoosersWatchTheirNeuronAndTheFormulasFollow(FxRobot robot) {
        watchHidden1(robot, UNIT);
        StepSnapshot s = runTo(robot, 0, HIDDEN1_FORWARD_DONE, UNIT, 0);
        String before = latex(robot, "#math-forward");

        robot.interact(() -> spinner(robot, "#math-unit").getValueFactory().setValue(6));
        s = await(robot, x -> x.math() != null && x.math().unit() == 5);
        String unit6 = latex(robot, "#math-forward");
        assertNotEquals(before, unit6);
        assertTrue(unit6.contains("z_{6} &= "), unit6);
        assertTrue(unit6.contains("&= " + num(s.math().forward().z()) + " \\\\"), unit6);

        robot.interact(() -> spinner(robot, "#math-sample").getValueFactory().setValue(3));
        s = await(robot, x -> x.math() != null && x.math().unit() == 5 && x.math().sample() == 2);
        String sample3 = latex(robot, "#math-forward");
        assertNotEquals(unit6, sample3);
        float[] x = s.node("input").output();
        assertTrue(sample3.contains("\\cdot " + fac(x[2 * 2])), "sample 3's first input: " + sample3);
        assertEquals(16, ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory)
                spinner(robot, "#math-sample").getValueFactory()).getMax());

        robot.interact(() -> workspace.select("hidden2"));
        s = await(robot, y -> y.math() != null && y.math().node().equals("hidden2"));
        assertTrue(latex(robot, "#math-forward").isEmpty(), "hidden2's forward has not run yet");
        assertTrue(formula(robot, "#math-forward").lookup(".math-note").isVisible());
    }

    @Test
    void fullPrecisionAndAllTermsChangeHowTheNumbersAreWritten(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden2"));
        StepSnapshot s = runTo(robot, 0, 3, 0, 0);
        String shortForm = latex(robot, "#math-forward");
        assertTrue(shortForm.contains("\\cdots"), shortForm);
        robot.clickOn("#math-all-terms");
        String all = latex(robot, "#math-forward");
        assertFalse(all.contains("\\cdots"), all);
        assertEquals(8, robot.lookup("#math-terms").queryTableView().getItems().size());
        robot.clickOn("#math-precision");
        String full = latex(robot, "#math-forward");
        assertTrue(full.contains(MathNumbers.latex(s.math().forward().z(), true)), full);
    }

    @Test
    void copyAsLatexPutsTheFormulasOnTheClipboard(FxRobot robot) {
        watchHidden1(robot, UNIT);
        runTo(robot, 0, HIDDEN1_FORWARD_DONE, UNIT, 0);
        robot.clickOn("#math-copy");
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals("\\[\n" + latex(robot, "#math-forward") + "\n\\]", copied[0]);
    }

    @Test
    void formulasArePaintedInTheThemesTextColour(FxRobot robot) {
        watchHidden1(robot, UNIT);
        runTo(robot, 0, HIDDEN1_FORWARD_DONE, UNIT, 0);
        Node image = robot.lookup("#math-forward .image-view").query();
        javafx.scene.image.Image img = ((javafx.scene.image.ImageView) image).getImage();
        Label ink = robot.lookup(".math-ink").queryAs(Label.class);
        javafx.scene.paint.Color expected = (javafx.scene.paint.Color) ink.getTextFill();
        // The darkest opaque pixel of the formula is the ink itself.
        var reader = img.getPixelReader();
        javafx.scene.paint.Color darkest = null;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                javafx.scene.paint.Color c = reader.getColor(x, y);
                if (c.getOpacity() > 0.99 && (darkest == null || c.getBrightness() < darkest.getBrightness())) {
                    darkest = c;
                }
            }
        }
        assertTrue(darkest != null, "the formula has solid pixels");
        assertEquals(expected.getRed(), darkest.getRed(), 0.02);
        assertEquals(expected.getGreen(), darkest.getGreen(), 0.02);
        assertEquals(expected.getBlue(), darkest.getBlue(), 0.02);
    }
}
