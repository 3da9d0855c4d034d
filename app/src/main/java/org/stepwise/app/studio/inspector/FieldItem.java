// One row of the inspector: a labelled value with its kind, and what committing a new value does. It is the
// PropertySheet's item in the Node section and a form row in the Training section, so both edit alike.
package org.stepwise.app.studio.inspector;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

final class FieldItem implements PropertySheet.Item {
    final String key;
    final String id;
    final FieldKind kind;
    final List<String> choices;
    /** The label a choice id shows. */
    final Function<String, String> choiceLabel;
    private final String name;
    private final String description;
    /** The value as text (a number, a choice id, "true"); the model's, never what is being typed. */
    private final StringProperty value = new SimpleStringProperty("");
    /** Runs the edit for a new text and returns null, or returns the localized reason it was refused. */
    final Function<String, String> commit;
    /** Shown in an empty text field: the default an empty value stands for. */
    String prompt;

    FieldItem(String key, String id, FieldKind kind, List<String> choices, Function<String, String> choiceLabel,
              String name, String description, Function<String, String> commit) {
        this.key = key;
        this.id = id;
        this.kind = kind;
        this.choices = choices;
        this.choiceLabel = choiceLabel;
        this.name = name;
        this.description = description;
        this.commit = commit;
    }

    StringProperty valueProperty() {
        return value;
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public String getCategory() {
        return "";
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public String getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object newValue) {
        value.set(newValue == null ? "" : newValue.toString());
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }

    /**
     * Always true: the PropertySheet greys out the editors of items that are not, and the read-only rows are
     * labels that should stay as legible as the rest.
     */
    @Override
    public boolean isEditable() {
        return true;
    }
}
