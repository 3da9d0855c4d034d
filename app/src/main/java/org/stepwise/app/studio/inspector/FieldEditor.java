// The control that edits one FieldItem. Typed values commit on Enter or when focus leaves, never per keystroke,
// so one edit is one command; a refused value stays in the field, marked, with the reason right under it.
package org.stepwise.app.studio.inspector;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.property.editor.PropertyEditor;

final class FieldEditor implements PropertyEditor<String> {
    private final FieldItem item;
    private final Node node;
    private final Label error = new Label();
    private TextField text;
    private ComboBox<String> choice;
    private CheckBox flag;
    private Label shown;
    /** True while the model's value is being put into the control, so that is not taken as an edit. */
    private boolean updating;

    FieldEditor(FieldItem item) {
        this.item = item;
        error.setId(item.id + "-error");
        error.getStyleClass().add("inspector-refusal");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        // Wrapped to the editor's width; its unwrapped width must not widen the column and squeeze the labels.
        error.setPrefWidth(40);
        error.setMaxWidth(Double.MAX_VALUE);
        showError(null);
        Node control = switch (item.kind) {
            case CHOICE -> choice();
            case FLAG -> flag();
            case READ_ONLY -> readOnly();
            default -> textField();
        };
        if (item.kind == FieldKind.READ_ONLY) {
            node = control;
        } else {
            VBox box = new VBox(control, error);
            box.getStyleClass().add("inspector-editor");
            node = box;
        }
        setValue(item.getValue());
        item.valueProperty().addListener((o, was, now) -> setValue(now));
    }

    private Node textField() {
        text = new TextField();
        text.setId(item.id);
        text.setPrefColumnCount(4); // narrow by preference, so labels keep their width; the row stretches it
        text.setPromptText(item.prompt);
        text.setOnAction(e -> commit(text.getText()));
        text.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(text.getText());
            }
        });
        text.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                setValue(item.getValue());
                e.consume();
            }
        });
        return text;
    }

    private Node choice() {
        choice = new ComboBox<>();
        choice.setId(item.id);
        choice.getItems().setAll(item.choices);
        choice.setPrefWidth(80);
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : item.choiceLabel.apply(id);
            }

            @Override
            public String fromString(String label) {
                return item.choices.stream().filter(c -> item.choiceLabel.apply(c).equals(label)).findFirst()
                        .orElse(null);
            }
        });
        choice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? "" : item.choiceLabel.apply(id));
            }
        });
        choice.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) {
                commit(now);
            }
        });
        return choice;
    }

    private Node flag() {
        flag = new CheckBox();
        flag.setId(item.id);
        flag.selectedProperty().addListener((o, was, now) -> {
            if (!updating) {
                commit(Boolean.toString(now));
            }
        });
        return flag;
    }

    private Node readOnly() {
        shown = new Label();
        shown.setId(item.id);
        shown.getStyleClass().add("inspector-value");
        shown.setWrapText(true);
        shown.setMinHeight(Region.USE_PREF_SIZE);
        return shown;
    }

    private void commit(String newText) {
        if (updating || newText == null) {
            return;
        }
        if (newText.strip().equals(item.getValue())) {
            setValue(item.getValue()); // nothing changed: tidy the text and forget any refusal
            return;
        }
        String refusal = item.commit.apply(newText);
        if (refusal == null) {
            // The edit went through the stack and the model's value is already back in the item.
            setValue(item.getValue());
        } else {
            showError(refusal);
            if (choice != null || flag != null) {
                setValue(item.getValue()); // a choice cannot stay on a refused value
                showError(refusal);
            }
        }
    }

    private void showError(String message) {
        boolean refused = message != null;
        error.setText(refused ? message : "");
        error.setVisible(refused);
        error.setManaged(refused);
        if (text != null) {
            text.pseudoClassStateChanged(Styles.STATE_DANGER, refused);
        }
    }

    @Override
    public Node getEditor() {
        return node;
    }

    @Override
    public String getValue() {
        return item.getValue();
    }

    /** Shows the model's value and drops any refusal. */
    @Override
    public void setValue(String value) {
        updating = true;
        try {
            String v = value == null ? "" : value;
            switch (item.kind) {
                case CHOICE -> choice.setValue(item.choices.contains(v) ? v : null);
                case FLAG -> flag.setSelected(Boolean.parseBoolean(v));
                case READ_ONLY -> shown.setText(v);
                default -> text.setText(v);
            }
            showError(null);
        } finally {
            updating = false;
        }
    }
}
