// The whole studio window driven end to end, headless, the way people use it: a network built, broken, fixed, saved
// and reopened with the mouse alone; the same kind of work with the keyboard alone; undo and redo of everything from
// the toolbar; the closing guard; Play on the default project; and the neuron view's + button.
//
// Each flow checks what is on screen (canvas labels, the problems list, the status bar, the inspector's fields) and
// the model behind it (the graph, its layout, the undo stack, the file written).
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.studio.neurons.NeuronView;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StudioFlowTest {
    /** Generous: a slow two-core machine trains, lays out and renders in software at once. */
    private static final int TIMEOUT_SECONDS = 60;

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

    // =========================================================================================================
    // 1. Mouse only
    // =========================================================================================================

    @Test
    void withTheMouseANetworkIsBuiltBrokenFixedSavedAndReopened(FxRobot robot) throws Exception {
        Path file = dir.resolve("built.stepwise");
        window.files().setChooser(new FixedChooser(file));

        // Clear the default project: a rubber band over the whole canvas, then Delete.
        Bounds canvas = screenBounds(window.canvas());
        drag(robot, new Point2D(canvas.getMinX() + 6, canvas.getMinY() + 6),
                new Point2D(canvas.getMaxX() - 6, canvas.getMaxY() - 6));
        assertEquals(Set.of("input", "hidden1", "hidden2", "output"), Set.copyOf(workspace().selection()));
        robot.type(KeyCode.DELETE);
        waitFor(() -> workspace().graph().nodes().isEmpty());
        assertTrue(find(robot, "#canvas-empty-hint").isVisible());
        robot.clickOn("#tool-fit"); // an empty canvas fits to the origin at 100%: room for four nodes in a row

        // Input, Dense, Dense, Dense, each dragged from its palette row onto the canvas.
        canvas = screenBounds(window.canvas());
        double y = canvas.getCenterY() - 60;
        String[] types = {"input", "dense", "dense", "dense"};
        String[] names = {"input1", "dense1", "dense2", "dense3"};
        for (int i = 0; i < types.length; i++) {
            dragFromPalette(robot, types[i], new Point2D(canvas.getMinX() + 100 + i * 200, y));
            String name = names[i];
            waitFor(() -> workspace().graph().contains(name));
            assertEquals(Set.of(name), Set.copyOf(workspace().selection()), "a dropped node is selected");
        }
        assertEquals(4, workspace().graph().nodes().size());
        assertProblems(robot, true);

        // Output port to input port, dragged with the robot.
        for (int i = 0; i + 1 < names.length; i++) {
            drag(robot, centre(find(robot, "#out-" + names[i])), centre(find(robot, "#in-" + names[i + 1])));
            assertEquals(List.of(names[i]), workspace().graph().node(names[i + 1]).inputs());
        }
        assertProblems(robot, false);

        // The input's shape and the unit counts, clicked and typed in the inspector; the canvas follows.
        selectOnCanvas(robot, "input1");
        typeInto(robot, "#prop-shape", "3");
        assertEquals(List.of("3"), texts(find(robot, "#edge-input1-dense1")));
        assertEquals("32 params", label(find(robot, "#node-dense1"), ".node-parameters")); // 3 × 8 weights + 8 biases
        typeInto(robot, "#prop-shape", "2");
        assertEquals(List.of("2"), texts(find(robot, "#edge-input1-dense1")));
        int[] units = {16, 12, 1};
        for (int i = 0; i < units.length; i++) {
            selectOnCanvas(robot, names[i + 1]);
            typeInto(robot, "#prop-units", Integer.toString(units[i]));
            assertEquals(units[i], ((Dense.Spec) workspace().graph().node(names[i + 1]).spec()).units());
            assertEquals("(" + units[i] + ")", find(robot, "#prop-outputShape", Label.class).getText());
        }
        assertEquals("16", label(find(robot, "#node-dense1"), ".node-shape"));
        assertEquals("12", label(find(robot, "#node-dense2"), ".node-shape"));
        assertEquals("1", label(find(robot, "#node-dense3"), ".node-shape"));
        assertEquals(List.of("16"), texts(find(robot, "#edge-dense1-dense2")));
        assertEquals(List.of("12"), texts(find(robot, "#edge-dense2-dense3")));
        assertProblems(robot, false);
        assertEquals("No problems: the network is ready to train.",
                ((Label) problems(robot).getPlaceholder()).getText());

        // Break it: click the middle edge and delete it.
        Point2D mid = centre(find(robot, "#out-dense1")).midpoint(centre(find(robot, "#in-dense2")));
        robot.clickOn(mid);
        assertTrue(find(robot, "#edge-dense1-dense2").getStyleClass().contains("selected"));
        robot.type(KeyCode.DELETE);
        waitFor(() -> workspace().graph().node("dense2").inputs().isEmpty());
        assertNull(robot.lookup("#edge-dense1-dense2").tryQuery().orElse(null));
        assertProblems(robot, true);
        String state = find(robot, "#status-state", Label.class).getText();
        // dense2 has no input, and dense1's output leads nowhere; the list is above the status bar.
        assertEquals("Training is off: the network has 2 problems, listed above", state);

        // The listed problem leads to its node.
        robot.clickOn(problemCell(robot, "'dense2'"));
        waitFor(() -> workspace().selection().equals(Set.of("dense2")));
        assertTrue(find(robot, "#node-dense2").getPseudoClassStates().contains(PseudoClass.getPseudoClass("selected")));

        // Fix it by connecting again.
        drag(robot, centre(find(robot, "#out-dense1")), centre(find(robot, "#in-dense2")));
        assertEquals(List.of("dense1"), workspace().graph().node("dense2").inputs());
        assertProblems(robot, false);

        // Save with the toolbar, open something else, then reopen the file from the File menu.
        GraphDef graph = workspace().graph().toGraphDef();
        Map<String, Project.Point> layout = workspace().layout();
        robot.clickOn("#tool-save");
        waitFor(() -> Files.exists(file) && !workspace().stack().isDirty());
        assertEquals("Stepwise — built", stage.getTitle());
        assertEquals(graph, ProjectFile.load(file).project().graph());

        clickMenu(robot, "File", "#menu-new");
        waitFor(() -> workspace().graph().contains("hidden1"));
        assertNull(robot.lookup("#node-dense3").tryQuery().orElse(null));
        clickMenu(robot, "File", "#menu-open");
        waitFor(() -> workspace().graph().contains("dense3"));
        assertEquals(graph, workspace().graph().toGraphDef());
        assertEquals(layout, workspace().layout());
        assertEquals(file, workspace().fileProperty().get());
        for (String name : names) {
            Node view = find(robot, "#node-" + name);
            assertEquals(layout.get(name).x(), view.getLayoutX(), 1e-9, name);
            assertEquals(layout.get(name).y(), view.getLayoutY(), 1e-9, name);
        }
        assertEquals(List.of("12"), texts(find(robot, "#edge-dense2-dense3")));
        assertProblems(robot, false);
    }

    // =========================================================================================================
    // 2. Keyboard only
    // =========================================================================================================

    @Test
    void withTheKeyboardANodeIsAddedConnectedEditedUndoneRedoneAndSaved(FxRobot robot) throws Exception {
        Path file = dir.resolve("typed.stepwise");
        window.files().setChooser(new FixedChooser(file));
        State original = state();

        // Tab into the palette, Down to Dense, Enter adds it on the canvas with the focus on it.
        tabUntil(robot, "palette-input", false);
        robot.type(KeyCode.DOWN);
        assertFocused("palette-dense");
        robot.type(KeyCode.ENTER);
        waitFor(() -> workspace().graph().contains("dense1"));
        assertFocused("node-dense1");
        assertProblems(robot, true); // dense1 has no input, and output no longer ends the network

        // Back to 'output', Ctrl+L, pick dense1 from the chooser.
        robot.push(KeyCode.SHIFT, KeyCode.TAB);
        assertFocused("node-output");
        robot.push(shortcut(KeyCode.L));
        waitFor(() -> robot.lookup("#connect-to-dense1").tryQuery().isPresent());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitFor(() -> workspace().graph().node("dense1").inputs().equals(List.of("output")));
        assertProblems(robot, false);

        // Select dense1 and type its units in the inspector.
        tabUntil(robot, "node-dense1", false);
        robot.type(KeyCode.ENTER);
        assertEquals(Set.of("dense1"), Set.copyOf(workspace().selection()));
        // After the nodes come the Values and Math tabs under the canvas, then the inspector's tabs.
        tabUntil(robot, n -> n instanceof TabPane && "inspector".equals(regionOf(n)), "the inspector's tabs",
                false);
        robot.type(KeyCode.TAB);
        assertFocused("prop-name");
        robot.type(KeyCode.TAB);
        assertFocused("prop-units");
        robot.push(shortcut(KeyCode.A)).write("3").type(KeyCode.ENTER);
        waitFor(() -> ((Dense.Spec) workspace().graph().node("dense1").spec()).units() == 3);
        assertEquals("3 · relu", label(find(robot, "#node-dense1"), ".node-summary"));

        // A problem: hidden2 deleted leaves 'output' without input; Ctrl+L from hidden1 mends it. Tab moves the
        // focus only; Enter selects, and Delete deletes the selection.
        tabUntil(robot, "node-hidden2", true);
        robot.type(KeyCode.ENTER).type(KeyCode.DELETE);
        waitFor(() -> !workspace().graph().contains("hidden2"));
        assertProblems(robot, true);
        tabUntil(robot, "node-hidden1", false);
        robot.push(shortcut(KeyCode.L));
        waitFor(() -> robot.lookup("#connect-to-output").tryQuery().isPresent());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitFor(() -> workspace().graph().node("output").inputs().equals(List.of("hidden1")));
        assertProblems(robot, false);

        // The inspector's Training tab by the arrow keys, and a new learning rate.
        tabUntil(robot, n -> n instanceof TabPane && "inspector".equals(regionOf(n)), "the inspector's tabs", false);
        robot.type(KeyCode.RIGHT).type(KeyCode.RIGHT);
        assertEquals(2, ((TabPane) stage.getScene().getFocusOwner()).getSelectionModel().getSelectedIndex());
        tabUntil(robot, "setting-learningRate", false);
        robot.push(shortcut(KeyCode.A)).write("0.05").type(KeyCode.ENTER);
        waitFor(() -> workspace().document().settings().learningRate() == 0.05f);
        State edited = state();
        assertEquals(6, workspace().stack().size());

        // Ctrl+Z until nothing is left to undo, right where the focus is: in the learning-rate field.
        assertFocused("setting-learningRate");
        for (int i = 0; i < 20 && workspace().stack().canUndo(); i++) {
            robot.push(shortcut(KeyCode.Z));
        }
        assertFalse(workspace().stack().canUndo());
        assertEquals(original, state());
        assertEquals("0.03", find(robot, "#setting-learningRate", TextField.class).getText());
        assertNull(robot.lookup("#node-dense1").tryQuery().orElse(null));
        assertNotNull(robot.lookup("#node-hidden2").tryQuery().orElse(null));

        for (int i = 0; i < 20 && workspace().stack().canRedo(); i++) {
            robot.push(shortcut(KeyCode.Y));
        }
        assertFalse(workspace().stack().canRedo());
        assertEquals(edited, state());
        assertEquals("0.05", find(robot, "#setting-learningRate", TextField.class).getText());
        assertEquals("3 · relu", label(find(robot, "#node-dense1"), ".node-summary"));

        robot.push(shortcut(KeyCode.S));
        waitFor(() -> Files.exists(file) && !workspace().stack().isDirty());
        Project saved = ProjectFile.load(file).project();
        assertEquals(edited.graph(), saved.graph());
        assertEquals(edited.layout(), saved.layout());
        assertEquals(0.05f, saved.settings().learningRate());
    }

    @Test
    void tabGoesRoundToolbarPaletteCanvasValuesInspectorAndProblemsAndStopsNowhereElse(FxRobot robot) {
        List<String> route = new java.util.ArrayList<>();
        Node start = stage.getScene().getFocusOwner();
        assertEquals("tool-new", start.getId());
        for (int i = 0; i < 100; i++) {
            robot.type(KeyCode.TAB);
            Node owner = stage.getScene().getFocusOwner();
            String region = region(owner);
            if (route.isEmpty() || !route.get(route.size() - 1).equals(region)) {
                route.add(region);
            }
            if (owner == start) {
                break;
            }
        }
        assertEquals(List.of("toolbar", "palette", "canvas", "inspection", "inspector", "problems", "toolbar"),
                route);
    }

    private static String regionOf(Node n) {
        return region(n);
    }

    /** The part of the window a focused node belongs to, or its class when it belongs to none of them. */
    private static String region(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof org.stepwise.app.studio.canvas.GraphCanvas) {
                return "canvas";
            }
            if (p.getId() != null && Set.of("toolbar", "palette", "inspection", "inspector", "problems")
                    .contains(p.getId())) {
                return p.getId();
            }
        }
        return n == null ? "nothing" : n.getClass().getSimpleName();
    }

    // =========================================================================================================
    // 3. Undo everything, then redo, from the toolbar
    // =========================================================================================================

    @Test
    void theToolbarUndoesEveryKindOfEditBackToTheStartAndRedoesThemAll(FxRobot robot) throws Exception {
        State original = state();
        Point2D hidden1At = nodeOrigin(robot, "hidden1");

        robot.doubleClickOn("#palette-dense");                                          // add
        waitFor(() -> workspace().graph().contains("dense1"));
        drag(robot, centre(find(robot, "#out-output")), centre(find(robot, "#in-dense1"))); // connect
        assertEquals(List.of("output"), workspace().graph().node("dense1").inputs());
        Point2D grip = centre(find(robot, "#node-hidden1").lookup(".node-name"));
        drag(robot, grip, grip.add(0, 70));                                                 // move
        assertNotEquals(original.layout().get("hidden1"), workspace().layout().get("hidden1"));
        selectOnCanvas(robot, "hidden2");
        typeInto(robot, "#prop-units", "12");                                               // units
        typeInto(robot, "#prop-name", "middle");                                            // rename
        waitFor(() -> workspace().graph().contains("middle"));
        robot.clickOn("#inspector-training-tab");
        typeInto(robot, "#setting-learningRate", "0.1");                                    // learning rate
        waitFor(() -> workspace().document().settings().learningRate() == 0.1f);
        State edited = state();
        assertEquals(6, workspace().stack().size());

        Button undo = find(robot, "#tool-undo", Button.class);
        for (int i = 0; i < 20 && !undo.isDisabled(); i++) {
            robot.clickOn(undo);
        }
        assertTrue(undo.isDisabled());
        assertEquals(original, state());
        assertEquals("0.03", find(robot, "#setting-learningRate", TextField.class).getText());
        assertNull(robot.lookup("#node-dense1").tryQuery().orElse(null));
        assertNull(robot.lookup("#node-middle").tryQuery().orElse(null));
        assertEquals(hidden1At, nodeOrigin(robot, "hidden1"));
        assertEquals("8 · tanh", label(find(robot, "#node-hidden2"), ".node-summary"));
        selectOnCanvas(robot, "hidden2");
        assertEquals("hidden2", find(robot, "#prop-name", TextField.class).getText());
        assertEquals("8", find(robot, "#prop-units", TextField.class).getText());

        Button redo = find(robot, "#tool-redo", Button.class);
        for (int i = 0; i < 20 && !redo.isDisabled(); i++) {
            robot.clickOn(redo);
        }
        assertTrue(redo.isDisabled());
        assertEquals(edited, state());
        assertEquals("12 · tanh", label(find(robot, "#node-middle"), ".node-summary"));
        assertNotNull(robot.lookup("#edge-output-dense1").tryQuery().orElse(null));
        assertNotEquals(hidden1At, nodeOrigin(robot, "hidden1"));
        robot.clickOn("#inspector-training-tab");
        assertEquals("0.1", find(robot, "#setting-learningRate", TextField.class).getText());
    }

    // =========================================================================================================
    // 4. Closing asks before losing work
    // =========================================================================================================

    @Test
    void closingWithUnsavedWorkAsksAndCancelKeepsTheWork(FxRobot robot) throws Exception {
        selectOnCanvas(robot, "hidden2");
        robot.type(KeyCode.DELETE);
        waitFor(() -> !workspace().graph().contains("hidden2"));

        clickMenu(robot, "File", "#menu-quit");
        waitFor(() -> dialogShown(robot));
        robot.clickOn("Cancel");
        waitFor(() -> !dialogShown(robot));
        assertTrue(stage.isShowing());
        assertFalse(workspace().graph().contains("hidden2"));
        assertTrue(workspace().stack().isDirty());

        // The window's own close button sends a close request; "Don't save" lets it close.
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(() -> dialogShown(robot));
        robot.clickOn("Don't save");
        waitFor(() -> !stage.isShowing());
    }

    @Test
    void closingWithNothingUnsavedAsksNothing(FxRobot robot) throws Exception {
        assertFalse(workspace().stack().isDirty());
        Platform.runLater(window::requestClose);
        waitFor(() -> !stage.isShowing());
        assertFalse(dialogShown(robot));
    }

    // =========================================================================================================
    // 5. Training works at once on the default project
    // =========================================================================================================

    /**
     * The spiral sits near its starting loss (about 0.69) for the first fifty-odd epochs, and each shown loss is one
     * batch's, which jumps around; so the first step's loss is taken with Step, and the losses shown after step 3000
     * are averaged before comparing.
     */
    @Test
    void playOnTheDefaultProjectShowsTheLossFallingAndPauseStops(FxRobot robot) throws Exception {
        robot.clickOn("#tool-step");
        waitFor(() -> window.training().progress().step() == 1);
        float firstLoss = window.training().progress().loss();
        assertTrue(firstLoss > 0.5f && firstLoss < 1f, "the first batch's loss is near ln 2: " + firstLoss);

        robot.clickOn("#tool-play");
        waitFor(() -> statusText(robot).startsWith("Training · epoch"));
        WaitForAsyncUtils.waitFor(4 * TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> window.training().progress().step() >= 3000);
        Map<Long, Float> late = new HashMap<>();
        waitFor(() -> {
            TrainingController.Progress p = window.training().progress();
            late.put(p.step(), p.loss());
            return late.size() >= 40;
        });
        robot.clickOn("#tool-play");
        waitFor(() -> !window.training().isPlaying()
                && window.training().progress().state() == TrainingController.State.PAUSED);
        String shown = statusText(robot);
        assertTrue(shown.startsWith("Paused · epoch"), shown);
        double mean = late.values().stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        assertTrue(mean < firstLoss, "first loss " + firstLoss + ", mean after step 3000 " + mean);
    }

    private String statusText(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> find(robot, "#status-state", Label.class).getText()).get();
    }

    // =========================================================================================================
    // 6. The neuron view
    // =========================================================================================================

    @Test
    void plusInTheNeuronViewAddsAUnitThatTheCanvasShowsAndUndoTakesBack(FxRobot robot) throws Exception {
        robot.clickOn("#tool-neurons");
        waitFor(() -> robot.lookup(n -> n instanceof NeuronView).tryQuery().map(Node::isVisible).orElse(false));
        assertNull(window.canvas().getScene(), "the neuron view takes the canvas's place");
        robot.clickOn("#units-plus-hidden1");
        waitFor(() -> ((Dense.Spec) workspace().graph().node("hidden1").spec()).units() == 9);

        robot.clickOn("#tool-neurons");
        waitFor(() -> window.canvas().getScene() != null);
        assertEquals("9 · tanh", label(find(robot, "#node-hidden1"), ".node-summary"));
        assertEquals(List.of("9"), texts(find(robot, "#edge-hidden1-hidden2")));

        robot.clickOn("#tool-undo");
        waitFor(() -> ((Dense.Spec) workspace().graph().node("hidden1").spec()).units() == 8);
        assertEquals("8 · tanh", label(find(robot, "#node-hidden1"), ".node-summary"));
        assertEquals(List.of("8"), texts(find(robot, "#edge-hidden1-hidden2")));
    }

    // =========================================================================================================
    // Helpers
    // =========================================================================================================

    /** What undo and redo must restore: the graph, where its nodes sit, and the training settings. */
    private record State(GraphDef graph, Map<String, Project.Point> layout, TrainingSettings settings) {
    }

    private State state() {
        return new State(workspace().graph().toGraphDef(), workspace().layout(), workspace().document().settings());
    }

    private Workspace workspace() {
        return window.workspace();
    }

    private static Node find(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private static Bounds screenBounds(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    private static Point2D centre(Node n) {
        Bounds b = screenBounds(n);
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private Point2D nodeOrigin(FxRobot robot, String name) {
        Node n = find(robot, "#node-" + name);
        return new Point2D(n.getLayoutX(), n.getLayoutY());
    }

    /** The texts of every label inside a view, as an edge shows its shape. */
    private static List<String> texts(Node view) {
        return view.lookupAll(".label").stream().map(l -> ((Label) l).getText()).toList();
    }

    private static String label(Node view, String styleClass) {
        return ((Label) view.lookup(styleClass)).getText();
    }

    /** Press, move in steps as a hand does, release. */
    private static void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 4; i++) {
            robot.moveTo(from.add(to.subtract(from).multiply(i / 4.0)));
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A palette row dragged onto the canvas with the robot. Monocle carries this drag from end to end: the row's own
     * drag-detected handler fills the dragboard and the canvas's drop handler reads it, as on a desktop.
     */
    private static void dragFromPalette(FxRobot robot, String type, Point2D target) {
        robot.drag("#palette-" + type, MouseButton.PRIMARY).dropTo(target);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void selectOnCanvas(FxRobot robot, String node) {
        robot.clickOn(find(robot, "#node-" + node).lookup(".node-name"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the field, selects what it holds, types the value and presses Enter. */
    private static void typeInto(FxRobot robot, String query, String value) {
        robot.clickOn(query);
        robot.push(shortcut(KeyCode.A)).write(value).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void clickMenu(FxRobot robot, String menu, String itemId) {
        robot.clickOn(menu);
        robot.clickOn(itemId);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static KeyCodeCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    @SuppressWarnings("unchecked")
    private static ListView<Object> problems(FxRobot robot) {
        return robot.lookup("#problems").queryAs(ListView.class);
    }

    /** The problems list is empty and Play is on, or the list has entries and Play is off. */
    private void assertProblems(FxRobot robot, boolean expected) throws Exception {
        waitFor(() -> problems(robot).getItems().isEmpty() != expected);
        assertEquals(expected, find(robot, "#tool-play", Button.class).isDisabled(),
                "Play follows the problems list");
    }

    private static Node problemCell(FxRobot robot, String containing) {
        return robot.lookup("#problems .list-cell").queryAll().stream()
                .filter(c -> ((ListCell<?>) c).getText() != null && ((ListCell<?>) c).getText().contains(containing))
                .findFirst().orElseThrow(() -> new AssertionError("no problem mentions " + containing));
    }

    private static boolean dialogShown(FxRobot robot) {
        return Window.getWindows().stream().anyMatch(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane);
    }

    private void assertFocused(String id) {
        Node owner = stage.getScene().getFocusOwner();
        assertEquals(id, owner == null ? null : owner.getId());
    }

    /** Tab (or Shift+Tab) until the node with this id has the focus; fails when the focus never gets there. */
    private void tabUntil(FxRobot robot, String id, boolean backwards) {
        tabUntil(robot, n -> id.equals(n.getId()), id, backwards);
    }

    private void tabUntil(FxRobot robot, Predicate<Node> target, String what, boolean backwards) {
        for (int i = 0; i < 80; i++) {
            Node owner = stage.getScene().getFocusOwner();
            if (owner != null && target.test(owner)) {
                return;
            }
            if (backwards) {
                robot.push(KeyCode.SHIFT, KeyCode.TAB);
            } else {
                robot.type(KeyCode.TAB);
            }
        }
        throw new AssertionError("Tab never reached " + what + "; the focus is on "
                + stage.getScene().getFocusOwner());
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
