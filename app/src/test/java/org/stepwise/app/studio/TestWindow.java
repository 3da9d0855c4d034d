// The studio window as the UI tests open it: the default project, English, the light theme at 100 %, and settings
// in a throwaway file so no test touches the user's. close() stops training and deletes the file.
package org.stepwise.app.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.stage.Stage;

final class TestWindow implements AutoCloseable {
    final MainWindow window;
    final Path settingsFolder;

    private TestWindow(MainWindow window, Path settingsFolder) {
        this.window = window;
        this.settingsFolder = settingsFolder;
    }

    /** Shows a studio window on the stage TestFX gives a @Start method. */
    static TestWindow open(Stage stage) {
        Themes.apply(Theme.LIGHT);
        Themes.scale(100);
        Path folder;
        try {
            folder = Files.createTempDirectory("stepwise-settings");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // TestFX hands every test class one stage. A minimum size an earlier window set would stay, and the stage
        // would keep an earlier scene's size instead of taking this window's: start from neither.
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        MainWindow window = new MainWindow(stage, new Workspace(DefaultProjects.standard(), null),
                new I18n(Locale.ENGLISH), new StudioPreferences(folder.resolve("settings.json")));
        stage.sizeToScene();
        stage.show();
        return new TestWindow(window, folder);
    }

    @Override
    public void close() throws IOException {
        window.training().close();
        try (Stream<Path> files = Files.walk(settingsFolder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
