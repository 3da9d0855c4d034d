// The studio window as the UI tests open it: the default project, English, the light theme, and preferences in a
// throwaway node so no test touches the user's. close() stops training and removes the node.
package org.stepwise.app.studio;

import java.util.Locale;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;

final class TestWindow implements AutoCloseable {
    final MainWindow window;
    private final Preferences preferences;

    private TestWindow(MainWindow window, Preferences preferences) {
        this.window = window;
        this.preferences = preferences;
    }

    /** Shows a studio window on the stage TestFX gives a @Start method. */
    static TestWindow open(Stage stage) {
        Themes.apply(false);
        Preferences preferences = Preferences.userRoot().node("org/stepwise/test/" + UUID.randomUUID());
        MainWindow window = new MainWindow(stage, new Workspace(DefaultProjects.standard(), null),
                new I18n(Locale.ENGLISH), new StudioPreferences(preferences));
        stage.show();
        return new TestWindow(window, preferences);
    }

    @Override
    public void close() throws BackingStoreException {
        window.training().close();
        preferences.removeNode();
    }
}
