// The inspector on a real stage over a small MLP: node settings edited by typing as one undoable command each,
// refusals shown inline with nothing changed, training settings and data changed and undone, and the view
// following selection, undo and a replaced project.
package org.stepwise.app.studio.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private Workspace workspace;
    private InspectorView inspector;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        workspace = new Workspace(project("t"), null);
        show(new I18n(Locale.ENGLISH));
    }

    private static Project project(String name) {
        return Project.create(name, Templates.find("mlp-2-8-8-1").orElseThrow().graph(), DataRef.builtIn("spiral"),
                TrainingSettings.defaults());
    }

    private void show(I18n i18n) {
        inspector = new InspectorView(workspace, i18n);
        stage.setScene(new Scene(inspector, 340, 760));
        stage.show();
    }

    // ---- Node ----------------------------------------------------------------------------------------------

    @Test
    void aSelectedNodeShowsItsSettingsShapeAndParameters(FxRobot robot) {
        assertTrue(label(robot, "#inspector-node-hint").isVisible());
        robot.interact(() -> workspace.select("hidden1"));
        assertEquals("hidden1", text(robot, "#prop-name"));
        assertEquals("8", text(robot, "#prop-units"));
        assertEquals("tanh", robot.lookup("#prop-activation").queryAs(ComboBox.class).getValue());
        assertEquals("(8)", label(robot, "#prop-outputShape").getText());
        assertEquals("24", label(robot, "#prop-parameters").getText());
        assertFalse(robot.lookup("#prop-frozen").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void theSheetIsMadeAheadForTheCommonestTypeAndTheFirstClickOnlyFillsItIn(FxRobot robot) {
        robot.interact(() -> inspector.prepare());
        // Made and styled behind the hint: the hidden editors have their skins after the pulse.
        assertTrue(label(robot, "#inspector-node-hint").isVisible());
        TextField units = robot.lookup("#prop-units").queryAs(TextField.class);
        assertFalse(shown(units));
        assertNotNull(units.getSkin());
        assertEquals("hidden1", text(robot, "#prop-name")); // the graph's first dense node, its commonest type
        assertTrue(workspace.selection().isEmpty());
        assertEquals(0, workspace.stack().size());

        robot.interact(() -> workspace.select("hidden2"));
        assertFalse(label(robot, "#inspector-node-hint").isVisible());
        assertSame(units, robot.lookup("#prop-units").queryAs(TextField.class));
        assertEquals("hidden2", text(robot, "#prop-name"));
        assertEquals("(8)", label(robot, "#prop-outputShape").getText());
        assertEquals("72", label(robot, "#prop-parameters").getText()); // 8 inputs × 8 + 8 biases

        // Another type still gets a sheet of its own.
        robot.interact(() -> workspace.select("input"));
        assertTrue(onShow(robot, "#prop-units").isEmpty());
        assertEquals("input", text(robot, "#prop-name"));
    }

    @Test
    void preparingAgainMakesASheetForEachKindOfNodeInTheGraphThenStops(FxRobot robot) {
        List<Boolean> made = new java.util.ArrayList<>();
        robot.interact(() -> {
            for (int i = 0; i < 3; i++) {
                made.add(inspector.prepare());
            }
        });
        // The template has two kinds of node: dense (three of them) and input.
        assertEquals(List.of(true, true, false), made);
        List<TextField> names = robot.lookup("#prop-name").queryAllAs(TextField.class).stream().toList();
        assertEquals(2, names.size());
        assertTrue(names.stream().allMatch(f -> f.getSkin() != null && !shown(f)));
        TextField inputName = names.stream().filter(f -> f.getText().equals("input")).findFirst().orElseThrow();

        robot.interact(() -> workspace.select("input"));
        assertSame(inputName, robot.lookup("#prop-name").queryAs(TextField.class));
        assertEquals(List.of(inputName), onShow(robot, "#prop-name"));
        assertEquals(2, robot.lookup("#prop-name").queryAll().size());
        robot.interact(() -> workspace.select("hidden1"));
        assertEquals("hidden1", text(robot, "#prop-name"));
        assertEquals(1, onShow(robot, "#prop-name").size());
    }

    @Test
    void nothingIsPreparedOnceANodeIsSelected(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        boolean[] made = {true};
        robot.interact(() -> made[0] = inspector.prepare());
        assertFalse(made[0]);
        assertEquals(1, robot.lookup("#prop-name").queryAll().size());
    }

    @Test
    void goingBackToATypeShowsItsKeptSheetWithoutTheRefusalsTypedBefore(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        TextField units = robot.lookup("#prop-units").queryAs(TextField.class);
        typeInto(robot, "#prop-units", "0");
        assertTrue(label(robot, "#prop-units-error").isVisible());

        robot.interact(() -> workspace.select("input"));
        assertEquals(1, onShow(robot, "#prop-name").size()); // only the sheet on show is visible
        assertTrue(onShow(robot, "#prop-units").isEmpty());
        // The dense sheet is kept hidden in the scene, so showing it again does not style it again from scratch;
        // the sheet on show comes first, so a lookup by id finds its field.
        assertNotNull(units.getScene());
        assertEquals("input", text(robot, "#prop-name"));
        assertTrue(shown(robot.lookup("#prop-name").query()));

        robot.interact(() -> workspace.select("hidden2"));
        assertSame(units, robot.lookup("#prop-units").queryAs(TextField.class));
        assertEquals("8", text(robot, "#prop-units"));
        assertFalse(label(robot, "#prop-units-error").isVisible());
        assertEquals("hidden2", text(robot, "#prop-name"));
        assertEquals(0, workspace.stack().size());
    }

    @Test
    void typingAUnitCountIsOneCommandAndTheShapeFollows(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        typeInto(robot, "#prop-units", "16");
        assertEquals(1, workspace.stack().size());
        assertEquals(16, ((Dense.Spec) workspace.graph().node("hidden1").spec()).units());
        assertEquals("(16)", label(robot, "#prop-outputShape").getText());
        assertEquals("16", text(robot, "#prop-units"));

        robot.interact(() -> workspace.select("hidden2"));
        assertEquals("136", label(robot, "#prop-parameters").getText()); // 16 inputs × 8 + 8 biases

        robot.interact(() -> workspace.select("hidden1"));
        robot.interact(() -> workspace.stack().undo());
        assertEquals("8", text(robot, "#prop-units"));
        assertEquals("(8)", label(robot, "#prop-outputShape").getText());
    }

    @Test
    void invalidUnitCountsAreRefusedInlineAndChangeNothing(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        for (String bad : new String[] {"0", "abc", "-3", "2.5"}) {
            typeInto(robot, "#prop-units", bad);
            Label error = label(robot, "#prop-units-error");
            assertTrue(error.isVisible(), bad);
            assertEquals("Type a whole number of at least 1.", error.getText(), bad);
            assertEquals(0, workspace.stack().size(), bad);
        }
        typeInto(robot, "#prop-units", "12");
        assertFalse(label(robot, "#prop-units-error").isVisible());
        assertEquals(1, workspace.stack().size());
    }

    @Test
    void renamingToATakenNameIsRefusedAndAFreeNameFollowsTheSelection(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        typeInto(robot, "#prop-name", "hidden2");
        assertEquals("Another node is already named 'hidden2'.", label(robot, "#prop-name-error").getText());
        assertEquals(0, workspace.stack().size());

        typeInto(robot, "#prop-name", "encoder");
        assertEquals(1, workspace.stack().size());
        assertTrue(workspace.graph().contains("encoder"));
        assertEquals(java.util.Set.of("encoder"), workspace.selection());
        assertEquals("encoder", text(robot, "#prop-name"));
        assertFalse(label(robot, "#prop-name-error").isVisible());
    }

    @Test
    void severalSelectedNodesShowASummary(FxRobot robot) {
        robot.interact(() -> {
            workspace.selection().add("hidden1");
            workspace.selection().add("output");
        });
        Label hint = label(robot, "#inspector-node-hint");
        assertTrue(hint.isVisible());
        assertEquals("2 nodes are selected. Select a single node to edit its settings.", hint.getText());
    }

    @Test
    void anInputShapeIsTypedAsNumbersAndBadOnesAreRefused(FxRobot robot) {
        robot.interact(() -> workspace.select("input"));
        assertEquals("2", text(robot, "#prop-shape"));
        typeInto(robot, "#prop-shape", "1, 28");
        assertTrue(label(robot, "#prop-shape-error").isVisible());
        assertEquals(0, workspace.stack().size());
        typeInto(robot, "#prop-shape", "3");
        assertEquals(1, workspace.stack().size());
        assertEquals("(3)", label(robot, "#prop-outputShape").getText());
    }

    // ---- Training ------------------------------------------------------------------------------------------

    @Test
    void learningRateAndBatchSizeChangeAndUndoRestoresTheShownValue(FxRobot robot) {
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        assertEquals("0.01", text(robot, "#setting-learningRate"));
        typeInto(robot, "#setting-learningRate", "0.1");
        assertEquals(0.1f, workspace.document().settings().learningRate());
        typeInto(robot, "#setting-batchSize", "64");
        assertEquals(64, workspace.document().settings().batchSize());
        assertEquals(2, workspace.stack().size());

        robot.interact(() -> workspace.stack().undo());
        assertEquals("32", text(robot, "#setting-batchSize"));
        robot.interact(() -> workspace.stack().undo());
        assertEquals("0.01", text(robot, "#setting-learningRate"));
    }

    @Test
    void badTrainingValuesAreRefusedInline(FxRobot robot) {
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        typeInto(robot, "#setting-learningRate", "-1");
        assertEquals("Type a number greater than 0.", label(robot, "#setting-learningRate-error").getText());
        robot.interact(() -> inspector.show(InspectorView.Section.DATA)); // the split is set with the data
        typeInto(robot, "#setting-validationFraction", "0.9");
        typeInto(robot, "#setting-testFraction", "0.5");
        assertTrue(label(robot, "#setting-testFraction-error").isVisible());
        assertEquals(1, workspace.stack().size()); // only the validation share went through
        assertEquals(0.9, workspace.document().settings().validationFraction());
    }

    @Test
    void choosingAnOptimizerShowsItsSettingsAndUndoBringsAdamBack(FxRobot robot) {
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        assertNotNull(robot.lookup("#setting-optimizer-beta1").tryQuery().orElse(null));
        @SuppressWarnings("unchecked")
        ComboBox<String> optimizer = robot.lookup("#setting-optimizer").queryAs(ComboBox.class);
        robot.interact(() -> optimizer.setValue("momentum"));
        assertEquals("momentum", workspace.document().settings().optimizer());
        assertTrue(robot.lookup("#setting-optimizer-beta1").tryQuery().isEmpty());
        assertEquals("default 0.9", text(robot, "#setting-optimizer-momentum", true));

        typeInto(robot, "#setting-optimizer-momentum", "0.5");
        assertEquals(0.5, ((Number) workspace.document().settings().optimizerSettings().get("momentum"))
                .doubleValue());

        robot.interact(() -> workspace.stack().undo());
        robot.interact(() -> workspace.stack().undo());
        @SuppressWarnings("unchecked")
        ComboBox<String> after = robot.lookup("#setting-optimizer").queryAs(ComboBox.class);
        assertEquals("adam", after.getValue());
        assertEquals("adam", workspace.document().settings().optimizer());
    }

    // ---- Data ----------------------------------------------------------------------------------------------

    @Test
    void choosingABuiltInDatasetIsOneCommand(FxRobot robot) {
        robot.interact(() -> inspector.show(InspectorView.Section.DATA));
        assertEquals("spiral", label(robot, "#data-current").getText());
        @SuppressWarnings("unchecked")
        ComboBox<DataSources.BuiltIn> builtIn = robot.lookup("#data-builtin").queryAs(ComboBox.class);
        DataSources.BuiltIn moons = DataSources.builtIns().stream().filter(b -> b.name().equals("moons"))
                .findFirst().orElseThrow();
        robot.interact(() -> builtIn.setValue(moons));
        assertEquals("moons", workspace.document().data().spec());
        assertEquals("moons", label(robot, "#data-current").getText());
        assertEquals(1, workspace.stack().size());
        robot.interact(() -> workspace.stack().undo());
        assertEquals("spiral", builtIn.getValue().name());
    }

    @Test
    void aCsvFileIsReferencedWithItsEmbeddedCopyAndAMissingOneIsExplained(FxRobot robot, @TempDir Path dir)
            throws IOException {
        robot.interact(() -> inspector.show(InspectorView.Section.DATA));
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y,label\n0,1,a\n1,0,b\n");
        robot.interact(() -> inspector.dataPane().useFile(csv));
        DataRef data = workspace.document().data();
        assertEquals(csv.toString(), data.spec());
        assertNotNull(data.embedded());
        assertEquals("points.csv", label(robot, "#data-current").getText());
        assertTrue(label(robot, "#data-detail").getText().contains("travels inside the project"));

        typeInto(robot, "#data-target", "label");
        assertEquals("label", workspace.document().data().target());

        robot.interact(() -> inspector.dataPane().useFile(dir.resolve("gone.csv")));
        assertTrue(label(robot, "#data-error").isVisible());
        assertEquals(csv.toString(), workspace.document().data().spec());
    }

    // ---- Following the workspace ---------------------------------------------------------------------------

    @Test
    void theTrainingAndDataTabsShowTheProjectAsItIsWhenFirstOpened(FxRobot robot) {
        assertTrue(robot.lookup("#setting-learningRate").tryQuery().isEmpty(), "made before it was shown");
        robot.interact(() -> workspace.execute(ChangeSettings.settings(
                TrainingSettings.defaults().withLearningRate(0.25f), "setting.learningRate")));
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        assertEquals("0.25", text(robot, "#setting-learningRate"));
        robot.interact(() -> inspector.show(InspectorView.Section.DATA));
        assertEquals("spiral", label(robot, "#data-current").getText());

        robot.interact(() -> workspace.stack().undo());
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        assertEquals("0.01", text(robot, "#setting-learningRate"));
    }

    @Test
    void anOpenedProjectReplacesWhatIsShown(FxRobot robot) {
        robot.interact(() -> workspace.select("hidden1"));
        Project other = Project.create("u", Templates.find("mlp-2-8-8-1").orElseThrow().graph(),
                DataRef.builtIn("xor"), TrainingSettings.defaults().withLearningRate(0.5f));
        robot.interact(() -> workspace.load(other, null));
        assertTrue(label(robot, "#inspector-node-hint").isVisible());
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        assertEquals("0.5", text(robot, "#setting-learningRate"));
        robot.interact(() -> inspector.show(InspectorView.Section.DATA));
        assertEquals("xor", label(robot, "#data-current").getText());
    }

    @Test
    void selectingANodeBringsTheNodeTabForward(FxRobot robot) {
        robot.interact(() -> inspector.show(InspectorView.Section.TRAINING));
        robot.interact(() -> workspace.select("output"));
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertEquals(0, tabs.getSelectionModel().getSelectedIndex());
    }

    @Test
    void chineseShowsChineseLabels(FxRobot robot) {
        robot.interact(() -> show(new I18n(I18n.CHINESE)));
        robot.interact(() -> workspace.select("hidden1"));
        robot.interact(() -> inspector.show(InspectorView.Section.NODE));
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "单元数".equals(l.getText())));
        typeInto(robot, "#prop-units", "0");
        assertEquals("请输入不小于 1 的整数。", label(robot, "#prop-units-error").getText());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Focuses the field (it may be scrolled out of view), replaces its text by typing and presses Enter. */
    private static void typeInto(FxRobot robot, String query, String value) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write(value);
        robot.type(KeyCode.ENTER);
    }

    /** The nodes {@code query} finds that are on show. */
    private static List<javafx.scene.Node> onShow(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(InspectorViewTest::shown).toList();
    }

    /** Whether a node and every parent it has are visible. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String text(FxRobot robot, String query) {
        return text(robot, query, false);
    }

    private static String text(FxRobot robot, String query, boolean prompt) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        return prompt ? field.getPromptText() : field.getText();
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }
}
