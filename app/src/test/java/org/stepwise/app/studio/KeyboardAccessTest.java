// The main areas are reachable from the keyboard, and the custom nodes speak: Tab alone walks from the palette to
// the canvas (its nodes one by one) and on into the inspector; a canvas node's accessible text names its type, its
// name and its output shape, its ports and connections say what they are, and the detail heatmaps say what they show.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Set;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class KeyboardAccessTest {
    private TestWindow opened;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    /** palette, canvas or inspector: the main area that holds {@code node}, or null. */
    private static String area(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if ("palette".equals(n.getId()) || "inspector".equals(n.getId())) {
                return n.getId();
            }
            if (n.getStyleClass().contains("graph-canvas")) {
                return "canvas";
            }
        }
        return null;
    }

    @Test
    void tabAloneReachesThePaletteTheCanvasAndItsNodesAndTheInspector(FxRobot robot) {
        robot.interact(() -> window.scene().lookup("#palette-filter").requestFocus());
        Set<String> areas = new LinkedHashSet<>();
        Set<String> canvasNodes = new LinkedHashSet<>();
        for (int i = 0; i < 400 && !areas.contains("inspector"); i++) {
            Node owner = window.scene().getFocusOwner();
            String area = area(owner);
            if (area != null) {
                areas.add(area);
            }
            if (owner != null && owner.getId() != null && owner.getId().startsWith("node-")) {
                canvasNodes.add(owner.getId());
            }
            robot.push(KeyCode.TAB);
        }
        assertEquals(Set.of("palette", "canvas", "inspector"), areas, "in this order: " + areas);
        assertEquals(java.util.List.of("palette", "canvas", "inspector"), java.util.List.copyOf(areas));
        assertTrue(canvasNodes.containsAll(Set.of("node-input", "node-hidden1", "node-output")),
                "every node takes the focus in turn: " + canvasNodes);
    }

    @Test
    void aCanvasNodeSaysItsTypeNameAndShape(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node hidden = robot.lookup("#node-hidden1").query();
        assertEquals(AccessibleRole.NODE, hidden.getAccessibleRole());
        String text = hidden.getAccessibleText();
        String shape = window.workspace().graph().analysis().shapeText("hidden1");
        assertTrue(text.startsWith("Dense node hidden1: "), text);
        assertTrue(text.contains("output shape " + shape), text + " / " + shape);
        assertTrue(text.contains("params"), text);
        assertEquals("Output of hidden1: drag to another node to connect, or press Ctrl+L on the node",
                robot.lookup("#out-hidden1").query().getAccessibleText());
        assertEquals("Input of hidden1", robot.lookup("#in-hidden1").query().getAccessibleText());
        Node edge = robot.lookup(n -> n.getId() != null && n.getId().startsWith("edge-") && n.getId()
                .endsWith("-hidden1")).query();
        assertTrue(edge.getAccessibleText().matches("Connection from \\S+ to hidden1"), edge.getAccessibleText());
    }

    @Test
    void theDetailHeatmapsSayWhatTheyShowAndTheirRange(FxRobot robot) {
        robot.interact(() -> window.workspace().select("hidden1"));
        robot.interact(() -> window.training().step());
        WaitForAsyncUtils.waitForFxEvents();
        Node heatmap = null;
        for (int i = 0; i < 100 && heatmap == null; i++) {
            heatmap = robot.lookup(".detail-heatmap").match(n -> n.isVisible() && n.getAccessibleText() != null)
                    .tryQuery().orElse(null);
            WaitForAsyncUtils.sleep(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertNotNull(heatmap, "a heatmap with accessible text");
        assertEquals(AccessibleRole.IMAGE_VIEW, heatmap.getAccessibleRole());
        assertTrue(heatmap.getAccessibleText().contains(" … "), heatmap.getAccessibleText());
        assertTrue(((Parent) heatmap).getChildrenUnmodifiable().size() > 0);
    }
}
