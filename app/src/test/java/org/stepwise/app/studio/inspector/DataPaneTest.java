// The Data tab's preview and imports: the right number of points, rows and thumbnails for each kind of data, a bad
// CSV's problem shown inline with its line and column and nothing changed, and a folder read that can be cancelled.
package org.stepwise.app.studio.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.data.CsvImportDialog;
import org.stepwise.app.studio.data.PreviewData;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataFormatException;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DataPaneTest {
    /** The IDX folder the assets module ships (fashion-mnist-small), read as a folder of the user's own. */
    private static final Path IDX_FOLDER = Path.of("..", "assets", "src", "main", "resources", "org", "stepwise",
            "assets", "datasets", "fashion-mnist-small").toAbsolutePath().normalize();

    private Workspace workspace;
    private DataPane pane;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(Project.create("t", Templates.find("mlp-2-8-8-1").orElseThrow().graph(),
                DataRef.builtIn("spiral"), TrainingSettings.defaults()), null);
        InspectorView inspector = new InspectorView(workspace, new I18n(Locale.ENGLISH));
        pane = inspector.dataPane();
        stage.setScene(new Scene(inspector, 340, 900));
        stage.show();
    }

    private PreviewData waitForPreview(PreviewData.Kind kind) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.preview().shown() != null
                && pane.preview().shown().kind() == kind && !pane.loading().isLoading());
        WaitForAsyncUtils.waitForFxEvents();
        return pane.preview().shown();
    }

    private void choose(FxRobot robot, String builtIn) {
        robot.interact(() -> workspace.execute(ChangeSettings.data(DataRef.builtIn(builtIn))));
    }

    @Test
    void twoDimensionalDataShowsEveryPointInAScatter(FxRobot robot) throws Exception {
        waitForPreview(PreviewData.Kind.SCATTER);
        Dataset spiral = DataSources.load("spiral", null, 28, 1, TrainingSettings.defaults().seed()).dataset();
        assertEquals(spiral.n(), robot.lookup("#data-preview-scatter").query().getProperties().get("points"));
        assertEquals(500, spiral.n());
        assertEquals("500 of 500 points; the colour is the class or the target.",
                robot.lookup("#data-preview-caption").queryAs(Label.class).getText());
    }

    @Test
    void tabularDataShowsItsFirstRowsInATable(FxRobot robot) throws Exception {
        choose(robot, "iris");
        waitForPreview(PreviewData.Kind.TABLE);
        @SuppressWarnings("unchecked")
        TableView<List<String>> table = robot.lookup("#data-preview-table").queryAs(TableView.class);
        assertEquals(PreviewData.MAX_ROWS, table.getItems().size());
        assertEquals(4 + 1, table.getColumns().size(), "four measurements and the target");
        Dataset iris = DataSources.load("iris", null, 28, 1, 0).dataset();
        assertEquals(Float.parseFloat(table.getItems().get(0).get(0)), iris.x()[0], 1e-3);
        assertEquals("Target", table.getColumns().get(4).getText());
    }

    @Test
    void imagesShowAGridOfThumbnails(FxRobot robot) throws Exception {
        choose(robot, "fashion-mnist-small");
        waitForPreview(PreviewData.Kind.IMAGES);
        TilePane grid = robot.lookup("#data-preview-thumbnails").queryAs(TilePane.class);
        assertEquals(PreviewData.MAX_IMAGES, grid.getChildren().size());
    }

    @Test
    void aBadCsvShowsItsProblemInlineWithLineAndColumnAndChangesNothing(FxRobot robot) throws Exception {
        Path bad = Path.of(getClass().getResource("/org/stepwise/app/studio/data/bad.csv").toURI());
        CsvImportDialog[] dialog = new CsvImportDialog[1];
        robot.interact(() -> dialog[0] = pane.importCsv(bad));
        assertEquals(3, dialog[0].table().getItems().size(), "the rows under the header");
        assertEquals("kind", dialog[0].table().getColumns().get(2).getText());
        Label error = robot.lookup("#csv-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> error.isVisible() && !error.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        DataFormatException expected = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> CsvImport.read(bad, CsvImport.Options.defaults().withTarget("kind")));
        assertEquals(3, expected.line());
        assertEquals(5, expected.column(), "the character where \"oops\" starts");
        assertTrue(error.getText().startsWith("Line 3, column 5: "), error.getText());
        assertFalse(error.getText().contains(bad.toString()), "the path is not repeated: " + error.getText());
        assertTrue(robot.lookup("#csv-use").queryAs(Button.class).isDisabled());
        assertEquals("spiral", workspace.document().data().spec());
        robot.interact(() -> dialog[0].stage().close());
    }

    @Test
    void aFolderIsReadInTheBackgroundAndCancellingChangesNothing(FxRobot robot) throws Exception {
        robot.interact(() -> {
            pane.openFolder(IDX_FOLDER);
            assertTrue(pane.loading().isVisible(), "the progress bar shows while reading");
            robot.lookup("#data-loading-cancel").queryAs(Button.class).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.loading().isVisible());
        assertEquals("spiral", workspace.document().data().spec());

        robot.interact(() -> pane.openFolder(IDX_FOLDER));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> IDX_FOLDER.toString()
                .equals(workspace.document().data().spec()));
        waitForPreview(PreviewData.Kind.IMAGES);
        assertEquals(PreviewData.MAX_IMAGES, robot.lookup("#data-preview-thumbnails").queryAs(TilePane.class)
                .getChildren().size());
    }
}
