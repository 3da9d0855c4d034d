// The Charts tab in the studio: curves gain points as training runs, the best epoch is marked where validation loss
// is lowest, early stopping pauses training and is marked, and a kept run A overlays run B with what differs.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.charts.ChartsView;
import org.stepwise.app.studio.charts.RunCurves;
import org.stepwise.core.eval.History;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChartsTabTest {
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

    private ChartsView openCharts(FxRobot robot) {
        robot.clickOn("#tab-charts");
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#charts").queryAs(ChartsView.class);
    }

    private void trainEpochs(int epochs) throws Exception {
        int target = window.training().curves().epochs().size() + epochs;
        for (int i = 0; i < epochs; i++) {
            window.training().oneEpoch();
        }
        waitUntil(() -> window.training().curves().epochs().size() == target);
    }

    private void setSettings(FxRobot robot, TrainingSettings s) {
        robot.interact(() -> window.workspace().execute(ChangeSettings.settings(s, "setting.learningRate")));
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Items of the series named {@code key}, or −1 when the chart has none by that name. */
    private static int items(ChartsView view, String key) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            XYSeriesCollection data = (XYSeriesCollection) view.lossChart().getXYPlot().getDataset();
            int i = data.getSeriesIndex(key);
            return i < 0 ? -1 : data.getItemCount(i);
        }).get();
    }

    private static double firstY(ChartsView view, String key) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            XYSeriesCollection data = (XYSeriesCollection) view.lossChart().getXYPlot().getDataset();
            return data.getYValue(data.getSeriesIndex(key), 0);
        }).get();
    }

    private static List<String> keys(ChartsView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            XYSeriesCollection data = (XYSeriesCollection) view.lossChart().getXYPlot().getDataset();
            return ((List<?>) data.getSeries()).stream().map(s -> ((org.jfree.data.xy.XYSeries) s).getKey()
                    .toString()).toList();
        }).get();
    }

    @Test
    void theCurvesGainAPointPerEpochAndEveryBatchPerStep(FxRobot robot) throws Exception {
        ChartsView view = openCharts(robot);
        assertEquals(-1, items(view, "training"));
        trainEpochs(2);
        waitUntil(() -> items(view, "training") == 2);
        assertEquals(2, items(view, "validation"));
        trainEpochs(1);
        waitUntil(() -> items(view, "training") == 3);
        assertEquals(3, items(view, "validation"));

        robot.clickOn("#charts-per-step");
        int batches = window.training().curves().batchesPerEpoch();
        waitUntil(() -> items(view, "training") == 3 * batches);
        assertTrue(batches > 1, "the spiral has several batches an epoch");
        assertEquals(3, items(view, "validation"), "validation is measured at each epoch's end");
    }

    @Test
    void hoveringAPointReadsOutItsEpochAndValue(FxRobot robot) throws Exception {
        ChartsView view = openCharts(robot);
        trainEpochs(3);
        waitUntil(() -> items(view, "validation") == 3);
        org.jfree.chart.fx.ChartViewer viewer = robot.lookup("#charts-loss").queryAs(
                org.jfree.chart.fx.ChartViewer.class);
        double loss = window.training().curves().epochs().get(1).validation().loss();
        javafx.geometry.Point2D at = WaitForAsyncUtils.asyncFx(() -> {
            var area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
            var plot = view.lossChart().getXYPlot();
            double x = plot.getDomainAxis().valueToJava2D(2, area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
            double y = plot.getRangeAxis().valueToJava2D(loss, area, org.jfree.chart.ui.RectangleEdge.LEFT);
            return viewer.getCanvas().localToScreen(x, y);
        }).get();
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Epoch 2 · validation: " + String.format(java.util.Locale.ENGLISH, "%.4g", loss),
                robot.lookup("#charts-readout").queryAs(Label.class).getText());
    }

    @Test
    void theBestEpochMarkerSitsWhereValidationLossIsLowest(FxRobot robot) throws Exception {
        ChartsView view = openCharts(robot);
        // A rate this high makes the validation loss jump about, so its lowest point is not simply the last epoch.
        setSettings(robot, window.workspace().document().settings().withLearningRate(0.3f));
        trainEpochs(8);
        RunCurves curves = window.training().curves();
        History.Epoch lowest = curves.epochs().get(0);
        for (History.Epoch e : curves.epochs()) {
            if (e.validation().loss() < lowest.validation().loss()) {
                lowest = e;
            }
        }
        int best = lowest.epoch();
        assertNotEquals(8, best, "the run should have its lowest validation loss before its last epoch");
        waitUntil(() -> items(view, "validation") == 8);
        ValueMarker marker = bestMarker(view);
        assertNotNull(marker);
        assertEquals(best, marker.getValue(), 1e-9);
        assertEquals("best: epoch " + best, marker.getLabel());

        robot.clickOn("#charts-per-step");
        waitUntil(() -> items(view, "validation") == 8 && items(view, "training") > 8);
        assertEquals((double) best * curves.batchesPerEpoch(), bestMarker(view).getValue(), 1e-9);
    }

    @Test
    void earlyStoppingPausesTrainingAndIsMarked(FxRobot robot) throws Exception {
        ChartsView view = openCharts(robot);
        setSettings(robot, window.workspace().document().settings().withLearningRate(0.3f));
        robot.clickOn("#charts-early-stop");
        robot.interact(() -> window.training().play());
        waitUntil(() -> !window.training().isPlaying());
        RunCurves curves = window.training().curves();
        assertTrue(curves.stoppedEpoch() > 0, "training stopped early");
        assertEquals(curves.stoppedEpoch(), curves.epochs().get(curves.epochs().size() - 1).epoch());
        // Patience 3: three epochs after the best without improvement, the fourth stops.
        assertEquals(curves.bestEpoch() + 4, curves.stoppedEpoch());
        waitUntil(() -> markers(view).stream().anyMatch(m -> m.getLabel().startsWith("stopped early")));
    }

    @Test
    void keptRunAOverlaysRunBAndTheLegendNamesTheDifference(FxRobot robot) throws Exception {
        ChartsView view = openCharts(robot);
        TrainingSettings base = window.workspace().document().settings();
        setSettings(robot, base.withLearningRate(0.03f));
        trainEpochs(2);
        robot.clickOn("#charts-keep-a");
        setSettings(robot, base.withLearningRate(0.1f));
        trainEpochs(3);
        waitUntil(() -> items(view, "B: lr 0.1 · training") == 3);
        assertEquals(2, items(view, "A: lr 0.03 · training"));
        assertEquals(2, items(view, "A: lr 0.03 · validation"));
        assertEquals(3, items(view, "B: lr 0.1 · validation"));
        assertEquals("Comparing A: lr 0.03 (dashed) with B: lr 0.1", robot.lookup("#charts-comparison").queryAs(Label.class).getText());
        // Run B started again from run A's seed: the first batch's loss, taken before any update, is the same.
        robot.clickOn("#charts-per-step");
        waitUntil(() -> items(view, "A: lr 0.03 · training") > 2);
        assertEquals(firstY(view, "A: lr 0.03 · training"), firstY(view, "B: lr 0.1 · training"), 0);
        // A theme switch rebuilds every view; run A must survive it.
        robot.interact(() -> window.switchTheme(true));
        robot.interact(() -> window.switchTheme(false));
        ChartsView rebuilt = openCharts(robot);
        waitUntil(() -> items(rebuilt, "A: lr 0.03 · training") == 2);
        assertEquals(3, items(rebuilt, "B: lr 0.1 · training"));
        robot.clickOn("#charts-per-step");
        robot.clickOn("#charts-clear-a");
        waitUntil(() -> items(rebuilt, "training") > 3);
        assertFalse(keys(rebuilt).stream().anyMatch(k -> k.startsWith("A")), keys(rebuilt).toString());
    }

    private static ValueMarker bestMarker(ChartsView view) throws Exception {
        return markers(view).stream().filter(m -> m.getLabel().startsWith("best")).findFirst().orElse(null);
    }

    private static List<ValueMarker> markers(ChartsView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Collection<?> all = view.lossChart().getXYPlot().getDomainMarkers(Layer.FOREGROUND);
            return all == null ? List.<ValueMarker>of()
                    : all.stream().map(m -> (ValueMarker) m).toList();
        }).get();
    }
}
