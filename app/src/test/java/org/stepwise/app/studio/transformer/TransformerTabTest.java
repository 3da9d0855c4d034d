// The Transformer tab in a real window on a small GPT trained on Moby-Dick: the heatmaps, the scores and the residual
// chart must equal core's TransformerTrace, and the generated tokens core's Generation, each computed here on our own
// network built from the same weights.
package org.stepwise.app.studio.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.MainWindow;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.StudioPreferences;
import org.stepwise.app.studio.Theme;
import org.stepwise.app.studio.Themes;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.text.CharTokenizer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TransformerTabTest {
    private static final int LAYERS = 2;
    private static final int HEADS = 2;

    private MainWindow window;
    private Path settings;
    private List<String> symbols;

    @Start
    void start(Stage stage) throws Exception {
        Themes.apply(Theme.LIGHT);
        Themes.scale(100);
        DataRef data = DataRef.builtIn("moby-dick");
        symbols = data.load(1).data().classNames();
        GraphDef gpt = new GptConfig(symbols.size(), 64, 16, HEADS, LAYERS, 32).graph();
        Project project = Project.create("tiny-gpt", gpt, data, TrainingSettings.defaults().withLearningRate(1e-3f)
                .withBatchSize(8));
        settings = Files.createTempFile("stepwise-settings", ".json");
        window = new MainWindow(stage, new Workspace(project, null), new I18n(Locale.ENGLISH),
                new StudioPreferences(settings));
        stage.show();
    }

    @AfterEach
    void cleanUp() throws Exception {
        window.training().close();
        Files.deleteIfExists(settings);
    }

    @Test
    void theHeatmapsShowEveryHeadsPatternOfTheWatchedSampleAsCoreComputesIt(FxRobot robot) throws Exception {
        window.training().step();
        waitFor(() -> stepAt(1, 0));
        AttentionView view = attentionTab(robot);
        // Into the next step's forward pass: the weights are the update's, and every attention node has run on them.
        int forwards = 3 + 6 * LAYERS + 2;
        for (int i = 0; i < forwards; i++) {
            window.training().nextPhase();
        }
        waitFor(() -> stepAt(1, forwards));
        robot.interact(() -> view.sampleSpinner().getValueFactory().setValue(3));
        waitFor(() -> view.shown() != null && view.shown().sample() == 2 && stepAt(1, forwards));
        WaitForAsyncUtils.waitForFxEvents();

        StepSnapshot snapshot = window.training().snapshot();
        Network net = networkOf(snapshot);
        net.predict(snapshot.batchX(), snapshot.rows());
        List<CausalSelfAttention> attention = TransformerTrace.attentionNodes(net);
        assertEquals(LAYERS * HEADS, view.cards().size(), "one heatmap per block and head");
        int bestLayer = 0;
        int bestHead = 0;
        for (AttentionView.Card card : view.cards()) {
            CausalSelfAttention a = attention.get(card.layer());
            float[][] expected = TransformerTrace.pattern(a, 2, card.head());
            AttentionMap map = card.map();
            assertEquals(64, map.positions());
            for (int i = 0; i < 64; i++) {
                for (int j = 0; j < 64; j++) {
                    assertEquals(expected[i][j], map.value(i, j), 1e-6, card.title().getText() + " " + i + "," + j);
                    if (j > i) {
                        assertEquals(0f, map.value(i, j), card.title().getText() + " masked " + i + "," + j);
                        assertEquals(0, map.argb(i, j), "the masked triangle is left empty");
                    }
                }
            }
            assertTrue(map.argb(10, 4) != 0, "the lower triangle is painted");
            double score = TransformerTrace.previousTokenScore(a, card.head());
            assertTrue(card.score().getText().contains(String.format(Locale.ROOT, "%.2f", score)),
                    card.score().getText());
            if (score > TransformerTrace.previousTokenScore(attention.get(bestLayer), bestHead)) {
                bestLayer = card.layer();
                bestHead = card.head();
            }
        }
        for (AttentionView.Card card : view.cards()) {
            boolean marked = card.box().getStyleClass().contains("transformer-best");
            assertEquals(card.layer() == bestLayer && card.head() == bestHead, marked, card.title().getText());
        }
        assertEquals("Block 1 · Head 2", view.cards().get(1).title().getText());

        double[] bars = view.residual().values();
        List<TransformerTrace.ResidualNorm> norms = TransformerTrace.residualNorms(net, 2);
        assertEquals(LAYERS + 1, bars.length, "after the embeddings and after each block");
        for (int i = 0; i < bars.length; i++) {
            assertEquals(norms.get(i).mean(), bars[i], 1e-4 * Math.max(1, norms.get(i).mean()));
        }

        // A click enlarges a map; hovering a cell names both positions with their characters.
        AttentionView.Card card = view.cards().get(2);
        robot.clickOn(card.map().cellCenterOnScreen(20, 20));
        WaitForAsyncUtils.waitForFxEvents();
        AttentionMap large = view.enlargedMap();
        assertNotNull(large, "a click enlarges the heatmap");
        assertTrue(large.getWidth() > card.map().getWidth());
        assertEquals(card.map().value(30, 12), large.value(30, 12));
        assertTrue(large.labelEvery() <= card.map().labelEvery(), "the large map labels at least as many characters");
        robot.moveTo(large.cellCenterOnScreen(9, 7));
        WaitForAsyncUtils.waitForFxEvents();
        int[] at = large.hovered();
        assertTrue(Math.abs(at[0] - 9) <= 1 && Math.abs(at[1] - 7) <= 1, "the cell under the mouse");
        TransformerSnapshot shown = view.shown();
        String weight = String.format(Locale.ROOT, "%.2f", large.value(at[0], at[1]));
        assertEquals("Block 2 · Head 1: position " + at[0] + " '" + shown.symbol(at[0]) + "' → " + at[1] + " '"
                + shown.symbol(at[1]) + "': " + weight, view.readout());
    }

    @Test
    void nextTokenAtTemperatureZeroWritesWhatCoreGenerationWritesWithTheSameWeights(FxRobot robot) throws Exception {
        window.training().step();
        waitFor(() -> stepAt(1, 0));
        GenerationView view = generateTab(robot);
        waitFor(view::ready);
        TextField prompt = robot.lookup("#generate-prompt").queryAs(TextField.class);
        assertEquals("Call me ", prompt.getText(), "the English data's default prompt");
        robot.interact(() -> {
            robot.lookup("#generate-temperature").queryAs(Slider.class).setValue(0);
            robot.lookup("#generate-topk").queryAs(Spinner.class).getValueFactory().setValue(10);
            robot.lookup("#generate-next").queryAs(Button.class).fire();
        });
        waitFor(() -> view.steps().size() == 1 && !view.busy());
        WaitForAsyncUtils.waitForFxEvents();

        Project[] project = new Project[1];
        robot.interact(() -> project[0] = window.training().snapshotProject());
        Generation direct = new Generation(project[0].network(), CharTokenizer.of(symbols), GenerationModel.SEED);
        Generation.Step expected = direct.next("Call me ", 0, 10);
        assertEquals(expected.text(), view.steps().get(0).text());
        assertEquals("Call me " + expected.text(), view.shownText());

        // At a temperature, the bars show top-k candidates, most probable first, summing to at most 1.
        robot.interact(() -> {
            robot.lookup("#generate-temperature").queryAs(Slider.class).setValue(0.8);
            robot.lookup("#generate-topk").queryAs(Spinner.class).getValueFactory().setValue(6);
            robot.lookup("#generate-reset").queryAs(Button.class).fire();
            robot.lookup("#generate-next").queryAs(Button.class).fire();
        });
        waitFor(() -> view.steps().size() == 1 && !view.busy() && view.shownCandidates().size() == 6);
        List<Generation.Candidate> candidates = view.shownCandidates();
        double sum = 0;
        for (int i = 0; i < candidates.size(); i++) {
            sum += candidates.get(i).probability();
            if (i > 0) {
                assertTrue(candidates.get(i).probability() <= candidates.get(i - 1).probability(), "sorted");
            }
        }
        assertTrue(sum <= 1 + 1e-9, "probabilities sum to at most 1: " + sum);
        assertEquals(6 * 3, robot.lookup("#generate-candidates").queryAs(GridPane.class).getChildren().size(),
                "a name, a bar and a percentage per candidate");

        // Write 50 grows the text token by token.
        robot.interact(() -> robot.lookup("#generate-write").queryAs(Button.class).fire());
        waitFor(() -> view.steps().size() == 51 && !view.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8 + 51, view.shownText().codePointCount(0, view.shownText().length()));
    }

    @Test
    void anUnknownCharacterInThePromptIsNamedAndNothingIsWritten(FxRobot robot) throws Exception {
        GenerationView view = generateTab(robot);
        waitFor(view::ready);
        robot.interact(() -> robot.lookup("#generate-prompt").queryAs(TextField.class).setText("Call me Ψ"));
        assertTrue(view.message().contains("'Ψ'"), view.message());
        assertTrue(robot.lookup("#generate-next").queryAs(Button.class).isDisabled());
        robot.interact(() -> view.write(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, view.steps().size());
        robot.interact(() -> robot.lookup("#generate-prompt").queryAs(TextField.class).setText("Call me"));
        assertEquals("", view.message());
    }

    @Test
    void aNetworkWithoutAttentionDisablesTheTab(FxRobot robot) {
        TabPane inspection = robot.lookup("#inspection").queryAs(TabPane.class);
        Tab tab = inspection.getTabs().stream().filter(t -> "tab-transformer".equals(t.getId())).findFirst()
                .orElseThrow();
        assertTrue(!tab.isDisable());
        robot.interact(() -> window.workspace().load(org.stepwise.app.studio.DefaultProjects.standard(), null));
        assertTrue(tab.isDisable(), "the spiral's MLP has no attention to show");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private boolean stepAt(long step, int phase) {
        StepSnapshot s = window.training().snapshot();
        return s != null && s.step() == step && s.phaseIndex() == phase;
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private TabPane transformerTabs(FxRobot robot) {
        TabPane inspection = robot.lookup("#inspection").queryAs(TabPane.class);
        Tab tab = inspection.getTabs().stream().filter(t -> "tab-transformer".equals(t.getId())).findFirst()
                .orElseThrow();
        assertTrue(!tab.isDisable(), "a network with attention enables the tab");
        robot.interact(() -> inspection.getSelectionModel().select(tab));
        return (TabPane) tab.getContent();
    }

    private AttentionView attentionTab(FxRobot robot) {
        return (AttentionView) transformerTabs(robot).getTabs().get(0).getContent();
    }

    private GenerationView generateTab(FxRobot robot) {
        TabPane tabs = transformerTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        return (GenerationView) tabs.getTabs().get(1).getContent();
    }

    /** A network of our own with the snapshot's weights. */
    private Network networkOf(StepSnapshot snapshot) {
        Network net = Network.build(window.workspace().document().network().def(), 1);
        assertTrue(snapshot.copyParametersInto(net));
        return net;
    }
}
