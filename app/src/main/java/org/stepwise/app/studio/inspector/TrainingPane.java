// The inspector's Training section: loss, optimizer and its settings, learning rate and schedule, batches, epochs
// and regularization, grouped as a form, with what is wrong with the settings under it. The split, normalization
// and seeds are in the Data section.
package org.stepwise.app.studio.inspector;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;

final class TrainingPane extends ScrollPane {
    private final Workspace workspace;
    private final SettingsForm form;
    private final VBox problems = new VBox();

    TrainingPane(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.form = new SettingsForm(workspace, i18n, group -> !group.equals(DataPane.SETTINGS_GROUP));
        setId("inspector-training");
        getStyleClass().add("inspector-section");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        problems.setId("inspector-training-problems");
        problems.getStyleClass().add("inspector-problems");
        VBox content = new VBox(form, problems);
        content.getStyleClass().add("inspector-content");
        setContent(content);
        refresh();
    }

    void refresh() {
        form.refresh();
        problems.getChildren().clear();
        for (String p : workspace.document().settings().problems()) {
            Label l = new Label(p);
            l.getStyleClass().add("inspector-problem");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            problems.getChildren().add(l);
        }
    }
}
