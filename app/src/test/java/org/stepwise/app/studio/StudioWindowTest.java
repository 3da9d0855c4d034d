// The studio window driven as a user drives it, headless: the title and its unsaved mark, the problems list,
// Play and the presenter's Right key, save and reopen through the project file, the closing guard's data, and
// switching the language.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.editor.RemoveNodes;
import org.stepwise.core.graph.Param;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    private MainWindow window;
    private Stage stage;
    private TestWindow opened;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    private void onFx(Runnable r) {
        javafx.application.Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTitleNamesTheProjectAndMarksUnsavedChanges(FxRobot robot) {
        assertEquals("Stepwise — spiral", stage.getTitle());
        onFx(() -> window.workspace().execute(new RemoveNodes(Set.of("hidden2"))));
        assertEquals("Stepwise — spiral •", stage.getTitle());
        onFx(() -> window.workspace().stack().undo());
        assertEquals("Stepwise — spiral", stage.getTitle());
    }

    @Test
    void theWindowAndTheDialogsItOpensCarryStepwisesIconInEverySize(FxRobot robot) throws Exception {
        List<Double> sizes = stage.getIcons().stream().map(javafx.scene.image.Image::getWidth).toList();
        assertEquals(List.of(16.0, 32.0, 48.0, 64.0, 128.0, 256.0), sizes);
        for (javafx.scene.image.Image icon : stage.getIcons()) {
            assertEquals(icon.getWidth(), icon.getHeight());
            // The tile's middle is the lit unit: opaque, orange (more red than blue).
            javafx.scene.paint.Color middle = icon.getPixelReader().getColor((int) icon.getWidth() / 2,
                    (int) icon.getHeight() / 2);
            assertEquals(1.0, middle.getOpacity(), 1e-9);
            assertTrue(middle.getRed() > middle.getBlue(), "middle pixel " + middle);
        }
        // A window of the studio's own (the welcome) and an alert, both owned by the main window.
        Stage welcome = WaitForAsyncUtils.asyncFx(() -> window.showWelcome().stage()).get();
        assertEquals(stage.getIcons(), welcome.getIcons());
        onFx(welcome::close);
        javafx.application.Platform.runLater(() -> Dialogs.info(stage, window.i18n(), "Icon", "An owned alert"));
        WaitForAsyncUtils.waitForFxEvents();
        Stage alert = javafx.stage.Window.getWindows().stream().filter(w -> w != stage && w instanceof Stage)
                .map(w -> (Stage) w).filter(Stage::isShowing).findFirst().orElseThrow();
        assertEquals(stage.getIcons(), alert.getIcons());
        onFx(alert::close);
    }

    @Test
    void theValuesPaneIsThereOnceTheWindowHasBeenDrawn(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(robot.lookup("#detail-empty").tryQuery().orElse(null));
    }

    @Test
    void aToolbarButtonExplainsItselfOnceThePointerComesOverIt(FxRobot robot) {
        Button play = robot.lookup("#tool-play").queryButton();
        Button fit = robot.lookup("#tool-fit").queryButton();
        robot.moveTo(play);
        robot.moveTo(fit);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Train (F8 or Space)", play.getTooltip().getText());
        assertNotNull(fit.getTooltip());
        assertEquals(fit.getAccessibleText(), fit.getTooltip().getText());
    }

    @Test
    void aBrokenNetworkIsListedAndTrainingIsOffWithTheReason(FxRobot robot) {
        ListView<?> problems = robot.lookup("#problems").queryAs(ListView.class);
        // Read on the FX thread: in the window's first frames the list rehearses a broken graph's problems, and
        // takes them out again, within one event there.
        int[] before = {-1};
        onFx(() -> before[0] = problems.getItems().size());
        assertEquals(0, before[0]);
        double canvasHeight = robot.lookup(".graph-canvas").query().getLayoutBounds().getHeight();
        double listHeight = problems.getHeight();
        onFx(() -> window.workspace().execute(new RemoveNodes(Set.of("hidden2"))));
        assertEquals(2, problems.getItems().size());
        // The list keeps its height, so breaking the network moves none of the panels above it.
        assertEquals(listHeight, problems.getHeight());
        assertEquals(canvasHeight, robot.lookup(".graph-canvas").query().getLayoutBounds().getHeight());
        assertTrue(robot.lookup("#tool-play").queryButton().isDisabled());
        String state = robot.lookup("#status-state").queryAs(Label.class).getText();
        assertTrue(state.contains("2 problem"), state);
    }

    @Test
    void theProblemsListIsReadiedWhileIdleAndShowsNothingUntilARealProblem(FxRobot robot) throws Exception {
        ListView<?> problems = robot.lookup("#problems").queryAs(ListView.class);
        // Shortly after the window opens the list has cells, made for a rehearsed broken graph and kept.
        waitFor(() -> !robot.from(problems).lookup(".list-cell").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        int[] items = {-1};
        onFx(() -> items[0] = problems.getItems().size());
        assertEquals(0, items[0]);
        assertTrue(problems.getPlaceholder().isVisible(), "the empty list says so");
        assertTrue(robot.from(problems).lookup(".list-cell").queryAll().stream()
                .allMatch(c -> ((javafx.scene.control.ListCell<?>) c).isEmpty()), "no rehearsed problem is left");
        onFx(() -> window.workspace().execute(new RemoveNodes(Set.of("hidden2"))));
        List<String> shown = robot.from(problems).lookup(".list-cell").queryAll().stream()
                .map(c -> ((javafx.scene.control.ListCell<?>) c).getText()).filter(t -> t != null).toList();
        assertEquals(2, shown.size(), shown.toString());
        assertTrue(shown.stream().allMatch(t -> t.contains("output") || t.contains("hidden1")), shown.toString());
    }

    @Test
    void playTrainsOffTheFxThreadAndTheClickerKeysStepOnePhase(FxRobot robot) throws Exception {
        robot.clickOn("#tool-play");
        waitFor(() -> window.training().progress().step() > 20);
        robot.clickOn("#tool-play");
        // The training thread finishes the step it is in, then reports the pause.
        waitFor(() -> window.training().progress().state() == TrainingController.State.PAUSED);
        long stopped = window.training().progress().step();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#node-input"); // the clicker's keys go to the canvas, not to a toolbar button
        String state = robot.lookup("#status-state").queryAs(Label.class).getText();
        assertTrue(state.startsWith("Paused"), state);

        robot.type(KeyCode.RIGHT);
        waitFor(() -> snapshotAt(stopped, 1));
        robot.type(KeyCode.PAGE_DOWN);
        waitFor(() -> snapshotAt(stopped, 2));
        robot.type(KeyCode.LEFT);
        waitFor(() -> snapshotAt(stopped, 1));
        robot.type(KeyCode.PAGE_UP);
        waitFor(() -> snapshotAt(stopped, 0));
    }

    private boolean snapshotAt(long step, int phase) {
        StepSnapshot s = window.training().snapshot();
        return s != null && s.step() == step && s.phaseIndex() == phase;
    }

    @Test
    void savingAndReopeningGivesTheSameProject(FxRobot robot) throws Exception {
        Path file = dir.resolve("mine.stepwise");
        window.files().setChooser(new FixedChooser(file));
        robot.clickOn("#tool-step");
        waitFor(() -> window.training().progress().step() == 1);
        onFx(() -> window.workspace().execute(new RemoveNodes(Set.of())));
        onFx(() -> window.files().save());
        assertTrue(Files.exists(file));
        assertEquals("Stepwise — mine", stage.getTitle());

        Project saved = ProjectFile.load(file).project();
        assertEquals(window.workspace().graph().toGraphDef(), saved.graph());
        assertEquals(1, saved.training().step());
        List<Param> live = window.workspace().document().network().params();
        for (int i = 0; i < live.size(); i++) {
            assertTrue(java.util.Arrays.equals(live.get(i).value(), saved.network().params().get(i).value()));
        }
        assertEquals(window.workspace().layout(), saved.layout());

        onFx(() -> window.files().newProject());
        onFx(() -> window.files().open(file));
        assertEquals("Stepwise — mine", stage.getTitle());
        assertEquals(saved.graph(), window.workspace().graph().toGraphDef());
        assertEquals(file, window.workspace().fileProperty().get());
    }

    @Test
    void aDamagedFileIsExplainedAndChangesNothing(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.stepwise");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0});
        var before = window.workspace().graph().toGraphDef();
        javafx.application.Platform.runLater(() -> window.files().open(bad));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(robot.lookup(".dialog-pane").tryQuery().orElse(null), "an error dialog");
        String text = robot.lookup(".dialog-pane .label").queryAllAs(Label.class).stream().map(Label::getText)
                .reduce("", (a, b) -> a + "\n" + b);
        assertTrue(text.contains("bad.stepwise"), text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, window.workspace().graph().toGraphDef());
    }

    @Test
    void switchingTheLanguageRelabelsTheWindowAndKeepsTheWork(FxRobot robot) {
        onFx(() -> window.workspace().execute(new RemoveNodes(Set.of("hidden2"))));
        MenuBar menus = robot.lookup("#menubar").queryAs(MenuBar.class);
        assertEquals("File", menus.getMenus().get(0).getText());
        robot.clickOn("#tool-language");
        WaitForAsyncUtils.waitForFxEvents();
        menus = robot.lookup("#menubar").queryAs(MenuBar.class);
        assertEquals("文件", menus.getMenus().get(0).getText());
        String state = robot.lookup("#status-state").queryAs(Label.class).getText();
        assertTrue(state.contains("问题"), state);
        assertFalse(window.workspace().graph().contains("hidden2"));
        assertTrue(window.workspace().stack().canUndo());
        robot.clickOn("#tool-language");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("File", robot.lookup("#menubar").queryAs(MenuBar.class).getMenus().get(0).getText());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
