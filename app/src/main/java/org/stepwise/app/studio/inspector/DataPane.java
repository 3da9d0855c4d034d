// The inspector's Data section: pick a built-in dataset or a file or folder of one's own, set the CSV target column
// and the image size, and see what the project refers to now, with a preview of it. Each change is one
// ChangeSettings.data command. Data is read on a background thread with a progress bar and Cancel; a CSV file goes
// through its import dialog first.
package org.stepwise.app.studio.inspector;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.data.CsvImportDialog;
import org.stepwise.app.studio.data.DataLoading;
import org.stepwise.app.studio.data.DataPreview;
import org.stepwise.app.studio.data.PreviewData;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.project.DataRef;

final class DataPane extends ScrollPane {
    /** The group of training settings this section shows: the split, the normalization and the seeds. */
    static final String SETTINGS_GROUP = "split";

    private final Workspace workspace;
    private final I18n i18n;
    private final ComboBox<DataSources.BuiltIn> builtIn = new ComboBox<>();
    private final TextField target = new TextField();
    private final TextField imageSize = new TextField();
    private final Label currentName = new Label();
    private final Label currentKind = new Label();
    private final Label currentDetail = new Label();
    private final Label error = new Label();
    private final VBox ownOptions;
    private final DataPreview preview;
    private final SettingsForm split;
    private final DataLoading loading;
    /** The data the preview shows or is loading, so an edit elsewhere does not load it again. */
    private DataRef previewed;
    /** True while the document's data is being shown, so that is not taken as a choice. */
    private boolean updating;

    DataPane(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.i18n = i18n;
        setId("inspector-data");
        getStyleClass().add("inspector-section");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        Label currentTitle = group("data.current");
        currentName.setId("data-current");
        currentName.getStyleClass().add("inspector-data-name");
        for (Label l : new Label[] {currentName, currentKind, currentDetail, error}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        currentKind.getStyleClass().add("inspector-muted");
        currentDetail.setId("data-detail");
        currentDetail.getStyleClass().add("inspector-muted");
        VBox current = new VBox(currentName, currentKind, currentDetail);
        current.getStyleClass().add("inspector-data-card");

        builtIn.setId("data-builtin");
        builtIn.setMaxWidth(Double.MAX_VALUE);
        builtIn.setPromptText(i18n.text("data.builtin.prompt"));
        builtIn.getItems().setAll(DataSources.builtIns());
        builtIn.setCellFactory(list -> new BuiltInCell(true));
        builtIn.setButtonCell(new BuiltInCell(false));
        builtIn.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) {
                use(DataRef.builtIn(now.name()));
            }
        });

        Button file = new Button(i18n.text("data.file"), new FontIcon("mdi2f-file-delimited-outline"));
        file.setId("data-file");
        file.setOnAction(e -> chooseFile());
        Button folder = new Button(i18n.text("data.folder"), new FontIcon("mdi2f-folder-image"));
        folder.setId("data-folder");
        folder.setOnAction(e -> chooseFolder());
        for (Button b : new Button[] {file, folder}) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setWrapText(true);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        HBox buttons = new HBox(file, folder);
        buttons.getStyleClass().add("inspector-buttons");
        Label ownHelp = new Label(i18n.text("data.own.help"));
        ownHelp.getStyleClass().add("inspector-muted");
        ownHelp.setWrapText(true);
        ownHelp.setMinHeight(Region.USE_PREF_SIZE);

        target.setId("data-target");
        target.setPromptText(i18n.text("data.target.prompt"));
        target.setOnAction(e -> reference(target.getText(), imageSize.getText()));
        imageSize.setId("data-imageSize");
        imageSize.setOnAction(e -> reference(target.getText(), imageSize.getText()));
        for (TextField field : new TextField[] {target, imageSize}) {
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now && edited()) {
                    reference(target.getText(), imageSize.getText());
                }
            });
        }
        ownOptions = new VBox(labelled("data.target", target), labelled("data.imageSize", imageSize));
        ownOptions.getStyleClass().add("inspector-data-options");

        error.setId("data-error");
        error.getStyleClass().add("inspector-refusal");
        preview = new DataPreview(i18n);
        preview.getStylesheets().add(DataPreview.class.getResource("data.css").toExternalForm());
        loading = new DataLoading(i18n);
        split = new SettingsForm(workspace, i18n, SETTINGS_GROUP::equals);

        VBox content = new VBox(currentTitle, current, loading, preview, error, group("data.builtin"), builtIn,
                group("data.own"), ownHelp, buttons, ownOptions, split);
        content.getStyleClass().add("inspector-content");
        setContent(content);
        refresh();
    }

    /** Shows the document's data reference. */
    void refresh() {
        DataRef data = workspace.document().data();
        updating = true;
        try {
            builtIn.setValue(data == null ? null : DataSources.builtIns().stream()
                    .filter(b -> b.name().equals(data.spec())).findFirst().orElse(null));
            // Every edit lands here; a text field's setText replaces its content even when it is the same.
            putText(target, data == null || data.target() == null ? "" : data.target());
            putText(imageSize, Integer.toString(data == null ? DataRef.DEFAULT_IMAGE_SIZE : data.imageSize()));
        } finally {
            updating = false;
        }
        split.refresh();
        boolean own = data != null && !data.builtIn();
        ownOptions.setDisable(!own);
        showError(null);
        if (data == null) {
            currentName.setText(i18n.text("data.none"));
            currentKind.setText("");
            currentDetail.setText("");
        } else if (data.builtIn()) {
            DataSources.BuiltIn b = DataSources.builtIns().stream().filter(x -> x.name().equals(data.spec()))
                    .findFirst().orElseThrow();
            currentName.setText(b.name());
            currentKind.setText(i18n.text("data.kind." + b.kind()));
            currentDetail.setText(describe(b));
        } else {
            Path path = pathOf(data.spec());
            currentName.setText(path != null && path.getFileName() != null ? path.getFileName().toString()
                    : data.spec());
            boolean folder = data.sha256() == null && data.embedded() == null;
            currentKind.setText(i18n.text(folder ? "data.kind.folder" : "data.kind.file"));
            String where = i18n.text("data.path", data.spec());
            String copy = folder ? "" : "\n" + (data.embedded() != null
                    ? i18n.text("data.embedded", NumberFormat.getIntegerInstance(i18n.locale())
                    .format(Math.max(1, data.embedded().length / 1024)))
                    : i18n.text("data.notEmbedded", DataRef.EMBED_LIMIT >> 20));
            currentDetail.setText(where + copy);
        }
        showPreview(data);
    }

    /** Loads {@code data} in the background for the preview, unless it is already shown or loading. */
    private void showPreview(DataRef data) {
        if (data == null) {
            loading.cancel();
            preview.show(null);
            previewed = null;
            return;
        }
        if (data.equals(previewed)) {
            return;
        }
        previewed = data;
        long seed = workspace.document().settings().seed();
        loading.start(i18n.text("data.loading", currentName.getText()),
                () -> PreviewData.of(data.load(seed).data()), preview::show, failure -> {
                    preview.show(null);
                    showError(i18n.text("data.unreadable", data.spec(), String.valueOf(failure.getMessage())));
                });
    }

    /** The preview, for tests and screenshots. */
    DataPreview preview() {
        return preview;
    }

    DataLoading loading() {
        return loading;
    }

    /**
     * Reads a folder (IDX files or images in class folders) in the background and uses it once read; Cancel
     * leaves the data as it was. Full Fashion-MNIST takes seconds, so this is where the progress bar matters.
     */
    void openFolder(Path folder) {
        Integer size = NodeFields.count(imageSize.getText(), 1);
        int pixels = size == null || size > 1024 ? DataRef.DEFAULT_IMAGE_SIZE : size;
        long seed = workspace.document().settings().seed();
        showError(null);
        loading.start(i18n.text("data.loading", String.valueOf(folder.getFileName())), () -> {
            DataRef ref = DataRef.of(folder.toString(), null, pixels);
            return java.util.Map.entry(ref, PreviewData.of(ref.load(seed).data()));
        }, read -> {
            previewed = read.getKey();
            preview.show(read.getValue());
            use(read.getKey());
        }, failure -> showError(i18n.text("data.unreadable", folder, String.valueOf(failure.getMessage()))));
    }

    private static void putText(TextField field, String text) {
        if (!text.equals(field.getText())) {
            field.setText(text);
        }
    }

    /** Uses a file or folder the user picked; the buttons' choosers end here. */
    void useFile(Path path) {
        reference(path.toString(), target.getText(), imageSize.getText());
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.text("data.file.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(i18n.text("data.file.filter"), "*.csv", "*.tsv", "*.csv.gz",
                        "*.tsv.gz"),
                new FileChooser.ExtensionFilter(i18n.text("data.file.all"), "*"));
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            importCsv(chosen.toPath());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(i18n.text("data.folder.title"));
        File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            openFolder(chosen.toPath());
        }
    }

    /** Opens the CSV import dialog; its Use button takes the file with the chosen target column. */
    CsvImportDialog importCsv(Path file) {
        return CsvImportDialog.open(getScene() == null ? null : getScene().getWindow(), i18n, file,
                column -> reference(file.toString(), column, imageSize.getText()));
    }

    /** True when the target or image size fields differ from the data in use. */
    private boolean edited() {
        DataRef data = workspace.document().data();
        if (data == null || data.builtIn()) {
            return false;
        }
        String column = data.target() == null ? "" : data.target();
        return !target.getText().strip().equals(column)
                || !imageSize.getText().strip().equals(Integer.toString(data.imageSize()));
    }

    /** A new target column or image size for the file or folder in use. */
    private void reference(String targetText, String sizeText) {
        DataRef data = workspace.document().data();
        if (data != null && !data.builtIn()) {
            reference(data.spec(), targetText, sizeText);
        }
    }

    private void reference(String spec, String targetText, String sizeText) {
        Integer size = NodeFields.count(sizeText == null ? "" : sizeText, 1);
        if (size == null || size > 1024) {
            showError(i18n.text("data.imageSize.refused"));
            return;
        }
        String column = targetText == null || targetText.isBlank() ? null : targetText.strip();
        Path path = pathOf(spec);
        if (path == null || !Files.exists(path)) {
            showError(i18n.text("data.missing", spec));
            return;
        }
        try {
            use(DataRef.of(spec, column, size));
        } catch (IOException | RuntimeException e) {
            showError(i18n.text("data.unreadable", spec, String.valueOf(e.getMessage())));
        }
    }

    private void use(DataRef data) {
        if (!data.equals(workspace.document().data())) {
            workspace.execute(ChangeSettings.data(data));
        } else {
            refresh();
        }
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        error.setManaged(message != null);
    }

    private String describe(DataSources.BuiltIn b) {
        String key = "data.builtin." + b.name();
        return i18n.has(key) ? i18n.text(key) : b.description();
    }

    private Label group(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("inspector-group");
        return l;
    }

    private VBox labelled(String key, TextField field) {
        Label label = new Label(i18n.text(key));
        label.getStyleClass().add("inspector-label");
        label.setLabelFor(field);
        label.setWrapText(true);
        VBox box = new VBox(label, field);
        box.getStyleClass().add("inspector-labelled");
        return box;
    }

    private static Path pathOf(String spec) {
        try {
            return Path.of(spec);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A built-in in the list: its name and kind, and in the open list its description too. */
    private final class BuiltInCell extends ListCell<DataSources.BuiltIn> {
        private final boolean detailed;

        BuiltInCell(boolean detailed) {
            this.detailed = detailed;
        }

        @Override
        protected void updateItem(DataSources.BuiltIn b, boolean empty) {
            super.updateItem(b, empty);
            if (empty || b == null) {
                // The closed box shows the prompt while the data is a file of the user's own.
                setText(detailed ? null : builtIn.getPromptText());
                setGraphic(null);
                return;
            }
            setText(null);
            Label name = new Label(b.name() + "  \u00b7  " + i18n.text("data.kind." + b.kind()));
            name.getStyleClass().add("inspector-data-option");
            if (!detailed) {
                setGraphic(name);
                return;
            }
            Label what = new Label(describe(b));
            what.getStyleClass().add("inspector-muted");
            what.setWrapText(true);
            what.setMinHeight(Region.USE_PREF_SIZE);
            what.setMaxWidth(280);
            setGraphic(new VBox(name, what));
        }
    }
}
