// The playground driven headless with the default project and a real TrainingController: its maps, pixels, trace
// and numbers are checked against an independent forward pass of core's Network with the snapshot's weights.
package org.stepwise.app.studio.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PlaygroundViewTest {
    private static final int RES = PlaygroundView.RES;

    private Workspace workspace;
    private TrainingController controller;
    private PlaygroundView view;
    private I18n i18n;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.standard(), null);
        controller = new TrainingController(workspace);
        i18n = new I18n(Locale.ENGLISH);
        view = new PlaygroundView(workspace, i18n, controller);
        // The stage TestFX hands every test class may carry an earlier window's minimum and size.
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        stage.setScene(new Scene(view, 1600, 1000));
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    // ---- an independent reference ---------------------------------------------------------------------------------

    /** The splits and normalization as core's Session makes them, computed here without the view's code. */
    private record Reference(Dataset train, Dataset validation, Normalization normalization) {
    }

    private Reference reference() throws Exception {
        TrainingSettings s = workspace.document().settings();
        Dataset all = workspace.document().data().load(s.seed()).data().dataset();
        Splits.Split split = Splits.split(all, s.validationFraction(), s.testFraction(), s.splitSeed());
        Normalization n = Normalization.fit(split.train(), Normalization.Kind.STANDARDIZE);
        return new Reference(split.train(), split.validation(), n);
    }

    /** A fresh network of the document's graph holding the snapshot's weights. */
    private Network withWeights(StepSnapshot s) {
        Network net = Network.build(workspace.graph().toGraphDef(), 12345);
        for (Node n : net.nodes()) {
            List<StepSnapshot.ParamState> from = s.node(n.name()).params();
            for (int i = 0; i < n.params().size(); i++) {
                System.arraycopy(from.get(i).value(), 0, n.params().get(i).value(), 0, n.params().get(i).size());
            }
        }
        return net;
    }

    private float[] normalized(Reference r, double x1, double x2) {
        float[] x = {(float) x1, (float) x2};
        r.normalization().applyInPlace(x, 1);
        return x;
    }

    /** Runs a training command and waits until the snapshot reaches {@code step}, then redraws. */
    private StepSnapshot trainTo(FxRobot robot, Runnable command, long step) throws Exception {
        robot.interact(command);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> controller.snapshot() != null && controller.snapshot().step() >= step);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view::refresh);
        return controller.snapshot();
    }

    /** Queues {@code count} epochs and waits for the snapshot after the last. */
    private StepSnapshot epochs(FxRobot robot, int count) throws Exception {
        for (int e = 0; e < count; e++) {
            robot.interact(controller::oneEpoch);
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> controller.snapshot() != null && controller.snapshot().epoch() >= count);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view::refresh);
        return controller.snapshot();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    void supportsTheDefaultProjectAndExplainsWhyNotLeNet(FxRobot robot) {
        assertTrue(PlaygroundView.supports(workspace));
        Workspace lenet = new Workspace(DefaultProjects.fromTemplate("lenet"), null);
        assertFalse(PlaygroundView.supports(lenet));
        String reason = i18n.text(PlaygroundView.unsupportedReason(lenet));
        assertTrue(reason.contains("(1, 28, 28)") && reason.contains("input"), reason);
        assertTrue(new I18n(I18n.CHINESE).text(PlaygroundView.unsupportedReason(lenet)).contains("输入"));

        robot.interact(() -> workspace.load(DefaultProjects.fromTemplate("lenet"), null));
        robot.interact(view::refresh);
        Label shown = robot.lookup("#playground-reason").queryAs(Label.class);
        assertTrue(shown.getParent().isVisible());
        assertEquals(reason, shown.getText());
        assertFalse(view.output().getParent().getParent().isVisible(), "no maps behind the message");
    }

    @Test
    void drawsOneUnitMapPerHiddenUnitBetweenTheInputsAndTheOutput(FxRobot robot) {
        assertEquals(16, robot.lookup(".unit-map").queryAll().size());
        assertEquals(16, view.maps().hiddenMaps());
        assertNotNull(robot.lookup("#unit-map-hidden1-0").query());
        assertNotNull(robot.lookup("#unit-map-hidden2-7").query());
        assertEquals(2, robot.lookup(".input-map").queryAll().size());
        assertEquals(1, robot.lookup(".output-unit-map").queryAll().size());
        assertNotNull(robot.lookup("#playground-output").query());
        assertNotNull(robot.lookup("#playground").query());
    }

    @Test
    void pointsAreTheTrainingAndValidationSplits(FxRobot robot) throws Exception {
        Reference r = reference();
        assertEquals(r.train().n(), view.output().trainPoints());
        assertEquals(r.validation().n(), view.output().validationPoints());
        assertEquals(400, view.output().trainPoints());
        assertEquals(100, view.output().validationPoints());
        assertTrue(robot.lookup(".playground-legend-text").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("Validation points (100)")));
    }

    @Test
    void outputMapPixelsShowTheSignOfTheNetworkOutput(FxRobot robot) throws Exception {
        StepSnapshot s = epochs(robot, 2);
        Network reference = withWeights(s);
        Reference r = reference();
        Plane plane = view.data().plane();
        float[] grid = view.network().gridValues("output");
        int checked = 0;
        for (int j = 3; j < RES; j += 17) {
            for (int i = 5; i < RES; i += 13) {
                float logit = reference.predict(normalized(r, plane.x1At(i, RES), plane.x2At(j, RES)), 1)[0];
                assertEquals(logit, grid[j * RES + i], 1e-4, "grid value at " + i + ", " + j);
                if (Math.abs(logit) < 0.05) {
                    continue;
                }
                int argb = view.output().image().getPixelReader().getArgb(i, j);
                int red = argb >> 16 & 0xFF;
                int blue = argb & 0xFF;
                assertEquals(logit > 0, blue > red, "pixel " + i + ", " + j + " for logit " + logit);
                checked++;
            }
        }
        assertTrue(checked > 30, "checked " + checked);
    }

    @Test
    void clickingThePlaneTracesThatInputLayerByLayer(FxRobot robot) throws Exception {
        StepSnapshot s = trainTo(robot, controller::oneEpoch, 1);
        Point2D at = view.output().localToScreen(view.output().toLocal(1.7, -2.2));
        robot.clickOn(at);
        PlaneNetwork.Trace trace = view.trace().trace();
        assertNotNull(trace);
        Reference r = reference();
        Network reference = withWeights(controller.snapshot());
        reference.predict(normalized(r, trace.raw()[0], trace.raw()[1]), 1);
        assertEquals(3, trace.layers().size());
        for (PlaneNetwork.Layer layer : trace.layers()) {
            Node n = reference.node(layer.node());
            for (int j = 0; j < n.size(); j++) {
                assertEquals(n.output()[j], layer.a()[j], 1e-6, layer.node() + " a" + j);
                if (layer.z() != null) {
                    assertEquals(n.preActivation()[j], layer.z()[j], 1e-6, layer.node() + " z" + j);
                }
            }
        }
        Node hidden1 = reference.node("hidden1");
        assertEquals(TraceView.format(hidden1.output()[3]), text(robot, "#trace-hidden1-3-a"));
        assertEquals(TraceView.format(hidden1.preActivation()[3]), text(robot, "#trace-hidden1-3-z"));
        assertEquals(TraceView.format(reference.node("output").output()[0]), text(robot, "#trace-output-0-a"));
        float logit = reference.node("output").output()[0];
        assertTrue(text(robot, "#trace-verdict").endsWith("Predicted: Class " + (logit > 0 ? 1 : 0)));
        assertNotNull(s);
    }

    @Test
    void theTraceStepsLayerByLayerAndWritesOutTheSumOfThePickedUnit(FxRobot robot) throws Exception {
        trainTo(robot, controller::oneEpoch, 1);
        robot.clickOn(view.output().localToScreen(view.output().toLocal(-1.3, 2.4)));
        PlaneNetwork.Trace trace = view.trace().trace();
        assertNotNull(trace);
        // A new point shows its input only, and the maps mark the input column.
        assertEquals("Step 1 of 4: the input", text(robot, "#trace-position"));
        assertEquals("input", view.maps().traced());
        assertFalse(shown(robot.lookup("#trace-hidden1-0-a").query()));
        assertFalse(shown(robot.lookup("#trace-verdict").query()));
        assertTrue(robot.lookup("#trace-back").queryButton().isDisabled());

        robot.clickOn("#trace-next");
        assertEquals("Step 2 of 4: hidden1 (Dense · tanh)", text(robot, "#trace-position"));
        assertEquals("hidden1", view.maps().traced());
        assertTrue(shown(robot.lookup("#trace-hidden1-0-a").query()));
        assertFalse(shown(robot.lookup("#trace-hidden2-0-a").query()));

        // The sum of unit 1, then of unit 4 once its row is clicked, in the reference network's numbers.
        Reference r = reference();
        Network reference = withWeights(controller.snapshot());
        float[] in = normalized(r, trace.raw()[0], trace.raw()[1]);
        reference.predict(in, 1);
        org.stepwise.core.layers.Dense hidden1 = (org.stepwise.core.layers.Dense) reference.node("hidden1");
        for (int unit : new int[] {0, 3}) {
            if (unit != 0) {
                robot.clickOn("#trace-hidden1-" + unit + "-a");
            }
            assertEquals(unit, view.trace().unit());
            float[] w = hidden1.weight().value();
            float b = hidden1.bias().value()[unit];
            String expected = "z" + (char) ('₁' + unit) + " = Σ wᵢ·aᵢ + b = " + factor(w[unit * 2]) + "·"
                    + factor(in[0]) + " + " + factor(w[unit * 2 + 1]) + "·" + factor(in[1]) + " + " + factor(b)
                    + " = " + TraceView.format(hidden1.preActivation()[unit]);
            assertEquals(expected, text(robot, "#trace-sum"));
            assertEquals("a" + (char) ('₁' + unit) + " = tanh(z" + (char) ('₁' + unit) + ") = tanh("
                    + TraceView.format(hidden1.preActivation()[unit]) + ") = "
                    + TraceView.format(hidden1.output()[unit]), text(robot, "#trace-activation"));
        }

        // Fired rather than clicked: in a full run the trace's buttons can sit under its scroll edge, where a
        // robot's click lands beside them (seen in CI).
        fire(robot, "#trace-next");
        fire(robot, "#trace-next");
        assertEquals("Step 4 of 4: output (Dense)", text(robot, "#trace-position"));
        assertTrue(shown(robot.lookup("#trace-verdict").query()));
        assertTrue(robot.lookup("#trace-next").queryButton().isDisabled());
        fire(robot, "#trace-back");
        assertFalse(shown(robot.lookup("#trace-verdict").query()));
        assertEquals("hidden2", view.maps().traced());

        fire(robot, "#trace-all");
        for (String node : List.of("hidden1", "hidden2", "output")) {
            assertTrue(shown(robot.lookup("#trace-" + node + "-0-a").query()), node);
        }
        assertTrue(shown(robot.lookup("#trace-verdict").query()));
    }

    @Test
    void whilePlayingTheMapsUseTheCoarseGridAndTheFullOneComesBackOnPause(FxRobot robot) throws Exception {
        robot.interact(controller::play);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> view.output().shown().getWidth() == PlaygroundView.PLAYING_RES);
        robot.interact(controller::pause);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.output().shown().getWidth() == RES);
        WaitForAsyncUtils.waitForFxEvents();
        // The full image holds the output of the paused network, pixel for pixel as a fresh render draws it.
        int[] before = pixels(view.output().image());
        robot.interact(view::refresh);
        assertTrue(java.util.Arrays.equals(before, pixels(view.output().image())));
    }

    @Test
    void theCurvesAreDrawnAgainOnlyWhenAWeightChangesVisibly(FxRobot robot) throws Exception {
        trainTo(robot, controller::oneEpoch, 1);
        int drawn = view.maps().edgeDrawings();
        robot.interact(view::refresh);
        robot.interact(view::refresh);
        assertEquals(drawn, view.maps().edgeDrawings(), "same weights, same curves");
        trainTo(robot, () -> {
            for (int e = 0; e < 5; e++) {
                controller.oneEpoch();
            }
        }, 25 * 6);
        assertTrue(view.maps().edgeDrawings() > drawn, "five epochs later the curves change");
    }

    private static int[] pixels(javafx.scene.image.Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }

    @Test
    void onANarrowWindowTheTraceMovesUnderThePlaneAndEveryMapStaysInView(FxRobot robot) throws Exception {
        trainTo(robot, controller::oneEpoch, 1);
        assertTrue(view.traceBesidePlane());
        PlaygroundView narrow = WaitForAsyncUtils.asyncFx(() -> {
            PlaygroundView v = new PlaygroundView(workspace, i18n, controller);
            Stage small = new Stage();
            small.setScene(new Scene(v, 860, 640));
            small.show();
            return v;
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertFalse(narrow.traceBesidePlane());
            javafx.geometry.Bounds window = new javafx.geometry.BoundingBox(0, 0, 860, 640);
            int maps = 0;
            for (javafx.scene.Node map : narrow.lookupAll(".playground-unit")) {
                javafx.geometry.Bounds b = map.localToScene(map.getBoundsInLocal());
                assertTrue(window.contains(b), map.getId() + " at " + b);
                maps++;
            }
            assertEquals(2 + 8 + 8 + 1, maps);
        } finally {
            robot.interact(() -> narrow.getScene().getWindow().hide());
        }
    }

    /** Whether the user can see {@code node}: it and every parent visible. */
    private static void fire(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).queryAs(javafx.scene.control.ButtonBase.class).fire());
    }

    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** As the trace writes a factor: three decimals, a true minus, negatives in brackets. */
    private static String factor(float v) {
        String f = String.format(Locale.ROOT, "%.3f", v).replace('-', '−');
        return v < 0 ? "(" + f + ")" : f;
    }

    @Test
    void afterTrainingTheShownAccuracyAndLossAreTheEvaluators(FxRobot robot) throws Exception {
        StepSnapshot s = epochs(robot, 12);
        assertTrue(s.step() >= 300, "steps " + s.step());
        Reference r = reference();
        Network reference = withWeights(s);
        ClassificationMetrics train = (ClassificationMetrics) new Evaluator().evaluate(reference,
                r.normalization().apply(r.train()), new BinaryCrossEntropyWithLogits());
        ClassificationMetrics validation = (ClassificationMetrics) new Evaluator().evaluate(reference,
                r.normalization().apply(r.validation()), new BinaryCrossEntropyWithLogits());
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * train.accuracy()),
                text(robot, "#playground-train-accuracy"));
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * validation.accuracy()),
                text(robot, "#playground-validation-accuracy"));
        assertEquals(String.format(Locale.ROOT, "%.3f", train.loss()), text(robot, "#playground-train-loss"));
        assertEquals(String.format(Locale.ROOT, "%.3f", validation.loss()),
                text(robot, "#playground-validation-loss"));
        assertEquals("Epoch " + (s.epoch() + 1) + " · step " + s.step(), text(robot, "#playground-step"));
        assertEquals(400, train.samples());
    }

    @Test
    void hoveringAUnitMapShowsItInTheLargeMap(FxRobot robot) throws Exception {
        trainTo(robot, controller::oneEpoch, 1);
        robot.moveTo("#unit-map-hidden1-2");
        assertEquals("Unit 3 of 'hidden1': its output over the plane", text(robot, "#playground-map-title"));
        float[] hidden1 = view.network().gridValues("hidden1");
        MapPainter painter = new MapPainter(javafx.scene.paint.Color.WHITE);
        int i = 40;
        int j = 70;
        assertEquals(painter.diverging(hidden1[(j * RES + i) * 8 + 2]),
                view.output().image().getPixelReader().getArgb(i, j));
        robot.moveTo("#playground-step");
        assertTrue(text(robot, "#playground-map-title").startsWith("Output"));
    }

    @Test
    void playingUpdatesTheMapsFromFreshSnapshots(FxRobot robot) throws Exception {
        robot.interact(controller::play);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> controller.snapshot() != null && controller.snapshot().step() > 40);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            String shown = robot.lookup("#playground-step").queryAs(Label.class).getText();
            return !shown.endsWith("step 0") && !shown.equals("–");
        });
        robot.interact(controller::pause);
        assertTrue(view.frameNanos() > 0);
    }
}
