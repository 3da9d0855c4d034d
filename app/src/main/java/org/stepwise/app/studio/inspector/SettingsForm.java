// The training settings as a form, one grid per group ("optimization", "batches", "regularization", "split"),
// limited to the groups a tab shows: the Training tab has most, the Data tab the split and normalization. Each
// committed change is one ChangeSettings command.
package org.stepwise.app.studio.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.project.TrainingSettings;

final class SettingsForm extends VBox {
    /** Proper names of the optimizers, the same in every language; only "momentum" is described in words. */
    private static final Map<String, String> OPTIMIZERS = Map.of("sgd", "SGD", "rmsprop", "RMSprop", "adam", "Adam",
            "adamw", "AdamW");

    private final Workspace workspace;
    private final I18n i18n;
    private final Predicate<String> groupsShown;
    private final List<FieldItem> items = new ArrayList<>();
    private List<String> structure = List.of();

    /** @param groupsShown which groups of {@link TrainingFields} this form has */
    SettingsForm(Workspace workspace, I18n i18n, Predicate<String> groupsShown) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.groupsShown = groupsShown;
        refresh();
    }

    /** Shows the document's settings; the form is rebuilt only when the optimizer's or schedule's fields change. */
    void refresh() {
        TrainingSettings settings = workspace.document().settings();
        List<TrainingFields.Field> fields = TrainingFields.of(settings).stream()
                .filter(f -> groupsShown.test(f.group())).toList();
        List<String> keys = fields.stream().map(TrainingFields.Field::key).toList();
        if (!keys.equals(structure)) {
            structure = keys;
            rebuild(settings, fields);
        }
        for (FieldItem item : items) {
            item.setValue(TrainingFields.value(settings, item.key));
        }
    }

    private void rebuild(TrainingSettings settings, List<TrainingFields.Field> fields) {
        items.clear();
        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (TrainingFields.Field f : fields) {
            GridPane grid = groups.computeIfAbsent(f.group(), g -> grid());
            String labelKey = "setting." + f.key();
            String help = labelKey + ".help";
            FieldItem item = new FieldItem(f.key(), "setting-" + f.key().replace('.', '-'), f.kind(), f.choices(),
                    id -> choiceLabel(f.key(), id), i18n.text(labelKey), i18n.has(help) ? i18n.text(help) : null,
                    text -> change(f.key(), labelKey, text));
            String fallback = TrainingFields.defaultValue(settings, f.key());
            item.prompt = fallback == null ? null : i18n.text("setting.default", fallback);
            items.add(item);

            Label label = new Label(item.getName());
            label.getStyleClass().add("inspector-label");
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            if (item.getDescription() != null) {
                label.setTooltip(new Tooltip(item.getDescription()));
            }
            FieldEditor editor = new FieldEditor(item);
            label.setLabelFor(editor.getEditor());
            int row = grid.getRowCount();
            grid.add(label, 0, row);
            grid.add(editor.getEditor(), 1, row);
            GridPane.setValignment(label, VPos.TOP);
            GridPane.setHalignment(label, HPos.LEFT);
        }
        getChildren().clear();
        groups.forEach((group, grid) -> {
            Label header = new Label(i18n.text("group." + group));
            header.getStyleClass().add("inspector-group");
            getChildren().addAll(header, grid);
        });
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("inspector-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setPercentWidth(42);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setPercentWidth(58);
        editors.setHgrow(Priority.ALWAYS);
        editors.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, editors);
        return grid;
    }

    private String choiceLabel(String key, String id) {
        return switch (key) {
            case "loss" -> i18n.text("loss." + id);
            case "optimizer" -> OPTIMIZERS.containsKey(id) ? OPTIMIZERS.get(id) : i18n.text("optimizer." + id);
            case "schedule" -> i18n.text("schedule." + id);
            case "normalization" -> i18n.text("normalization." + id);
            default -> id;
        };
    }

    private String change(String key, String labelKey, String text) {
        TrainingSettings current = workspace.document().settings();
        TrainingFields.Outcome outcome = TrainingFields.apply(current, key, text);
        if (outcome.refusal() != null) {
            return i18n.text(outcome.refusal());
        }
        if (!outcome.settings().equals(current)) {
            workspace.execute(ChangeSettings.settings(outcome.settings(), labelKey));
        }
        return null;
    }
}
