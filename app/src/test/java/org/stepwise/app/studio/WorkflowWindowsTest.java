// The Workflows menu's windows in a real studio window: the ZeRO calculator reproduces the ZeRO paper's figures,
// the data-parallel simulation equals the large batch, and the tensor splits equal the one-device product.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.workflows.ParallelismView;
import org.stepwise.app.studio.workflows.ZeroCalculatorView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WorkflowWindowsTest {
    private MainWindow window;
    private TestWindow opened;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        robotCloseAll();
        opened.close();
    }

    private void robotCloseAll() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.workflows().closeAll()).get();
    }

    private static String text(ZeroCalculatorView view, String id) {
        return ((Label) view.lookup("#" + id)).getText();
    }

    @Test
    void theZeroCalculatorGivesThePapersFiguresForItsExample(FxRobot robot) throws Exception {
        ZeroCalculatorView view = WaitForAsyncUtils.asyncFx(() -> window.workflows().zeroCalculator()).get();
        // It opens on this network: 2-8-8-1 has 24 + 72 + 9 = 105 parameters; Adam in fp32 is (4 + 4 + 8)·105 bytes at stage 0.
        assertEquals("105", ((TextField) view.lookup("#zero-parameters")).getText());
        assertEquals("1.68 kB", text(view, "zero-bytes-0"));
        // 7.5 B parameters, Adam, fp16, 64 workers: 120, 31.4, 16.6 and 1.9 GB in the paper's Figure 1.
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Object> presets = (ComboBox<Object>) view.lookup("#zero-preset");
            presets.setValue(presets.getItems().get(2));
        });
        assertEquals("120 GB", text(view, "zero-bytes-0"));
        assertEquals("31.4 GB", text(view, "zero-bytes-1"));
        assertEquals("16.6 GB", text(view, "zero-bytes-2"));
        assertEquals("1.88 GB", text(view, "zero-bytes-3"));
        assertEquals("2Ψ + (2 + 12)Ψ/N", text(view, "zero-formula-2"));
        assertEquals("1.6%", text(view, "zero-share-3"));
        // What a lesson's goals read: the latest calculation, and the event.
        var lessonState = new org.stepwise.app.studio.lessons.StudioLessonState(window.workspace(), window.training());
        assertEquals(7_500_000_000L, lessonState.zeroMemory().parameters());
        assertTrue(lessonState.eventCount("zero_calculated", null) >= 2);
        robot.interact(() -> ((TextField) view.lookup("#zero-parameters")).setText("lots"));
        assertTrue(text(view, "zero-message").endsWith("“lots” is not one."), text(view, "zero-message"));
        assertEquals("", text(view, "zero-bytes-0"));
    }

    @Test
    void dataParallelWorkersAverageToTheLargeBatchAndTensorSplitsMatchOneDevice(FxRobot robot) throws Exception {
        ParallelismView view = WaitForAsyncUtils.asyncFx(() -> window.workflows().parallelism()).get();
        robot.interact(view::runDataParallel);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.dataResult() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, view.dataResult().workers());
        assertEquals(6, view.dataResult().names().size());
        assertTrue(view.dataResult().maxRelativeError() < 1e-6, "difference " + view.dataResult().maxRelativeError());
        String message = ((Label) view.lookup("#parallel-data-message")).getText();
        assertTrue(message.startsWith("4 workers: the averaged gradient equals the large-batch gradient"), message);

        robot.interact(view::runTensorParallel);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.tensorResult() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var r = view.tensorResult();
        assertEquals("hidden1", r.node());
        assertEquals(2, r.in());
        assertEquals(8, r.units());
        // The column split computes every dot product as one device does; the row split adds halves in another order.
        assertEquals(0, r.columnDifference());
        assertTrue(r.rowDifference() < 1e-5, "row split differs by " + r.rowDifference());
        assertEquals((long) r.rows() * 4, r.columnFloats());
        assertEquals((long) r.rows() * 8, r.rowFloats());
        assertEquals("equal", ((Label) view.lookup("#parallel-tensor-columns")).getText());
    }

    @Test
    void mixedPrecisionComparesFourRunsAndShowsWhereFp16LosesGradients(FxRobot robot) throws Exception {
        org.stepwise.app.studio.workflows.MixedPrecisionView view =
                WaitForAsyncUtils.asyncFx(() -> window.workflows().mixedPrecision()).get();
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.Spinner<Integer> steps =
                    (javafx.scene.control.Spinner<Integer>) view.lookup("#precision-steps");
            steps.getValueFactory().setValue(120);
            view.start();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.runs() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var runs = view.runs();
        assertEquals(List.of("fp32", "bf16", "fp16", "fp16"), runs.stream().map(r -> r.setting().precision().id())
                .toList());
        runs.forEach(r -> assertEquals(120, r.loss().length));
        long fp16 = runs.get(2).report().total().backward().underflows();
        long scaled = runs.get(3).report().total().backward().underflows();
        // The loss weakened by 2⁻²⁰ (the default): fp16 flushes gradients to zero, loss scaling keeps most of them.
        assertTrue(fp16 > 0 && scaled < fp16, fp16 + " unscaled, " + scaled + " scaled");
        assertEquals(0, runs.get(1).report().total().underflows());
        assertEquals(String.format(java.util.Locale.ENGLISH, "%,d", fp16),
                ((Label) view.lookup("#precision-underflows-2")).getText());
        assertEquals(String.format(java.util.Locale.ENGLISH, "%.4g", runs.get(0).finalLoss()),
                ((Label) view.lookup("#precision-loss-0")).getText());
        var chart = (org.jfree.chart.fx.ChartViewer) view.lookup("#precision-chart");
        assertEquals(4, chart.getChart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(1, window.training().signals().count("precision_compared", null));
    }

    @Test
    void thePretrainingRecipeAndContinualTrainingRunFromTheirWindowsAndChartBothRuns(FxRobot robot)
            throws Exception {
        // Small budgets: the figures themselves are core's tests; here the windows must run them and show them.
        org.stepwise.app.studio.workflows.RecipeView recipe =
                WaitForAsyncUtils.asyncFx(() -> window.workflows().recipe()).get();
        robot.interact(() -> {
            spinner(recipe, "#recipe-pretrain-epochs").getValueFactory().setValue(1);
            spinner(recipe, "#recipe-epochs").getValueFactory().setValue(3);
            recipe.start();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> recipe.result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var r = recipe.result();
        assertEquals(4, r.fineTuned().points().size(), "epoch 0 (before) and three epochs");
        var chart = (org.jfree.chart.fx.ChartViewer) recipe.lookup("#recipe-chart");
        var data = chart.getChart().getXYPlot().getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals(100 * r.scratch().last().accuracy(), data.getYValue(1, data.getItemCount(1) - 1), 1e-9);
        String summary = ((Label) recipe.lookup("#recipe-summary")).getText();
        assertTrue(summary.startsWith(String.format(java.util.Locale.ENGLISH, "Fine-tuned: %.1f%%. From scratch: "
                + "%.1f%%.", 100 * r.fineTuned().last().accuracy(), 100 * r.scratch().last().accuracy())), summary);

        assertEquals(r, window.training().signals().recipe());
        assertEquals(1, window.training().signals().count("recipe_compared", null));

        org.stepwise.app.studio.workflows.ContinualView continual =
                WaitForAsyncUtils.asyncFx(() -> window.workflows().continual()).get();
        robot.interact(() -> {
            spinner(continual, "#continual-epochs-a").getValueFactory().setValue(1);
            spinner(continual, "#continual-epochs-b").getValueFactory().setValue(1);
            continual.start();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> continual.result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var c = continual.result();
        assertTrue(c.withoutReplay().forgettingPoints() > c.withReplay().forgettingPoints(),
                "replay forgets less: " + c.withoutReplay().forgettingPoints() + " against "
                        + c.withReplay().forgettingPoints());
        var curves = (org.jfree.chart.fx.ChartViewer) continual.lookup("#continual-chart");
        assertEquals(4, curves.getChart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(1, curves.getChart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size());
        assertEquals(c, window.training().signals().continual());
        assertEquals(1, window.training().signals().count("continual_trained", null));
    }

    @Test
    void fineTuningOpensTheNetworkWithItsBodyFrozenAndAFreshHeadForTheNewData(FxRobot robot) throws Exception {
        float[] before = WaitForAsyncUtils.asyncFx(() -> window.workspace().document().network().node("hidden1")
                .params().get(0).value().clone()).get();
        org.stepwise.app.studio.workflows.FineTuneView view =
                WaitForAsyncUtils.asyncFx(() -> window.workflows().fineTune()).get();
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> data = (ComboBox<String>) view.lookup("#finetune-dataset");
            data.setValue("iris"); // four features: the spiral's net takes two
            view.prepare();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> ((Label) view.lookup("#finetune-message")).getText().contains("shape"));
        assertEquals("spiral", window.workspace().document().data().spec(), "nothing changed");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> data = (ComboBox<String>) view.lookup("#finetune-dataset");
            data.setValue("moons");
            view.prepare();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.opened() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var doc = window.workspace().document();
        assertEquals("moons", doc.data().spec());
        var graph = doc.graph().toGraphDef();
        assertTrue(graph.node("hidden1").frozen() && graph.node("hidden2").frozen());
        assertFalse(graph.node("output").frozen());
        assertEquals(2, ((org.stepwise.core.layers.Dense.Spec) graph.node("output").spec()).units());
        // The body keeps its trained weights, bit for bit.
        org.junit.jupiter.api.Assertions.assertArrayEquals(before,
                doc.network().node("hidden1").params().get(0).value());
        assertTrue(((Label) view.lookup("#finetune-message")).getText().startsWith("Opened: 2 layers frozen"));
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.Spinner<Integer> spinner(javafx.scene.Parent view, String id) {
        return (javafx.scene.control.Spinner<Integer>) view.lookup(id);
    }
}
