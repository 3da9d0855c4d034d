// The layout every Workflows window shares: the column it is built in, its wrapped paragraphs (intro, notes,
// messages), and the two-column form of labelled settings, spinners editable and of one width.
package org.stepwise.app.studio.workflows;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;

final class WorkflowLayout {
    private WorkflowLayout() {
    }

    /** Makes {@code view} a workflow window's column, with this id. */
    static void column(VBox view, String id) {
        view.setId(id);
        view.getStyleClass().add("workflow-view");
        view.setSpacing(12);
        view.setPadding(new Insets(16));
    }

    /** A wrapped paragraph of the bundle's text, styled "workflow-intro", "workflow-note" or "workflow-message". */
    static Label paragraph(I18n i18n, String key, String style) {
        Label l = new Label(key == null ? "" : i18n.text(key));
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }

    /**
     * A form of rows: pairs of a bundle key for the label and the control beside it (a null key leaves the label
     * empty). Spinners become editable and 110 px wide.
     */
    static GridPane form(I18n i18n, Object... keysAndControls) {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        for (int i = 0; i + 1 < keysAndControls.length; i += 2) {
            String key = (String) keysAndControls[i];
            Node control = (Node) keysAndControls[i + 1];
            if (control instanceof Spinner<?> s) {
                s.setEditable(true);
                s.setPrefWidth(110);
            }
            form.addRow(i / 2, new Label(key == null ? "" : i18n.text(key)), control);
        }
        return form;
    }
}
