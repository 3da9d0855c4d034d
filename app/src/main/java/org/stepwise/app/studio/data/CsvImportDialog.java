// Importing a CSV file: its first rows as a table, a picker for the column to predict, and what is wrong with the
// file shown inline with its line and column. The whole file is checked on a background thread before Use is on.
package org.stepwise.app.studio.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataFormatException;

public final class CsvImportDialog {
    /** Rows of the file shown in the preview. */
    public static final int PREVIEW_ROWS = 8;

    private final I18n i18n;
    private final Path file;
    private final Stage stage = new Stage();
    private final TableView<List<String>> table = new TableView<>();
    private final ComboBox<String> target = new ComboBox<>();
    private final Label error = new Label();
    private final Label summary = new Label();
    private final DataLoading checking;
    private final Button use;
    private boolean header;

    private CsvImportDialog(Window owner, I18n i18n, Path file, Consumer<String> onUse) {
        this.i18n = i18n;
        this.file = file;
        this.checking = new DataLoading(i18n);
        stage.initOwner(owner);
        stage.setTitle(i18n.text("csv.title", file.getFileName()));
        Label path = new Label(file.toString());
        path.getStyleClass().add("inspector-muted");
        table.setId("csv-preview");
        table.setPrefHeight(26 * (PREVIEW_ROWS + 1) + 20);
        table.setPlaceholder(new Label(i18n.text("csv.empty")));
        target.setId("csv-target");
        target.setMaxWidth(Double.MAX_VALUE);
        target.valueProperty().addListener((o, was, now) -> check());
        Label targetLabel = new Label(i18n.text("csv.target"));
        targetLabel.setLabelFor(target);
        HBox.setHgrow(target, Priority.ALWAYS);
        HBox targetRow = new HBox(8, targetLabel, target);
        targetRow.setAlignment(Pos.CENTER_LEFT);
        error.setId("csv-error");
        error.getStyleClass().add("inspector-refusal");
        summary.setId("csv-summary");
        summary.getStyleClass().add("inspector-muted");
        for (Label l : new Label[] {error, summary, path}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        use = new Button(i18n.text("csv.use"));
        use.setId("csv-use");
        use.setDefaultButton(true);
        use.setDisable(true);
        use.setOnAction(e -> {
            stage.close();
            onUse.accept(targetColumn());
        });
        Button cancel = new Button(i18n.text("csv.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, cancel, use);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(10, path, table, targetRow, checking, error, summary, buttons);
        root.setStyle("-fx-padding: 16px;");
        root.setPrefWidth(560);
        // A window of its own: the inspector's muted and refusal styles are brought along.
        root.getStylesheets().addAll(
                org.stepwise.app.studio.inspector.InspectorView.class.getResource("inspector.css").toExternalForm(),
                DataPreview.class.getResource("data.css").toExternalForm());
        stage.setScene(new Scene(root));
        stage.setOnHidden(e -> checking.cancel());
    }

    /** Shows the dialog for {@code file}; {@code onUse} gets the target column (null for the last) on Use. */
    public static CsvImportDialog open(Window owner, I18n i18n, Path file, Consumer<String> onUse) {
        CsvImportDialog dialog = new CsvImportDialog(owner, i18n, file, onUse);
        dialog.preview();
        dialog.stage.show();
        return dialog;
    }

    /** The first rows as text, split on the delimiter their first line uses most. */
    private void preview() {
        List<String> lines = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() <= PREVIEW_ROWS && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            showError(i18n.text("csv.unreadable", String.valueOf(e.getMessage())));
            return;
        }
        if (lines.isEmpty()) {
            showError(i18n.text("csv.unreadable", i18n.text("csv.empty")));
            return;
        }
        String delimiter = delimiter(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines) {
            rows.add(List.of(l.split(java.util.regex.Pattern.quote(delimiter), -1)));
        }
        header = rows.get(0).stream().anyMatch(f -> !numeric(f));
        List<String> names = new ArrayList<>();
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < width; c++) {
            names.add(header && c < rows.get(0).size() ? rows.get(0).get(c).strip()
                    : i18n.text("csv.column", c + 1));
        }
        for (int c = 0; c < width; c++) {
            int column = c;
            TableColumn<List<String>, String> col = new TableColumn<>(names.get(c));
            col.setSortable(false);
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(column < cell.getValue().size()
                    ? cell.getValue().get(column).strip() : ""));
            table.getColumns().add(col);
        }
        table.getItems().setAll(rows.subList(header ? 1 : 0, Math.min(rows.size(), PREVIEW_ROWS + (header ? 1 : 0))));
        target.getItems().setAll(names);
        target.setValue(names.get(names.size() - 1));
    }

    /** The chosen target as DataRef keeps it: a header name, or null for the last column. */
    private String targetColumn() {
        int index = target.getItems().indexOf(target.getValue());
        return index < 0 || index == target.getItems().size() - 1 || !header ? null : target.getValue();
    }

    /** Reads the whole file with the chosen target, in the background; a problem shows with its line and column. */
    private void check() {
        int index = target.getItems().indexOf(target.getValue());
        if (index < 0) {
            return;
        }
        CsvImport.Options options = header ? CsvImport.Options.defaults().withTarget(target.getValue())
                : CsvImport.Options.defaults().withTargetIndex(index);
        use.setDisable(true);
        showError(null);
        summary.setText("");
        checking.start(i18n.text("csv.checking"), () -> CsvImport.read(file, options), result -> {
            var d = result.dataset();
            summary.setText(d.isClassification()
                    ? i18n.text("csv.summary.classes", d.n(), d.features(), d.classes())
                    : i18n.text("csv.summary.numbers", d.n(), d.features()));
            // Only a header names a column DataRef can keep; without one the last column is the only choice.
            use.setDisable(!header && index != target.getItems().size() - 1);
            if (use.isDisabled()) {
                showError(i18n.text("csv.noHeader"));
            }
        }, failure -> showError(describe(failure)));
    }

    /** "Line 4, column 2: …" for a format problem; the message otherwise. */
    String describe(Throwable failure) {
        if (failure instanceof DataFormatException e && e.line() > 0) {
            String prefix = e.file() + ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            return e.column() > 0 ? i18n.text("csv.error.at", e.line(), e.column(), problem)
                    : i18n.text("csv.error.line", e.line(), problem);
        }
        return i18n.text("csv.unreadable", String.valueOf(failure.getMessage()));
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        error.setManaged(message != null);
    }

    private static String delimiter(String line) {
        String best = ",";
        long most = -1;
        for (String d : new String[] {",", ";", "\t", "|"}) {
            long n = line.chars().filter(c -> c == d.charAt(0)).count();
            if (n > most) {
                most = n;
                best = d;
            }
        }
        return best;
    }

    private static boolean numeric(String field) {
        try {
            Double.parseDouble(field.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public Stage stage() {
        return stage;
    }

    public TableView<List<String>> table() {
        return table;
    }
}
