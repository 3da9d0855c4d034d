// Stepwise's icon in the sizes window managers and task bars pick from. The artwork is assets' icons/stepwise.svg;
// the PNGs beside it are rendered from it (rsvg-convert -w N -h N stepwise.svg -o stepwise-N.png).
package org.stepwise.app.studio;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

public final class AppIcons {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256};
    private static List<Image> images;
    private static boolean following;

    private AppIcons() {
    }

    /** The icon in every size; loaded once, on the FX thread. A missing file leaves that size out. */
    static List<Image> images() {
        if (images == null) {
            List<Image> loaded = new ArrayList<>();
            for (int size : SIZES) {
                try (InputStream in = AppIcons.class.getResourceAsStream(
                        "/org/stepwise/assets/icons/stepwise-" + size + ".png")) {
                    if (in != null) {
                        Image image = new Image(in);
                        if (!image.isError()) {
                            loaded.add(image);
                        }
                    }
                } catch (java.io.IOException e) {
                    // a size that cannot be read is left out; the window manager scales another
                }
            }
            images = List.copyOf(loaded);
        }
        return images;
    }

    /** Gives {@code stage} Stepwise's icon. */
    public static void apply(Stage stage) {
        stage.getIcons().setAll(images());
    }

    /**
     * From now on gives every window the studio opens without an icon of its own (dialogs, alerts, the welcome and
     * import windows) Stepwise's icon as it is shown. Calling it again does nothing more.
     */
    static void applyToEveryWindow() {
        if (following) {
            return;
        }
        following = true;
        EveryStage.onShown(stage -> {
            if (stage.getIcons().isEmpty()) {
                apply(stage);
            }
        });
    }
}
