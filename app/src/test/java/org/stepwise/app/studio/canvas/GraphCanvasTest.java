// The canvas driven as a user drives it: mouse drags and keys on a real stage (Monocle, headless), checked by what
// is on screen (views, labels, style classes) and by the undo stack the edits went through.
package org.stepwise.app.studio.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.AddNodes;
import org.stepwise.app.editor.Connect;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Add;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class GraphCanvasTest {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private Workspace workspace;
    private GraphCanvas canvas;
    private Label paletteItem;
    /** Keys that reached the scene unconsumed: what the studio's training shortcuts would see. */
    private final List<KeyCode> passedThrough = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(project("mlp-2-8-8-1"), null);
        canvas = new GraphCanvas(workspace, new I18n(Locale.ENGLISH));
        canvas.acceptPaletteDrops();
        paletteItem = new Label("Dense");
        paletteItem.setId("palette-dense");
        paletteItem.setMinSize(80, 40);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(paletteItem);
        Scene scene = new Scene(root, 1100, 700);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> passedThrough.add(e.getCode()));
        stage.setScene(scene);
        stage.show();
    }

    private static Project project(String template) {
        return Project.create("t", Templates.find(template).orElseThrow().graph(), DataRef.builtIn("spiral"),
                TrainingSettings.defaults());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Whether a canvas node shows a state (a problem, frozen), which the canvas sets as a pseudo-class. */
    private static boolean marked(Node node, String state) {
        return node.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass(state));
    }

    private Node find(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().orElse(null);
    }

    private boolean shown(FxRobot robot, String id) {
        Node n = find(robot, id);
        return n != null && n.getScene() != null && n.isVisible();
    }

    private static Point2D centre(Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** The texts of every label inside a view. */
    private static List<String> texts(Node view) {
        return view.lookupAll(".label").stream().map(l -> ((Label) l).getText()).toList();
    }

    private EditorNode node(String name) {
        return workspace.graph().node(name);
    }

    /** Whether an edge's line passes over a node's box (its ports, on the box's edges, aside). */
    private boolean crosses(FxRobot robot, String edge, EditorNode n) {
        javafx.scene.shape.Shape line = (javafx.scene.shape.Shape) find(robot, edge).lookup(".edge-line");
        javafx.scene.shape.Rectangle box = new javafx.scene.shape.Rectangle(n.x() + 4, n.y() + 4,
                NodeView.WIDTH - 8, NodeView.HEIGHT - 8);
        return !javafx.scene.shape.Shape.intersect(line, box).getLayoutBounds().isEmpty();
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from).press(MouseButton.PRIMARY);
        // Several steps, as a hand would, so drag handlers see intermediate positions.
        for (int i = 1; i <= 4; i++) {
            robot.moveTo(from.add(to.subtract(from).multiply(i / 4.0)));
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static KeyCodeCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    // ---- what a node and an edge show --------------------------------------------------------------------------

    @Test
    void everyNodeShowsItsNameSettingsShapeAndParametersAndEdgesShowShapes(FxRobot robot) {
        Node hidden1 = find(robot, "node-hidden1");
        assertTrue(hidden1.getStyleClass().contains("graph-node"));
        List<String> texts = texts(hidden1);
        assertTrue(texts.containsAll(List.of("hidden1", "8 · tanh", "8", "24 params")), texts.toString());
        assertTrue(texts(find(robot, "node-input")).contains("no params"));
        assertTrue(shown(robot, "out-hidden1") && shown(robot, "in-hidden1"));
        assertFalse(find(robot, "in-input").isVisible(), "nothing can feed an input node");
        assertEquals(List.of("2"), texts(find(robot, "edge-input-hidden1")));
        assertEquals(List.of("8"), texts(find(robot, "edge-hidden2-output")));
        assertEquals("Parameters: 105", ((Label) find(robot, "total-parameters")).getText());
        assertTrue(((Label) find(robot, "node-hidden1").lookup(".node-name")).getFont().getSize() >= 13);
    }

    @Test
    void anEdgeBackToTheNextRowRunsThroughTheLaneBetweenTheRowsAndStaysNearItsEnds(FxRobot robot) {
        // The output goes under the input, one wrapped row down: hidden2 → output now runs backward.
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("output"), node("input").x() - node("output").x(),
                node("input").y() + 190 - node("output").y())));
        Bounds course = find(robot, "edge-hidden2-output").lookup(".edge-line").getLayoutBounds();
        for (EditorNode n : workspace.graph().nodes()) {
            assertFalse(crosses(robot, "edge-hidden2-output", n), "the edge crosses " + n.name());
        }
        double from = node("hidden2").x() + NodeView.WIDTH;
        double to = node("output").x();
        assertTrue(course.getMaxX() <= from + EdgeView.MAX_TURN && course.getMinX() >= to - EdgeView.MAX_TURN,
                "the edge swings far past its ends: " + course);
        // Its label sits in the lane: under the upper row, over the lower.
        Node label = find(robot, "edge-hidden2-output").lookup(".edge-label");
        double labelY = label.getBoundsInParent().getCenterY();
        assertTrue(labelY > node("hidden2").y() + NodeView.HEIGHT - 20 && labelY < node("output").y(),
                "label at " + labelY);

        // Back beside the input, in its row: the edge runs under the row instead.
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("output"), 0, -190)));
        course = find(robot, "edge-hidden2-output").lookup(".edge-line").getLayoutBounds();
        assertTrue(course.getMaxY() > node("hidden2").y() + NodeView.HEIGHT, "runs under the row: " + course);
        assertTrue(course.getMaxX() <= from + EdgeView.MAX_TURN, course.toString());
        // A forward edge is still one curve between its ports (its bounds take in half the stroke's width).
        Bounds forward = find(robot, "edge-input-hidden1").lookup(".edge-line").getLayoutBounds();
        assertEquals(node("input").x() + NodeView.WIDTH, forward.getMinX(), 3);
        assertEquals(node("hidden1").x(), forward.getMaxX(), 3);
    }

    @Test
    void anEdgeArchesOverNodesMovedIntoItsWayAndFlattensWhenTheyLeave(FxRobot robot) {
        // hidden1 goes past the output: input → hidden1 now runs along the row over hidden2 and the output.
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden1"), node("output").x() + 300 - node("hidden1").x(), 0)));
        double portY = node("input").y() + NodeView.PORT_Y;
        Bounds arched = find(robot, "edge-input-hidden1").lookup(".edge-line").getLayoutBounds();
        assertTrue(arched.getMinY() < node("input").y(), "arches over the row: " + arched);
        // The nodes in its way leave; its own ends stay where they are, and it runs straight again.
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden2", "output"), 0, 400)));
        Bounds straight = find(robot, "edge-input-hidden1").lookup(".edge-line").getLayoutBounds();
        assertEquals(portY, straight.getCenterY(), 3, "runs straight: " + straight);
    }

    // ---- adding ----------------------------------------------------------------------------------------------

    @Test
    void addNodePlacesANodeWhereItOverlapsNothingAndSelectsIt(FxRobot robot) {
        robot.interact(() -> canvas.addNode("dense"));
        Node added = find(robot, "node-dense1");
        assertTrue(added != null && added.isVisible());
        assertEquals(Set.of("dense1"), Set.copyOf(workspace.selection()));
        assertTrue(added.getPseudoClassStates().contains(SELECTED));
        Bounds b = added.getBoundsInParent();
        for (String other : List.of("input", "hidden1", "hidden2", "output")) {
            assertFalse(b.intersects(find(robot, "node-" + other).getBoundsInParent()), other);
        }
        assertTrue(canvas.getLayoutBounds().contains(canvas.sceneToLocal(added.localToScene(0, 0))),
                "the new node is in the visible area");
        robot.interact(() -> canvas.addNode("no-such-type"));
        assertEquals(5, workspace.graph().nodes().size());
    }

    /**
     * Monocle's drag-and-drop loop fails (a NullPointerException in View.notifyDragLeave), so the robot cannot carry
     * a dragboard across; the drop arrives as the event a real drop delivers, with the palette's dragboard string.
     */
    @Test
    void droppingAPaletteItemAddsThatNodeAtTheDropPoint(FxRobot robot) {
        Bounds canvasBounds = canvas.localToScreen(canvas.getLayoutBounds());
        Point2D target = new Point2D(canvasBounds.getMinX() + 200, canvasBounds.getMaxY() - 120);
        Point2D scene = canvas.localToScene(canvas.screenToLocal(target));
        robot.interact(() -> {
            Dragboard board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(
                    com.sun.javafx.tk.Toolkit.getToolkit().createLocalClipboard());
            ClipboardContent content = new ClipboardContent();
            content.putString(GraphCanvas.PALETTE_PREFIX + "dense");
            board.setContent(content);
            javafx.event.Event.fireEvent(canvas, new javafx.scene.input.DragEvent(
                    javafx.scene.input.DragEvent.DRAG_DROPPED, board, scene.getX(), scene.getY(), target.getX(),
                    target.getY(), TransferMode.COPY, paletteItem, canvas, null));
        });
        Node added = find(robot, "node-dense1");
        assertTrue(added != null, "the drop added dense1");
        Bounds b = added.localToScreen(added.getBoundsInLocal());
        assertTrue(b.contains(target), "the node sits under the drop point");
        assertEquals(Set.of("dense1"), Set.copyOf(workspace.selection()));
    }

    // ---- moving ------------------------------------------------------------------------------------------------

    @Test
    void draggingANodeMovesItByOneUndoableCommand(FxRobot robot) {
        EditorNode before = node("hidden1");
        int edits = workspace.stack().size();
        Node name = find(robot, "node-hidden1").lookup(".node-name");
        Point2D from = centre(name);
        drag(robot, from, from.add(60, 90));
        EditorNode after = node("hidden1");
        double zoom = canvas.zoomFactor();
        assertEquals(before.x() + 60 / zoom, after.x(), 1.5);
        assertEquals(before.y() + 90 / zoom, after.y(), 1.5);
        assertEquals(edits + 1, workspace.stack().size());
        assertEquals(after.x(), find(robot, "node-hidden1").getLayoutX(), 1e-9);
        robot.interact(() -> workspace.stack().undo());
        assertEquals(before.x(), find(robot, "node-hidden1").getLayoutX(), 1e-9);
        assertEquals(before.y(), find(robot, "node-hidden1").getLayoutY(), 1e-9);
    }

    @Test
    void draggingOneOfSeveralSelectedNodesMovesThemAll(FxRobot robot) {
        robot.interact(() -> workspace.selection().addAll(List.of("hidden1", "hidden2")));
        EditorNode h1 = node("hidden1");
        EditorNode h2 = node("hidden2");
        Point2D from = centre(find(robot, "node-hidden2").lookup(".node-name"));
        drag(robot, from, from.add(0, 120));
        double dy = 120 / canvas.zoomFactor();
        assertEquals(h1.y() + dy, node("hidden1").y(), 1.5);
        assertEquals(h2.y() + dy, node("hidden2").y(), 1.5);
        assertEquals(h1.x(), node("hidden1").x(), 1e-9);
    }

    @Test
    void shiftArrowsMoveTheSelectionAndPlainArrowsAndPagesAreLeftForTraining(FxRobot robot) {
        robot.clickOn(find(robot, "node-hidden1").lookup(".node-name"));
        EditorNode before = node("hidden1");
        int edits = workspace.stack().size();
        robot.push(KeyCode.SHIFT, KeyCode.RIGHT).push(KeyCode.SHIFT, KeyCode.RIGHT).push(KeyCode.SHIFT, KeyCode.UP);
        assertEquals(before.x() + 2 * GraphCanvas.NUDGE, node("hidden1").x(), 1e-9);
        assertEquals(before.y() - GraphCanvas.NUDGE, node("hidden1").y(), 1e-9);
        assertEquals(edits + 3, workspace.stack().size(), "one command per press");

        passedThrough.clear();
        robot.clickOn(find(robot, "node-hidden1").lookup(".node-name"));
        robot.type(KeyCode.RIGHT, KeyCode.PAGE_DOWN, KeyCode.PAGE_UP, KeyCode.LEFT);
        assertEquals(List.of(KeyCode.RIGHT, KeyCode.PAGE_DOWN, KeyCode.PAGE_UP, KeyCode.LEFT), passedThrough);
        assertEquals(edits + 3, workspace.stack().size());
    }

    // ---- connecting --------------------------------------------------------------------------------------------

    @Test
    void draggingFromAnOutputToAnInputConnectsAndLabelsTheEdge(FxRobot robot) {
        robot.interact(() -> canvas.addNode("relu"));
        assertTrue(marked(find(robot, "node-relu1"), "has-problem"), "unconnected input");
        int edits = workspace.stack().size();
        drag(robot, centre(find(robot, "out-output")), centre(find(robot, "in-relu1")));
        assertEquals(List.of("output"), node("relu1").inputs(), () -> "output at " + centre(find(robot,
                "out-output")) + ", relu1 at " + centre(find(robot, "in-relu1")) + ", message "
                + ((Label) find(robot, "canvas-message")).getText() + ", nodes " + workspace.graph().nodes());
        assertEquals(edits + 1, workspace.stack().size());
        Node edge = find(robot, "edge-output-relu1");
        assertTrue(edge != null && edge.isVisible());
        assertEquals(List.of("1"), texts(edge));
        assertTrue(texts(find(robot, "node-relu1")).contains("1"), "the relu's output shape is now known");
        assertFalse(marked(find(robot, "node-relu1"), "has-problem"));
    }

    @Test
    void aRefusedConnectionSaysWhyAndChangesNothing(FxRobot robot) {
        int edits = workspace.stack().size();
        // hidden1 already feeds hidden2, so hidden2 → hidden1 would close a cycle.
        drag(robot, centre(find(robot, "out-hidden2")), centre(find(robot, "node-hidden1").lookup(".node-name")));
        assertEquals(edits, workspace.stack().size());
        assertEquals(List.of("input"), node("hidden1").inputs());
        Label message = (Label) find(robot, "canvas-message");
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("cycle"), message.getText());
        assertTrue(find(robot, "node-hidden1").getStyleClass().stream().noneMatch(c -> c.startsWith("connect-")),
                "the targets' highlight is gone after the drag");
    }

    @Test
    void controlLOffersTheNodesTheSelectionCanFeed(FxRobot robot) {
        robot.interact(() -> canvas.addNode("sigmoid"));
        robot.clickOn(find(robot, "node-output").lookup(".node-name"));
        robot.push(shortcut(KeyCode.L));
        Node item = find(robot, "connect-to-sigmoid1");
        assertTrue(item != null, "the chooser lists sigmoid1");
        assertTrue(find(robot, "connect-to-hidden1") == null, "hidden1 feeds output already: a cycle");
        robot.clickOn(item);
        assertEquals(List.of("output"), node("sigmoid1").inputs());
        assertTrue(find(robot, "edge-output-sigmoid1") != null);
    }

    // ---- selecting and deleting ----------------------------------------------------------------------------------

    @Test
    void aRubberBandSelectsTheNodesItTouches(FxRobot robot) {
        Bounds input = find(robot, "node-input").localToScreen(find(robot, "node-input").getBoundsInLocal());
        Bounds hidden1 = find(robot, "node-hidden1").localToScreen(find(robot, "node-hidden1").getBoundsInLocal());
        Point2D from = new Point2D(input.getMinX() - 15, input.getMinY() - 30);
        Point2D to = new Point2D(hidden1.getCenterX(), hidden1.getMaxY() + 30);
        drag(robot, from, to);
        assertEquals(Set.of("input", "hidden1"), Set.copyOf(workspace.selection()));
        assertTrue(find(robot, "node-input").getPseudoClassStates().contains(SELECTED));
        assertFalse(find(robot, "rubber-band").isVisible());

        robot.press(KeyCode.SHIFT).clickOn(find(robot, "node-output").lookup(".node-name")).release(KeyCode.SHIFT);
        assertEquals(Set.of("input", "hidden1", "output"), Set.copyOf(workspace.selection()));
        robot.push(KeyCode.ESCAPE);
        assertTrue(workspace.selection().isEmpty());
        robot.push(shortcut(KeyCode.A));
        assertEquals(4, workspace.selection().size());
    }

    @Test
    void deleteRemovesTheSelectedNodeAndUndoBringsBackItAndItsEdges(FxRobot robot) {
        robot.clickOn(find(robot, "node-hidden1").lookup(".node-name"));
        robot.push(KeyCode.DELETE);
        assertTrue(find(robot, "node-hidden1") == null);
        assertTrue(find(robot, "edge-input-hidden1") == null && find(robot, "edge-hidden1-hidden2") == null);
        assertTrue(marked(find(robot, "node-hidden2"), "has-problem"));
        robot.interact(() -> workspace.stack().undo());
        assertTrue(shown(robot, "node-hidden1"));
        assertTrue(shown(robot, "edge-input-hidden1") && shown(robot, "edge-hidden1-hidden2"));
        assertFalse(marked(find(robot, "node-hidden2"), "has-problem"));
    }

    @Test
    void clickingAnEdgeSelectsItAndDeleteRemovesIt(FxRobot robot) {
        Point2D mid = centre(find(robot, "out-hidden1")).midpoint(centre(find(robot, "in-hidden2")));
        robot.clickOn(mid);
        Node edge = find(robot, "edge-hidden1-hidden2");
        assertTrue(edge.getStyleClass().contains("selected"));
        robot.push(KeyCode.BACK_SPACE);
        assertTrue(find(robot, "edge-hidden1-hidden2") == null);
        assertTrue(shown(robot, "node-hidden1") && shown(robot, "node-hidden2"), "only the edge went");
        assertTrue(marked(find(robot, "node-hidden2"), "has-problem"));
    }

    // ---- clipboard -----------------------------------------------------------------------------------------------

    @Test
    void copyPasteCutAndDuplicateGoThroughTheClipboard(FxRobot robot) {
        robot.clickOn(find(robot, "node-hidden1").lookup(".node-name"));
        robot.push(shortcut(KeyCode.C)).push(shortcut(KeyCode.V));
        assertTrue(shown(robot, "node-hidden3"));
        assertEquals(Set.of("hidden3"), Set.copyOf(workspace.selection()));
        assertEquals(node("hidden1").x() + org.stepwise.app.editor.Clipboard.PASTE_OFFSET, node("hidden3").x());
        robot.push(shortcut(KeyCode.D));
        assertTrue(shown(robot, "node-hidden4"));
        robot.push(shortcut(KeyCode.X));
        assertTrue(find(robot, "node-hidden4") == null);
        robot.push(shortcut(KeyCode.V));
        assertTrue(shown(robot, "node-hidden4"), "the cut node pastes back");
    }

    // ---- renaming, freezing ----------------------------------------------------------------------------------------

    @Test
    void f2RenamesInPlaceAndRefusesATakenName(FxRobot robot) {
        robot.clickOn(find(robot, "node-hidden1").lookup(".node-name"));
        robot.push(KeyCode.F2);
        robot.push(shortcut(KeyCode.A)).write("hidden2").push(KeyCode.ENTER);
        assertTrue(((Label) find(robot, "canvas-message")).getText().contains("hidden2"));
        assertTrue(node("hidden1") != null, "a taken name changes nothing");
        robot.push(shortcut(KeyCode.A)).write("encoder").push(KeyCode.ENTER);
        assertTrue(shown(robot, "node-encoder"));
        assertTrue(find(robot, "node-hidden1") == null);
        assertTrue(shown(robot, "edge-encoder-hidden2"), "the consumer follows the new name");
        assertEquals(Set.of("encoder"), Set.copyOf(workspace.selection()));
    }

    /** Monocle reports no right click as a popup trigger, so the menu is asked for as a desktop click asks. */
    private void requestContextMenu(FxRobot robot, Node target) {
        Point2D at = centre(target);
        Point2D local = target.screenToLocal(at);
        robot.interact(() -> javafx.event.Event.fireEvent(target, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(), at.getX(),
                at.getY(), false, null)));
    }

    @Test
    void theNodeMenuFreezesAndUnfreezes(FxRobot robot) {
        requestContextMenu(robot, find(robot, "node-hidden2"));
        robot.clickOn("Freeze");
        assertTrue(node("hidden2").frozen());
        assertTrue(marked(find(robot, "node-hidden2"), "frozen"));
        robot.interact(() -> workspace.stack().undo());
        assertFalse(marked(find(robot, "node-hidden2"), "frozen"));
    }

    @Test
    void theEdgeMenuDeletesTheConnection(FxRobot robot) {
        requestContextMenu(robot, find(robot, "edge-hidden2-output"));
        robot.clickOn("Delete connection");
        assertTrue(find(robot, "edge-hidden2-output") == null);
        assertEquals(List.of(), node("output").inputs());
    }

    /** Adds "sum", an add of the 2-wide input and the 8-wide hidden1: a shape error. */
    private void addMismatchedSum(FxRobot robot) {
        robot.interact(() -> {
            workspace.execute(AddNodes.one(new EditorNode("sum", new Add.Spec(), List.of(), false, 300, 400)));
            workspace.execute(Connect.edge("input", "sum"));
            workspace.execute(Connect.edge("hidden1", "sum"));
        });
    }

    /** The title each node of the canvas shows in its header, as drawn: with an ellipsis where it was cut. */
    private static List<String> drawnTitles(javafx.scene.Parent canvas) {
        return canvas.lookupAll(".node-title").stream()
                .map(t -> ((javafx.scene.text.Text) t.lookup(".text")).getText()).toList();
    }

    @Test
    void everyNodeTypesTitleFitsItsNodeInBothLanguages(FxRobot robot) {
        List<org.stepwise.app.studio.NodeTypes.NodeType> types = org.stepwise.app.studio.NodeTypes.all();
        Workspace every = new Workspace(project("mlp-2-8-8-1"), null);
        for (int i = 0; i < types.size(); i++) {
            every.execute(AddNodes.one(new EditorNode("n" + i, types.get(i).create().get(), List.of(), false,
                    (i % 6) * 200, 300 + (i / 6) * 150)));
        }
        for (Locale language : List.of(Locale.ENGLISH, I18n.CHINESE)) {
            I18n i18n = new I18n(language);
            Stage[] other = new Stage[1];
            List<String> drawn = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            try {
                robot.interact(() -> {
                    GraphCanvas c = new GraphCanvas(every, i18n);
                    other[0] = new Stage();
                    other[0].setScene(new Scene(c, 1400, 1000));
                    other[0].show();
                    c.applyCss();
                    c.layout();
                    drawn.addAll(drawnTitles(c));
                    c.lookupAll(".node-title").forEach(t -> titles.add(((Label) t).getText()));
                });
            } finally {
                robot.interact(() -> {
                    if (other[0] != null) {
                        other[0].close();
                    }
                });
            }
            assertEquals(types.size() + 4, titles.size());
            assertEquals(titles, drawn, language + ": a title is cut");
            if (language == Locale.ENGLISH) {
                assertTrue(titles.contains("Conv 2D"), titles.toString());
            } else {
                assertTrue(titles.contains("二维卷积层"), titles.toString());
            }
        }
    }

    @Test
    void theBadgesSitOnTheTopBorderAndMakeRoomForMoreWithoutTouchingTheTitle(FxRobot robot) {
        assertFalse(find(robot, "node-hidden1").lookup(".node-corner").isVisible(), "nothing to show, no empty pill");
        addMismatchedSum(robot);
        NodeView sum = (NodeView) find(robot, "node-sum"); // the add with the shape error
        javafx.scene.layout.Region corner = (javafx.scene.layout.Region) sum.lookup(".node-corner");
        assertTrue(corner.isVisible());
        double oneBadge = corner.getWidth();
        robot.interact(() -> sum.setBadges(new javafx.scene.layout.HBox(
                new org.kordamp.ikonli.javafx.FontIcon("mdi2a-alert"),
                new org.kordamp.ikonli.javafx.FontIcon("mdi2a-alert"))));
        assertTrue(corner.getWidth() > oneBadge + 20, corner.getWidth() + " after " + oneBadge);
        for (Node icon : ((javafx.scene.Parent) corner).getChildrenUnmodifiable()) {
            if (icon.isManaged()) {
                assertTrue(icon.getBoundsInParent().getMaxX() <= corner.getWidth() + 0.5, icon.toString());
            }
        }
        // On the top border, at the right, clear of the title.
        javafx.geometry.Bounds box = corner.getBoundsInParent();
        assertTrue(box.getMinY() < 0 && box.getMaxY() > 0, box.toString());
        assertEquals(NodeView.WIDTH - 10, box.getMaxX(), 0.5);
        Node title = sum.lookup(".node-title");
        assertFalse(sum.sceneToLocal(title.localToScene(title.getBoundsInLocal())).intersects(box));
    }

    @Test
    void pointingAtTheProblemBadgeShowsTheProblemsOfTheNode(FxRobot robot) throws Exception {
        addMismatchedSum(robot);
        NodeView sum = (NodeView) find(robot, "node-sum");
        Node badge = find(robot, "problem-sum");
        robot.moveTo(badge).moveBy(2, 0).moveBy(-2, 1);
        org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () ->
                javafx.stage.Window.getWindows().stream().anyMatch(w -> w instanceof javafx.scene.control.Tooltip
                        && w.isShowing()));
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip && w.isShowing()).findFirst().orElseThrow();
        assertEquals(sum.problemText(), tip.getText());
        assertTrue(tip.getText().contains("sum"), tip.getText());
        robot.moveTo(find(robot, "node-input")); // away, so the tooltip hides before the next test
    }

    // ---- problems ------------------------------------------------------------------------------------------------

    @Test
    void aShapeErrorMarksTheOffendingNode(FxRobot robot) {
        addMismatchedSum(robot);
        Node sum = find(robot, "node-sum");
        assertTrue(marked(sum, "has-problem"));
        Node badge = find(robot, "problem-sum");
        assertTrue(badge.isVisible());
        assertTrue(((NodeView) sum).problemText().contains("sum"), ((NodeView) sum).problemText());
        assertTrue(texts(sum).contains("?"), "its output shape is unknown");
        robot.interact(() -> workspace.stack().undo());
        assertTrue(marked(sum, "has-problem"), "an Add with one input is still wrong");
        robot.interact(() -> {
            workspace.stack().undo();
            workspace.stack().undo();
        });
        assertTrue(find(robot, "node-sum") == null);
    }

    // ---- keyboard reach --------------------------------------------------------------------------------------------

    @Test
    void tabWalksTheNodesInGraphOrderAndEnterSelects(FxRobot robot) {
        Bounds c = canvas.localToScreen(canvas.getLayoutBounds());
        robot.clickOn(new Point2D(c.getMinX() + 10, c.getMinY() + 10));
        assertTrue(canvas.isFocused());
        robot.push(KeyCode.TAB);
        assertTrue(find(robot, "node-input").isFocused());
        robot.push(KeyCode.TAB);
        assertTrue(find(robot, "node-hidden1").isFocused());
        robot.push(KeyCode.ENTER);
        assertEquals(Set.of("hidden1"), Set.copyOf(workspace.selection()));
        robot.push(KeyCode.DELETE);
        assertTrue(find(robot, "node-hidden1") == null);
    }

    // ---- zoom and pan ----------------------------------------------------------------------------------------------

    @Test
    void zoomKeysZoomAndZeroFitsEveryNode(FxRobot robot) {
        robot.clickOn(find(robot, "node-input").lookup(".node-name"));
        double start = canvas.zoomFactor();
        robot.push(KeyCode.ADD);
        assertEquals(start * Viewport.STEP, canvas.zoomFactor(), 1e-9);
        String label = ((Label) find(robot, "zoom-level")).getText();
        robot.push(KeyCode.MINUS).push(KeyCode.MINUS);
        assertTrue(canvas.zoomFactor() < start);
        assertNotEquals(label, ((Label) find(robot, "zoom-level")).getText());
        robot.interact(() -> {
            for (int i = 0; i < 6; i++) {
                canvas.zoomIn();
            }
        });
        robot.push(KeyCode.DIGIT0);
        Bounds visible = canvas.localToScreen(canvas.getLayoutBounds());
        for (String n : List.of("input", "hidden1", "hidden2", "output")) {
            Node v = find(robot, "node-" + n);
            assertTrue(visible.contains(v.localToScreen(v.getBoundsInLocal())), n + " is visible after fitting");
        }
    }

    /** Whether {@code n} is drawn: in the window's scene and visible. */
    private static boolean drawn(Node n) {
        return n.getScene() != null && n.isVisible();
    }

    @Test
    void zoomedFarOutNodesShowTheirNamesButNotTheLinesTooSmallToRead(FxRobot robot) {
        Node hidden1 = find(robot, "node-hidden1");
        Label shape = (Label) hidden1.lookup(".node-shape");
        Node parameters = hidden1.lookup(".node-parameters");
        Label edgeLabel = (Label) find(robot, "edge-hidden1-hidden2").lookup(".edge-label");
        assertTrue(drawn(shape) && drawn(parameters) && drawn(edgeLabel));
        robot.interact(() -> {
            while (canvas.zoomFactor() >= GraphCanvas.FAR_ZOOM) {
                canvas.zoomOut();
            }
            canvas.applyCss();
        });
        // Out of the scene, not just hidden: a hidden label whose text changes still makes JavaFX repaint its area.
        assertNull(shape.getScene());
        assertNull(parameters.getScene());
        assertNull(edgeLabel.getScene());
        assertTrue(drawn(hidden1.lookup(".node-name")));
        assertTrue(drawn(hidden1.lookup(".node-title")));
        // An edit made while zoomed out shows when zoomed in again.
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.ChangeNode.spec(workspace.graph(), "hidden1",
                new org.stepwise.core.layers.Dense.Spec(5, org.stepwise.core.layers.Activation.TANH))));
        robot.interact(() -> {
            canvas.zoomIn();
            canvas.applyCss();
            canvas.layout();
        });
        assertTrue(canvas.zoomFactor() >= GraphCanvas.FAR_ZOOM);
        assertTrue(drawn(shape) && drawn(parameters) && drawn(edgeLabel));
        assertEquals("5", shape.getText());
        assertEquals("5", edgeLabel.getText());
        // The lines come back in their places: below the name, in the order they had.
        List<String> order = ((javafx.scene.Parent) hidden1.lookup(".node-body")).getChildrenUnmodifiable().stream()
                .flatMap(n -> n.getStyleClass().stream()).filter(c -> c.startsWith("node-")).toList();
        assertEquals(List.of("node-header", "node-name", "node-summary", "node-shape", "node-parameters"), order);
        assertTrue(shape.localToScene(0, 0).getY() > hidden1.lookup(".node-name").localToScene(0, 0).getY());
    }

    @Test
    void middleDragPansAndRevealCentresANode(FxRobot robot) {
        Point2D before = centre(find(robot, "node-output"));
        Bounds c = canvas.localToScreen(canvas.getLayoutBounds());
        Point2D from = new Point2D(c.getMinX() + 30, c.getMinY() + 30);
        robot.moveTo(from).press(MouseButton.MIDDLE).moveTo(from.add(-50, 40)).moveTo(from.add(-100, 80))
                .release(MouseButton.MIDDLE);
        Point2D after = centre(find(robot, "node-output"));
        assertEquals(before.getX() - 100, after.getX(), 1.5);
        assertEquals(before.getY() + 80, after.getY(), 1.5);
        robot.interact(() -> canvas.reveal("hidden2"));
        Point2D middle = centre(find(robot, "node-hidden2"));
        assertEquals(c.getCenterX(), middle.getX(), 2);
        assertEquals(Set.of("hidden2"), Set.copyOf(workspace.selection()));
    }

    @Test
    void autoLayoutIsOneEditAndAnOpenedProjectReplacesEveryView(FxRobot robot) {
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden2"), 0, 300)));
        int edits = workspace.stack().size();
        robot.interact(canvas::autoLayout);
        assertEquals(edits + 1, workspace.stack().size());
        assertEquals(node("hidden1").y(), node("hidden2").y(), 1e-9);

        robot.interact(() -> workspace.load(project("lenet"), null));
        assertTrue(shown(robot, "node-conv1") && shown(robot, "edge-pool2-flatten"));
        assertTrue(find(robot, "node-hidden1") == null);
        assertEquals(List.of("16×5×5"), texts(find(robot, "edge-pool2-flatten")));
        assertEquals("Parameters: 61,706", ((Label) find(robot, "total-parameters")).getText());
    }

    /**
     * JavaFX repaints the whole window when a frame's only changes lie out of view; the canvas therefore changes a
     * transparent pixel of its own, inside its visible area, whenever it changes a view, even one out of sight.
     */
    @Test
    void anEditOutOfViewStillChangesSomethingInView(FxRobot robot) {
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden2"), 0, 4000)));
        Node hidden2 = find(robot, "node-hidden2");
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        assertFalse(view.intersects(hidden2.localToScene(hidden2.getBoundsInLocal())), "hidden2 is out of view");

        javafx.scene.shape.Rectangle pixel = (javafx.scene.shape.Rectangle) canvas.lookup(".dirty-pixel");
        assertTrue(pixel.isVisible() && pixel.getParent() == canvas);
        assertTrue(view.contains(pixel.localToScene(pixel.getBoundsInLocal())), "the pixel lies in the visible area");

        List<Object> fills = new ArrayList<>();
        fills.add(pixel.getFill());
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden2"), 12, 0)));
        fills.add(pixel.getFill());
        robot.interact(() -> workspace.select("hidden2"));
        fills.add(pixel.getFill());
        robot.interact(() -> workspace.stack().undo());
        fills.add(pixel.getFill());
        for (int i = 1; i < fills.size(); i++) {
            assertTrue(fills.get(i) != fills.get(i - 1), "change " + i + " touched the pixel");
            assertEquals(0, ((javafx.scene.paint.Color) fills.get(i)).getOpacity(), "and it draws nothing");
        }
    }

    /** A node's spoken description follows its own changes and survives edits of other nodes. */
    @Test
    void aNodesAccessibleTextFollowsItsOwnUnitsAndNotOtherEdits(FxRobot robot) {
        Node hidden1 = find(robot, "node-hidden1");
        Node hidden2 = find(robot, "node-hidden2");
        assertTrue(hidden1.getAccessibleText().contains("24 params"), hidden1.getAccessibleText());
        String before = hidden2.getAccessibleText();
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.ChangeNode.spec(workspace.graph(), "hidden1",
                new org.stepwise.core.layers.Dense.Spec(5, org.stepwise.core.layers.Activation.TANH))));
        assertTrue(hidden1.getAccessibleText().contains("15 params"), hidden1.getAccessibleText());
        assertTrue(hidden1.getAccessibleText().contains("output shape 5,"), hidden1.getAccessibleText());
        // hidden2 now reads 5 inputs: 5·8 + 8 = 48 parameters.
        assertTrue(hidden2.getAccessibleText().contains("48 params"), hidden2.getAccessibleText());
        assertNotEquals(before, hidden2.getAccessibleText());
        String after = hidden2.getAccessibleText();
        robot.interact(() -> workspace.execute(org.stepwise.app.editor.MoveNodes.by(workspace.graph(),
                List.of("hidden1"), 10, 0)));
        assertEquals(after, hidden2.getAccessibleText());
        assertEquals("Input of hidden2", find(robot, "in-hidden2").getAccessibleText());
    }
}
