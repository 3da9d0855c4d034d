// A grey-scale sample (values 0 for black to 1 for white, as image datasets hold them) as an image, one image pixel
// per value; views scale it up without smoothing so each pixel stays a crisp square.
package org.stepwise.app.studio.inference;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import org.stepwise.core.tensor.Shape;

public final class GreyImage {
    private GreyImage() {
    }

    /** True for samples of one channel of height × width, the shape grey-scale image data has. */
    public static boolean isGreyImage(Shape shape) {
        return shape.rank() == 3 && shape.dim(0) == 1 && shape.dim(1) >= 4 && shape.dim(2) >= 4;
    }

    public static WritableImage of(float[] values, int width, int height) {
        WritableImage image = new WritableImage(width, height);
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = level(values[y * width + x]);
                w.setArgb(x, y, 0xFF000000 | v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    /** The 0–255 grey level a value in [0, 1] is shown with; values outside are clamped. */
    public static int level(float value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
