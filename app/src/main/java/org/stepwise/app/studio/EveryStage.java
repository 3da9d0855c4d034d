// A hook on every stage JavaFX shows: dialogs and alerts included, which are made deep inside ControlsFX and JavaFX
// where the studio cannot reach their constructors.
package org.stepwise.app.studio;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import javafx.stage.Window;

final class EveryStage {
    private EveryStage() {
    }

    /** Runs {@code action} on the FX thread for each stage shown from now on, as it appears. */
    static void onShown(Consumer<Stage> action) {
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window w : change.getAddedSubList()) {
                    if (w instanceof Stage stage) {
                        action.accept(stage);
                    }
                }
            }
        });
    }
}
