// Checks ImageFolderImport on generated PNG/JPEG folders: class order, resizing, gray/RGB values and bad folders.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.data.ImageFolderImport.Options;
import org.stepwise.core.tensor.Shape;

class ImageFolderImportTest {
    private static final int RED = 0xFF0000;
    private static final int DARK = 0x0A141E;
    private static final int BLUE = 0x0000FF;

    @TempDir
    Path root;

    @BeforeEach
    void twoClassesOfSolidColours() throws IOException {
        solid("dogs/c.png", BLUE, "png");
        solid("cats/a.png", RED, "png");
        solid("cats/b.png", DARK, "png");
        Files.writeString(root.resolve("dogs/readme.txt"), "not an image, skipped");
    }

    private Path solid(String name, int rgb, String format) throws IOException {
        BufferedImage image = new BufferedImage(5, 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 5; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return save(name, image, format);
    }

    private Path save(String name, BufferedImage image, String format) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    private static float[] sample(Dataset d, int i) {
        int size = d.features();
        return Arrays.copyOfRange(d.x(), i * size, (i + 1) * size);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] planes(float r, float g, float b) {
        float[] a = new float[48];
        Arrays.fill(a, 0, 16, r);
        Arrays.fill(a, 16, 32, g);
        Arrays.fill(a, 32, 48, b);
        return a;
    }

    private String error(Options options) {
        return assertThrows(DataFormatException.class, () -> ImageFolderImport.read(root, options)).getMessage();
    }

    @Test
    void grayLoadConvertsColourByLuminanceAtTheChosenSize() throws IOException {
        var r = ImageFolderImport.read(root, Options.of(4, 4, 1));
        Dataset d = r.dataset();
        assertEquals(List.of("cats", "dogs"), r.classNames());
        assertEquals(Shape.of(1, 4, 4), d.featureShape());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
        assertEquals(2, d.classes());
        assertEquals(List.of(root.resolve("cats/a.png"), root.resolve("cats/b.png"), root.resolve("dogs/c.png")),
                r.files());
        assertArrayEquals(filled(16, 0.299f), sample(d, 0), 1e-5f);
        assertArrayEquals(filled(16, (0.299f * 10 + 0.587f * 20 + 0.114f * 30) / 255), sample(d, 1), 1e-5f);
        assertArrayEquals(filled(16, 0.114f), sample(d, 2), 1e-5f);
    }

    @Test
    void rgbLoadKeepsOnePlanePerChannel() throws IOException {
        Dataset d = ImageFolderImport.read(root, Options.of(4, 4, 3)).dataset();
        assertEquals(Shape.of(3, 4, 4), d.featureShape());
        assertArrayEquals(planes(1, 0, 0), sample(d, 0), 1e-6f);
        assertArrayEquals(planes(10 / 255f, 20 / 255f, 30 / 255f), sample(d, 1), 1e-6f);
        assertArrayEquals(planes(0, 0, 1), sample(d, 2), 1e-6f);
    }

    @Test
    void grayPngKeepsItsExactValue() throws IOException {
        BufferedImage gray = new BufferedImage(5, 7, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 5; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        save("cats/a.png", gray, "png");
        Dataset d = ImageFolderImport.read(root, Options.of(4, 4, 1)).dataset();
        assertArrayEquals(filled(16, 100 / 255f), sample(d, 0), 1e-6f);
    }

    @Test
    void jpegImagesAreReadToo() throws IOException {
        solid("dogs/d.jpg", 0x808080, "jpg");
        Dataset d = ImageFolderImport.read(root, Options.of(4, 4, 1)).dataset();
        assertEquals(4, d.n());
        assertArrayEquals(filled(16, 128 / 255f), sample(d, 3), 3 / 255f);
    }

    @Test
    void oneImageReadsAsTheSameSampleAsInItsFolder() throws IOException {
        Dataset d = ImageFolderImport.read(root, Options.of(4, 4, 1)).dataset();
        assertArrayEquals(sample(d, 1), ImageFolderImport.readImage(root.resolve("cats/b.png"), Options.of(4, 4, 1)));
        Path bad = root.resolve("dogs/broken.png");
        Files.writeString(bad, "this is not a png");
        assertEquals(bad + ": it is not a readable image; expected a valid PNG or JPEG file", assertThrows(
                DataFormatException.class, () -> ImageFolderImport.readImage(bad, Options.of(4, 4, 1))).getMessage());
    }

    @Test
    void corruptImageIsNamed() throws IOException {
        Path bad = root.resolve("dogs/broken.png");
        Files.writeString(bad, "this is not a png");
        assertEquals(bad + ": it is not a readable image; expected a valid PNG or JPEG file",
                error(Options.of(4, 4, 1)));
    }

    @Test
    void tooManyPixelsAreRefusedBeforeLoading() {
        assertEquals(root + ": 3 images of shape (3, 4, 4) need 576 bytes of floats; expected at most 100 bytes;"
                + " choose a smaller image size or raise ImageFolderImport.Options.maxBytes",
                error(Options.of(4, 4, 3).withMaxBytes(100)));
    }

    @Test
    void singleClassFolderIsRejected() throws IOException {
        Files.delete(root.resolve("dogs/c.png"));
        Files.delete(root.resolve("dogs/readme.txt"));
        Files.delete(root.resolve("dogs"));
        assertEquals(root + ": there is only one class folder, 'cats'; expected at least two class sub-folders",
                error(Options.of(4, 4, 1)));
    }

    @Test
    void classFolderWithoutImagesIsRejected() throws IOException {
        Files.delete(root.resolve("dogs/c.png"));
        assertEquals(root.resolve("dogs") + ": the class folder holds no PNG or JPEG images; expected at least one"
                + " .png, .jpg or .jpeg file in each class folder", error(Options.of(4, 4, 1)));
    }

    @Test
    void folderWithoutSubFoldersIsRejected(@TempDir Path empty) {
        assertEquals(empty + ": there are no class sub-folders; expected one sub-folder of PNG or JPEG images per"
                + " class", assertThrows(DataFormatException.class,
                        () -> ImageFolderImport.read(empty, Options.of(4, 4, 1))).getMessage());
    }
}
