// The palette on a real stage: a row with localized text for every node type in both languages, icons that
// resolve, Enter and double-click adding, the filter, and a drag that carries "stepwise-node:<type>".
package org.stepwise.app.studio.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.NodeTypes;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PaletteViewTest {
    private final List<String> added = new ArrayList<>();
    private final AtomicReference<String> dropped = new AtomicReference<>();
    private Workspace workspace;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        workspace = new Workspace(Project.create("t", Templates.find("mlp-2-8-8-1").orElseThrow().graph(),
                DataRef.builtIn("spiral"), TrainingSettings.defaults()), null);
        show(new I18n(Locale.ENGLISH));
    }

    /** The palette next to a stand-in canvas that accepts palette drags and records what it received. */
    private void show(I18n i18n) {
        PaletteView palette = new PaletteView(workspace, i18n);
        palette.setOnAdd(added::add);
        palette.setPrefWidth(300);
        Pane canvas = new Pane();
        canvas.setId("canvas");
        canvas.setOnDragOver(e -> {
            if (e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        canvas.setOnDragDropped(e -> {
            dropped.set(e.getDragboard().getString());
            e.setDropCompleted(true);
            e.consume();
        });
        HBox.setHgrow(canvas, Priority.ALWAYS);
        stage.setScene(new Scene(new HBox(palette, canvas), 700, 760));
        stage.show();
    }

    @Test
    void everyTypeHasARowWithItsTitleAndDescriptionInBothLanguages(FxRobot robot) {
        for (Locale locale : I18n.SUPPORTED) {
            I18n i18n = new I18n(locale);
            robot.interact(() -> show(i18n));
            for (NodeTypes.NodeType type : NodeTypes.all()) {
                Node row = robot.lookup("#palette-" + type.type()).query();
                List<String> texts = List.of(".palette-row-title", ".palette-row-description").stream()
                        .map(style -> robot.from(row).lookup(style).queryAs(Text.class).getText().strip()).toList();
                String title = i18n.text(type.titleKey());
                String description = i18n.text(type.descriptionKey());
                assertFalse(title.startsWith("‹") || description.startsWith("‹"), type.type() + " in " + locale);
                assertEquals(List.of(title, description), texts, type.type() + " in " + locale);
                assertTrue(row.isFocusTraversable(), type.type());
            }
        }
    }

    @Test
    void everyIconLiteralResolves() {
        for (NodeTypes.NodeType type : NodeTypes.all()) {
            FontIcon icon = new FontIcon(type.icon());
            assertEquals(type.icon(), icon.getIconLiteral(), type.type());
        }
    }

    @Test
    void enterOnAFocusedRowAddsItsType(FxRobot robot) {
        robot.clickOn("#palette-dense");
        robot.type(KeyCode.ENTER);
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        assertEquals(List.of("dense", "conv2d"), added);
    }

    @Test
    void doubleClickAddsItsType(FxRobot robot) {
        robot.doubleClickOn("#palette-flatten");
        assertEquals(List.of("flatten"), added);
    }

    @Test
    void tabFromTheFilterReachesTheRows(FxRobot robot) {
        robot.clickOn("#palette-filter");
        robot.type(KeyCode.TAB);
        assertEquals("palette-input", stage.getScene().getFocusOwner().getId());
    }

    @Test
    void theFilterLeavesOnlyMatchingRows(FxRobot robot) {
        robot.clickOn("#palette-filter").write("pool");
        assertTrue(robot.lookup("#palette-maxpool2d").query().isVisible());
        assertFalse(robot.lookup("#palette-dense").query().isVisible());
        assertFalse(robot.lookup("#palette-relu").query().isVisible());
        robot.type(KeyCode.ENTER);
        assertEquals(List.of("maxpool2d"), added);
    }

    @Test
    void draggingARowOntoTheCanvasCarriesItsType(FxRobot robot) {
        assertEquals("stepwise-node:conv2d", PaletteView.dragContent("conv2d").getString());
        robot.drag("#palette-conv2d").dropTo("#canvas");
        assertEquals("stepwise-node:conv2d", dropped.get());
    }
}
