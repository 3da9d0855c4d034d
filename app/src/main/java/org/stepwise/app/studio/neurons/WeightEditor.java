// The small card the neuron view opens on a clicked line or circle: which weight (or bias) it is, its exact value,
// and a field to type a new one. It only parses and reports; the view turns a value into an undoable command.
package org.stepwise.app.studio.neurons;

import java.math.BigDecimal;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;

final class WeightEditor extends VBox {
    private final I18n i18n;
    private final Label title = new Label();
    private final Label where = new Label();
    private final Label current = new Label();
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final Consumer<Float> onCommit;

    WeightEditor(I18n i18n, Consumer<Float> onCommit, Runnable onClose) {
        this.i18n = i18n;
        this.onCommit = onCommit;
        getStyleClass().add("neuron-editor");
        setFillWidth(true);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        title.getStyleClass().add("neuron-editor-title");
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.getStyleClass().addAll("button-icon", "flat");
        close.setId("weight-editor-close");
        close.setFocusTraversable(false);
        close.setAccessibleText(i18n.text("neurons.editor.close"));
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);

        where.getStyleClass().add("neuron-editor-where");
        where.setWrapText(true);
        current.getStyleClass().add("neuron-editor-current");
        field.setId("weight-editor");
        field.setPromptText(i18n.text("neurons.editor.prompt"));
        field.setPrefColumnCount(14);
        field.setOnAction(e -> commit());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onClose.run();
                e.consume();
            }
        });
        error.setId("weight-editor-error");
        error.getStyleClass().add("neuron-editor-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
        Label hint = new Label(i18n.text("neurons.editor.hint"));
        hint.getStyleClass().add("neuron-editor-hint");
        getChildren().addAll(top, where, current, field, error, hint);
        setPrefWidth(300);
    }

    /**
     * Opens the card on one value.
     *
     * @param value the value now, or null when the network has no such value yet (the field is then disabled)
     */
    void show(String titleText, String whereText, Float value) {
        title.setText(titleText);
        where.setText(whereText);
        error.setVisible(false);
        update(value);
        field.setText(value == null ? "" : format(value));
        setVisible(true);
        field.requestFocus();
        field.selectAll();
    }

    /** Shows the value as it is now, e.g. after an undo; what the user is typing stays. */
    void update(Float value) {
        field.setDisable(value == null);
        current.setText(value == null ? i18n.text("neurons.editor.pending")
                : i18n.text("neurons.editor.current", format(value)));
    }

    private void commit() {
        Float value = parse(field.getText());
        if (value == null) {
            error.setText(i18n.text("neurons.editor.invalid", field.getText().strip()));
            error.setVisible(true);
            return;
        }
        error.setVisible(false);
        onCommit.accept(value);
        field.setText(format(value));
        field.selectAll();
    }

    /** The number typed, or null unless it is a finite float ("1e-3" and "+2" are fine, "NaN" and "1e40" not). */
    static Float parse(String text) {
        try {
            float v = Float.parseFloat(text.strip());
            return Float.isFinite(v) && !text.strip().matches("(?i).*[a-z&&[^e]].*") ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The float exactly as stored, in the fewest digits that read back to it, never in E notation: "0.123456". */
    static String format(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }
}
