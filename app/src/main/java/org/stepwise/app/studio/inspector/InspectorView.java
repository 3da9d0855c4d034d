// The studio's right panel: the selected node's settings, the data and the training settings, in three tabs.
// It follows the Workspace (selection, every edit, undo and redo, a new or opened project) and changes it only
// through commands, so each edit made here can be undone.
package org.stepwise.app.studio.inspector;

import java.util.Objects;
import javafx.collections.SetChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;

public final class InspectorView extends VBox {
    /** The inspector's tabs, in order. */
    public enum Section { NODE, DATA, TRAINING }

    private final Workspace workspace;
    private final I18n i18n;
    private final TabPane tabs = new TabPane();
    private final NodePane node;
    private final Tab dataTab;
    private final Tab trainingTab;
    // Made when their tab is first shown: they hold most of the inspector's controls, which the studio's start
    // would otherwise style and lay out behind the Node tab.
    private DataPane data;
    private TrainingPane training;

    public InspectorView(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.i18n = i18n;
        setId("inspector");
        getStyleClass().add("inspector");
        getStylesheets().add(Objects.requireNonNull(InspectorView.class.getResource("inspector.css"))
                .toExternalForm());
        node = new NodePane(workspace, i18n);
        dataTab = tab("inspector-data-tab", i18n.text("inspector.tab.data"), "mdi2d-database-outline", null);
        trainingTab = tab("inspector-training-tab", i18n.text("inspector.tab.training"), "mdi2t-tune-variant", null);
        dataTab.selectedProperty().addListener((o, was, is) -> dataPane());
        trainingTab.selectedProperty().addListener((o, was, is) -> trainingPane());
        tabs.getTabs().addAll(
                tab("inspector-node-tab", i18n.text("inspector.tab.node"), "mdi2v-vector-square", node),
                dataTab, trainingTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setTabMinWidth(60);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().add(tabs);

        workspace.selection().addListener((SetChangeListener<String>) change -> {
            node.refresh();
            // Picking a node on the canvas is asking what it is.
            if (change.wasAdded() && workspace.selection().size() == 1) {
                show(Section.NODE);
            }
        });
        workspace.addDocumentListener(this::refresh);
        workspace.addReplacedListener(this::refresh);
    }

    /** Brings a tab to the front. */
    public void show(Section section) {
        tabs.getSelectionModel().select(section.ordinal());
    }

    /**
     * Readies the Node section for the first click on a node of one more kind; see {@link NodePane#prepare()}.
     *
     * @return whether there was one to ready; call again after the next pulse until there is none
     */
    public boolean prepare() {
        return node.prepare();
    }

    private void refresh() {
        node.refresh();
        if (data != null) {
            data.refresh();
        }
        if (training != null) {
            training.refresh();
        }
    }

    private TrainingPane trainingPane() {
        if (training == null) {
            training = new TrainingPane(workspace, i18n);
            trainingTab.setContent(training);
        }
        return training;
    }

    private static Tab tab(String id, String text, String icon, javafx.scene.Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }

    /** The data section; tests use it directly, as they cannot click through its file choosers. */
    DataPane dataPane() {
        if (data == null) {
            data = new DataPane(workspace, i18n);
            dataTab.setContent(data);
        }
        return data;
    }
}
