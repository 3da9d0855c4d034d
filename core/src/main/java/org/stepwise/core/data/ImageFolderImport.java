// Loads an image-classification folder: one sub-folder of PNG/JPEG files per class, resized, scaled to [0, 1].
//
// Uses javax.imageio and java.awt only, never JavaFX. Class names are the folder names, sorted; files whose names do
// not end in .png, .jpg or .jpeg (.DS_Store, notes) are skipped, and hidden folders are not classes.
package org.stepwise.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.stepwise.core.tensor.Shape;

public final class ImageFolderImport {
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    /** A decoded source image larger than this is refused before decoding, against decompression bombs. */
    static final long MAX_SOURCE_PIXELS = 1L << 26;

    /**
     * @param channels 1 for gray (by Rec. 601 luminance) or 3 for RGB
     * @param maxBytes the most float memory all images together may take
     */
    public record Options(int width, int height, int channels, long maxBytes) {
        public Options {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("An image size must be positive, not " + width + "×" + height);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("Images have 1 (gray) or 3 (RGB) channels, not " + channels);
            }
        }

        public static Options of(int width, int height, int channels) {
            return new Options(width, height, channels, DEFAULT_MAX_BYTES);
        }

        public Options withMaxBytes(long bytes) {
            return new Options(width, height, channels, bytes);
        }
    }

    /** @param files the source file of each sample, in dataset order */
    public record Result(Dataset dataset, List<String> classNames, List<Path> files) {
    }

    private ImageFolderImport() {
    }

    /** Samples are (channels, height, width), class by class in folder order, files sorted by name. */
    public static Result read(Path folder, Options options) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new DataFormatException(folder, "it is not a folder",
                    "expected a folder with one sub-folder per class");
        }
        List<Path> classFolders = list(folder,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        if (classFolders.isEmpty()) {
            throw new DataFormatException(folder, "there are no class sub-folders",
                    "expected one sub-folder of PNG or JPEG images per class");
        }
        if (classFolders.size() == 1) {
            throw new DataFormatException(folder, "there is only one class folder, '"
                    + classFolders.get(0).getFileName() + "'", "expected at least two class sub-folders");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classFolder : classFolders) {
            List<Path> images = list(classFolder, p -> Files.isRegularFile(p) && isImageName(p));
            if (images.isEmpty()) {
                throw new DataFormatException(classFolder, "the class folder holds no PNG or JPEG images",
                        "expected at least one .png, .jpg or .jpeg file in each class folder");
            }
            for (Path image : images) {
                files.add(image);
                labels.add(classNames.size());
            }
            classNames.add(classFolder.getFileName().toString());
        }

        Shape shape = Shape.of(options.channels(), options.height(), options.width());
        long values = (long) files.size() * shape.size();
        long bytes = values * Float.BYTES;
        if (bytes > options.maxBytes() || values > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(folder, files.size() + " images of shape " + shape + " need "
                    + DataFormatException.describeBytes(bytes) + " of floats", "expected at most "
                    + DataFormatException.describeBytes(options.maxBytes()) 
                    + "; choose a smaller image size or raise ImageFolderImport.Options.maxBytes");
        }
        float[] x = new float[(int) values];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = resize(toRgb(decode(files.get(i))), options.width(), options.height());
            writePixels(image, options.channels(), x, i * shape.size());
        }
        int[] classOf = labels.stream().mapToInt(Integer::intValue).toArray();
        Dataset data = Dataset.classification(folder.getFileName().toString(), shape, x, classOf, classNames.size());
        return new Result(data, List.copyOf(classNames), List.copyOf(files));
    }

    /**
     * One image file as a sample of the given options' shape, converted and resized exactly as {@link #read} does
     * for a folder, e.g. to try a trained model on a photo.
     *
     * @throws DataFormatException when the file is not a readable PNG or JPEG
     */
    public static float[] readImage(Path file, Options options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "it is not a file", "expected a PNG or JPEG image");
        }
        float[] x = new float[options.channels() * options.height() * options.width()];
        writePixels(resize(toRgb(decode(file)), options.width(), options.height()), options.channels(), x, 0);
        return x;
    }

    private static List<Path> list(Path folder, Predicate<Path> keep) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(keep).sorted().toList();
        }
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw corrupt(file, "it is not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width;
                long height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw corrupt(file, "its header cannot be read (" + e.getMessage() + ")");
                }
                if (width * height > MAX_SOURCE_PIXELS) {
                    throw new DataFormatException(file, "the image has " + width + "×" + height + " pixels",
                            "expected at most " + MAX_SOURCE_PIXELS + " pixels per source image");
                }
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw corrupt(file, "the image cannot be decoded (" + e.getMessage() + ")");
                }
            } finally {
                reader.dispose();
            }
        }
    }

    private static DataFormatException corrupt(Path file, String problem) {
        return new DataFormatException(file, problem, "expected a valid PNG or JPEG file");
    }

    /**
     * Packed RGB at the source size. Gray images are copied sample by sample, because drawing them converts from
     * Java's linear gray colour space and shifts every value; transparent pixels become black in both paths.
     */
    private static BufferedImage toRgb(BufferedImage source) {
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Raster raster = source.getRaster();
        boolean gray = source.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (gray && raster.getNumBands() <= 2) {
            int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            boolean alpha = raster.getNumBands() == 2;
            int maxAlpha = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
            for (int y = 0; y < source.getHeight(); y++) {
                for (int x = 0; x < source.getWidth(); x++) {
                    double opacity = alpha ? (double) raster.getSample(x, y, 1) / maxAlpha : 1;
                    int v = (int) Math.round(raster.getSample(x, y, 0) * 255.0 / max * opacity);
                    rgb.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            return rgb;
        }
        Graphics2D g = rgb.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage resize(BufferedImage source, int width, int height) {
        if (source.getWidth() == width && source.getHeight() == height) {
            return source;
        }
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return resized;
    }

    /** Writes one (channels, height, width) sample at {@code offset}: planes of R, G, B, or one luminance plane. */
    private static void writePixels(BufferedImage image, int channels, float[] x, int offset) {
        int w = image.getWidth();
        int plane = w * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int col = 0; col < w; col++) {
                int argb = image.getRGB(col, y);
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                int b = argb & 0xFF;
                int at = offset + y * w + col;
                if (channels == 1) {
                    x[at] = (float) ((0.299 * r + 0.587 * g + 0.114 * b) / 255.0);
                } else {
                    x[at] = r / 255f;
                    x[at + plane] = g / 255f;
                    x[at + 2 * plane] = b / 255f;
                }
            }
        }
    }

}
