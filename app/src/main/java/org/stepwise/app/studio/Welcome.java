// The welcome: four ways to start, shown on the first run (and from Help ▸ Welcome): the course's first lesson,
// the playground on the spiral, one of the example projects, or a file of one's own.
package org.stepwise.app.studio;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

final class Welcome {
    private final MainWindow window;
    private final Stage stage = new Stage();

    Welcome(MainWindow window) {
        this.window = window;
        I18n i18n = window.i18n();
        stage.initOwner(window.stage());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(i18n.text("welcome.title"));

        Label title = new Label(i18n.text("welcome.heading"));
        title.getStyleClass().add("welcome-heading");
        Label intro = new Label(i18n.text("welcome.intro"));
        intro.setWrapText(true);
        intro.setPrefWidth(516);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox choices = new VBox(10,
                choice("mdi2s-school-outline", "welcome.course", "welcome-course", this::startCourse),
                choice("mdi2g-gesture-tap", "welcome.playground", "welcome-playground", this::openPlayground),
                examples(),
                choice("mdi2f-folder-open-outline", "welcome.file", "welcome-file", this::openFile));
        CheckBox again = new CheckBox(i18n.text("welcome.again"));
        again.setId("welcome-again");
        again.setSelected(window.preferences().showWelcome());
        again.selectedProperty().addListener((o, was, is) -> window.preferences().setShowWelcome(is));
        VBox root = new VBox(14, title, intro, choices, again);
        root.setId("welcome");
        root.getStyleClass().add("welcome");
        root.setPadding(new Insets(22));
        root.setPrefWidth(560);
        stage.setScene(new Scene(root));
        stage.getScene().getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
    }

    /** A choice: a large button with its icon and name, and a line under it saying what it opens. */
    private VBox choice(String icon, String key, String id, Runnable action) {
        FontIcon graphic = new FontIcon(icon);
        graphic.getStyleClass().add("welcome-icon");
        Button b = new Button(window.i18n().text(key), graphic);
        b.setId(id);
        b.getStyleClass().addAll("welcome-choice", "welcome-choice-title");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> action.run());
        Label what = new Label(window.i18n().text(key + ".what"));
        what.setWrapText(true);
        what.setPrefWidth(500);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        what.getStyleClass().add("welcome-choice-what");
        VBox box = new VBox(4, b, what);
        box.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    /** One button per example, under a heading, as the third way to start. */
    private VBox examples() {
        Label heading = new Label(window.i18n().text("welcome.examples"));
        heading.getStyleClass().add("welcome-choice-title");
        HBox buttons = new HBox(8);
        for (String id : Examples.IDS) {
            Button b = new Button(window.i18n().text("example." + id));
            b.setId("welcome-example-" + id);
            b.setTooltip(new javafx.scene.control.Tooltip(window.i18n().text("example." + id + ".what")));
            b.setOnAction(e -> openExample(id));
            buttons.getChildren().add(b);
        }
        VBox box = new VBox(6, heading, buttons);
        box.getStyleClass().add("welcome-examples");
        box.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    private void startCourse() {
        stage.close();
        window.startLesson(org.stepwise.lessons.course.Course.sources().get(0));
    }

    private void openPlayground() {
        stage.close();
        if (window.files().confirmDiscard()) {
            window.files().replace(DefaultProjects.standard(), null);
            window.showPlaygroundView();
        }
    }

    private void openExample(String id) {
        stage.close();
        if (!window.files().confirmDiscard()) {
            return;
        }
        try {
            window.files().replace(Examples.open(id), null);
        } catch (java.io.IOException | RuntimeException e) {
            Dialogs.error(window.stage(), window.i18n(), window.i18n().text("open.failed.title", id + ".stepwise"),
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void openFile() {
        stage.close();
        window.files().open();
    }
}
