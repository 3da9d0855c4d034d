// The studio's small dialogs, localized and themed: errors that explain themselves, confirmations, about and keys.
package org.stepwise.app.studio;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.stepwise.core.StepwiseVersion;

final class Dialogs {
    /** What the user chose when work would be lost. */
    enum Choice { SAVE, DISCARD, CANCEL }

    private Dialogs() {
    }

    static void error(Stage owner, I18n i18n, String title, String message) {
        Alert alert = alert(owner, Alert.AlertType.ERROR, title, message);
        alert.getButtonTypes().setAll(new ButtonType(i18n.text("dialog.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.showAndWait();
    }

    static void info(Stage owner, I18n i18n, String title, String message) {
        Alert alert = alert(owner, Alert.AlertType.INFORMATION, title, message);
        alert.getButtonTypes().setAll(new ButtonType(i18n.text("dialog.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.showAndWait();
    }

    /** Save, Don't save, or Cancel, for unsaved changes. */
    static Choice unsaved(Stage owner, I18n i18n, String projectName) {
        ButtonType save = new ButtonType(i18n.text("dialog.save"), ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(i18n.text("dialog.discard"), ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(i18n.text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(owner, Alert.AlertType.CONFIRMATION, i18n.text("dialog.unsaved.title"),
                i18n.text("dialog.unsaved.message", projectName));
        alert.getButtonTypes().setAll(save, discard, cancel);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == cancel) {
            return Choice.CANCEL;
        }
        return answer.get() == save ? Choice.SAVE : Choice.DISCARD;
    }

    /** A yes/no question; true for yes. */
    static boolean confirm(Stage owner, I18n i18n, String title, String message, String yesKey) {
        ButtonType yes = new ButtonType(i18n.text(yesKey), ButtonBar.ButtonData.YES);
        ButtonType no = new ButtonType(i18n.text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(owner, Alert.AlertType.CONFIRMATION, title, message);
        alert.getButtonTypes().setAll(yes, no);
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }

    static void about(Stage owner, I18n i18n) {
        info(owner, i18n, i18n.text("about.title"), i18n.text("about.message", StepwiseVersion.get(),
                Runtime.version().toString()));
    }

    static void keys(Stage owner, I18n i18n) {
        info(owner, i18n, i18n.text("keys.title"), i18n.text("keys.message"));
    }

    private static Alert alert(Stage owner, Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label content = new Label(message);
        content.setWrapText(true);
        content.setMaxWidth(520);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setMinWidth(460);
        return alert;
    }
}
