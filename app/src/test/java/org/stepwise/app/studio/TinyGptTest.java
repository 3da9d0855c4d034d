// The tiny GPT in the studio: an attention node from the palette shows its heads in the inspector, the English
// template opens as a ready network, and stepping with the Right key reaches the attention node with its values on
// screen and its math in the math tab.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.detail.NodeDetailView;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.stepper.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TinyGptTest {
    /** tokens, tok_emb, pos_emb, b0_ln1, then b0_attn: its forward is the fifth phase. */
    private static final int ATTENTION_FORWARD = 5;

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

    @Test
    void anAttentionNodeFromThePaletteShowsItsHeadsInTheInspector(FxRobot robot) {
        robot.clickOn("#palette-filter").write("causal self");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String added = window.workspace().selection().iterator().next();
        assertTrue(window.workspace().graph().node(added).spec() instanceof CausalSelfAttention.Spec, added);
        assertEquals("2", robot.lookup("#prop-heads").queryAs(TextField.class).getText());
        assertEquals("h 2", ((Label) window.canvas().lookup("#node-" + added).lookup(".node-summary")).getText());
        String title = "Attention \u00b7 " + added;
        assertEquals(title, window.scene().lookup("#inspector").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).filter(title::equals).findFirst().orElse("none"));
        // It has weights, so it can be frozen like a dense layer, in one undoable edit.
        CheckBox frozen = robot.lookup("#prop-frozen").queryAs(CheckBox.class);
        assertFalse(frozen.isSelected());
        robot.interact(frozen::fire);
        assertTrue(window.workspace().graph().node(added).frozen());
    }

    @Test
    void theEnglishTemplateOpensWithEveryNodeAndNoProblems(FxRobot robot) throws Exception {
        openTemplate(robot, "gpt-moby-dick");
        assertEquals(17, window.workspace().graph().nodes().size());
        assertEquals(17, window.canvas().lookupAll(".graph-node").size());
        ListView<?> problems = robot.lookup("#problems").queryAs(ListView.class);
        // Read on the FX thread, where the list's rehearsal of a broken graph's problems starts and ends in one event.
        assertTrue(WaitForAsyncUtils.asyncFx(() -> problems.getItems().isEmpty()).get(10, TimeUnit.SECONDS));
        assertEquals("moby-dick", window.workspace().document().data().spec());
    }

    @Test
    void theRightKeyReachesTheAttentionNodeWithItsValuesAndItsMath(FxRobot robot) throws Exception {
        openTemplate(robot, "gpt-moby-dick");
        robot.interact(() -> window.canvas().requestFocus());
        for (int i = 0; i < ATTENTION_FORWARD; i++) {
            robot.type(KeyCode.RIGHT);
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            StepSnapshot s = window.training().snapshot();
            return s != null && s.phaseIndex() == ATTENTION_FORWARD;
        });
        StepSnapshot s = window.training().snapshot();
        assertTrue(s.lastPhase() instanceof Phase.Forward, s.lastPhase().toString());
        assertEquals("b0_attn", s.lastPhase().node());
        assertEquals(Set.of("b0_attn"), window.workspace().selection());

        // The values pane: sample 1's output as 64 positions × 64 values, the snapshot's numbers.
        NodeDetailView detail = window.detail();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> detail.shown() == window.training().snapshot());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(NodeDetailView.Page.ACTIVATIONS, detail.page());
        float[] output = detail.shown().node("b0_attn").output();
        assertArrayEquals(Arrays.copyOf(output, 64 * 64), detail.shownCells("activations"));
        assertEquals("Sample 0: rows: 64 positions · columns: 64 values",
                window.scene().lookup("#detail").lookupAll(".label").stream().map(n -> ((Label) n).getText())
                        .filter(t -> t.startsWith("Sample 0")).findFirst().orElse("none"));

        // The math tab: the last position's query in head 1, with the snapshot's attention weights.
        robot.interact(() -> ((TabPane) window.scene().lookup("#inspection")).getSelectionModel()
                .select(((TabPane) window.scene().lookup("#inspection")).getTabs().stream()
                        .filter(t -> "tab-math".equals(t.getId())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            StepSnapshot x = window.training().snapshot();
            return x != null && x.attention() != null && x.phaseIndex() == ATTENTION_FORWARD;
        });
        WaitForAsyncUtils.waitForFxEvents();
        var math = window.training().snapshot().attention();
        assertNotNull(math);
        assertEquals("b0_attn", math.node());
        assertEquals(63, math.position());
        assertEquals(64, math.keys().size());
        double sum = math.keys().stream().mapToDouble(k -> k.weight()).sum();
        assertEquals(1.0, sum, 1e-4);
        assertFalse(robot.lookup("#math-message").queryAs(Label.class).isVisible());
        assertEquals("Scores: how well the query of position 64 matches each key, in head 1",
                robot.lookup("#math-forward").queryAll().iterator().next().getParent().lookupAll(".math-caption")
                        .stream().map(n -> ((Label) n).getText()).findFirst().orElse("none"));
    }

    /** Fires File ▸ New from template ▸ {@code name} (menus are fired, not clicked, under Monocle). */
    private void openTemplate(FxRobot robot, String name) throws Exception {
        MenuBar bar = (MenuBar) window.scene().lookup(".menu-bar");
        MenuItem item = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(m -> m instanceof Menu).flatMap(m -> ((Menu) m).getItems().stream())
                .filter(m -> ("template-" + name).equals(m.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.workspace().graph().contains("lm_head"));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
