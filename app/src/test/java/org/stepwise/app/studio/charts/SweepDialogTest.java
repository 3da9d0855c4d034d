// The sweep dialog headless on the default project: its table ranks the runs by validation score, using a run puts
// its values into the settings as an undoable edit, Cancel stops a long sweep, and bad input is explained.
package org.stepwise.app.studio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import atlantafx.base.theme.PrimerLight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.eval.Sweep;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SweepDialogTest {
    private Workspace workspace;
    private SweepDialog dialog;
    private int finishedSweeps;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(DefaultProjects.standard(), null);
        dialog = new SweepDialog(workspace, new I18n(Locale.ENGLISH));
        dialog.setOnFinished(() -> finishedSweeps++);
        stage.setScene(new Scene(dialog, 800, 600));
        stage.show();
    }

    private void fill(FxRobot robot, String rates, String batches, int epochs) {
        fill(robot, rates, "", batches, epochs);
    }

    private void fill(FxRobot robot, String rates, String widths, String batches, int epochs) {
        robot.interact(() -> {
            robot.lookup("#sweep-rates").queryAs(TextField.class).setText(rates);
            robot.lookup("#sweep-widths").queryAs(TextField.class).setText(widths);
            robot.lookup("#sweep-batches").queryAs(TextField.class).setText(batches);
            ((javafx.scene.control.Spinner<Integer>) robot.lookup("#sweep-epochs").query())
                    .getValueFactory().setValue(epochs);
        });
    }

    private String message(FxRobot robot) {
        return robot.lookup("#sweep-message").queryAs(Label.class).getText();
    }

    private String cell(int row, int column) {
        TableColumn<Sweep.Run, ?> c = dialog.table().getColumns().get(column);
        return String.valueOf(c.getCellData(row));
    }

    @Test
    void theTableRanksRunsByValidationScoreAndUsingOneChangesTheSettingsAndWidths(FxRobot robot)
            throws Exception {
        // The default project is 2-8-8-1: the field starts at its hidden width.
        assertEquals("8", robot.lookup("#sweep-widths").queryAs(TextField.class).getText());
        fill(robot, "0.0003, 0.03, 0.3", "2, 8", "32", 3);
        robot.clickOn("#sweep-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> dialog.result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<Sweep.Run> rows = dialog.table().getItems();
        assertEquals(6, rows.size());
        assertEquals("6 runs, best first.", message(robot));
        assertEquals(1, finishedSweeps, "a finished sweep is reported once, for lessons' sweep_finished");
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).score() >= rows.get(i).score(), "row " + i + " is ranked below a worse run");
        }
        assertTrue(rows.get(0).score() > rows.get(rows.size() - 1).score(), "the rates differ enough to rank");
        // What the table shows: the rank, the point and the accuracy of the best epoch.
        Sweep.Run top = rows.get(0);
        assertEquals("1", cell(0, 0));
        assertEquals(RunDifference.number(top.point().learningRate()), cell(0, 1));
        assertEquals(Integer.toString(top.point().hiddenWidth()), cell(0, 2));
        assertEquals(Integer.toString(top.point().batchSize()), cell(0, 3));
        assertEquals(String.format(Locale.ENGLISH, "%.1f%%", 100 * top.score()), cell(0, 5));
        assertEquals(List.of(2, 8), rows.stream().map(r -> r.point().hiddenWidth()).distinct().sorted().toList());

        int narrow = 0;
        while (rows.get(narrow).point().hiddenWidth() != 2) {
            narrow++;
        }
        Sweep.Run chosen = rows.get(narrow);
        int row = narrow;
        float before = workspace.document().settings().learningRate();
        robot.interact(() -> dialog.table().getSelectionModel().select(row));
        robot.clickOn("#sweep-use");
        assertEquals(chosen.point().learningRate(), workspace.document().settings().learningRate());
        assertEquals(chosen.point().batchSize(), workspace.document().settings().batchSize());
        assertEquals(chosen.point().optimizer(), workspace.document().settings().optimizer());
        assertEquals(List.of(2, 2), hiddenUnits());
        assertTrue(message(robot).contains("hidden width 2"), message(robot));
        // One undo restores the settings and both layers.
        robot.interact(() -> workspace.stack().undo());
        assertEquals(before, workspace.document().settings().learningRate());
        assertEquals(List.of(8, 8), hiddenUnits());
    }

    private List<Integer> hiddenUnits() {
        var graph = workspace.document().graph().toGraphDef();
        return Sweep.hiddenDense(graph).stream()
                .map(n -> ((org.stepwise.core.layers.Dense.Spec) graph.node(n).spec()).units()).toList();
    }

    @Test
    void cancelStopsTheSweepAndRanksTheRunsThatFinished(FxRobot robot) throws Exception {
        fill(robot, "0.001, 0.003, 0.01, 0.03, 0.1, 0.3", "8, 16, 32, 64", 200);
        robot.clickOn("#sweep-start");
        // Whichever run is under way when we look: a fast machine may be past the first.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> dialog.isRunning() && message(robot).matches("Run \\d+ of 24: .*"));
        assertTrue(dialog.isRunning());
        robot.clickOn("#sweep-cancel");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> dialog.result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialog.result().cancelled());
        assertTrue(dialog.result().ranked().size() < 24);
        assertFalse(dialog.isRunning());
        assertTrue(message(robot).startsWith("Cancelled after "), message(robot));
        assertEquals(0, finishedSweeps, "a cancelled sweep is not a finished one");
    }

    @Test
    void badValuesAreExplainedAndNothingRuns(FxRobot robot) {
        fill(robot, "0.01, fast", "32", 2);
        robot.clickOn("#sweep-start");
        assertEquals("Learning rates are positive numbers separated by commas, such as 0.01, 0.03; “fast” is not one.",
                message(robot));
        fill(robot, "0.01", "0", 2);
        robot.clickOn("#sweep-start");
        assertTrue(message(robot).endsWith("“0” is not one."), message(robot));
        fill(robot, "0.01", "8, wide", "16", 2);
        robot.clickOn("#sweep-start");
        assertTrue(message(robot).startsWith("Hidden widths are whole numbers"), message(robot));
        assertTrue(message(robot).endsWith("“wide” is not one."), message(robot));
        assertFalse(dialog.isRunning());
        assertNull(dialog.result());
    }
}
