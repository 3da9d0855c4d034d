// Turns one data argument (a built-in name or a path) into a LoadedData: the single entry point of CLI and studio.
//
// Bundled datasets are classpath resources of the assets module; the importers read files, so CSV resources are
// streamed through CsvImport's stream entry point and the IDX resources are copied to a temporary folder first.
package org.stepwise.core.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.stepwise.core.text.BytePairTokenizer;
import org.stepwise.core.text.CharTokenizer;
import org.stepwise.core.text.Corpus;
import org.stepwise.core.text.TokenWindows;
import org.stepwise.core.text.Tokenizer;

public final class DataSources {
    /**
     * @param kind "bundled" (shipped in the assets jar), "text" (a bundled corpus cut into windows of characters for
     *             next-character prediction) or "generated" (drawn by {@link Generators})
     */
    public record BuiltIn(String name, String kind, String description) {
    }

    /** Samples and noise of every generated dataset: enough to see the shape, quick to train on. */
    public static final int GENERATED_SAMPLES = 500;
    public static final double GENERATED_NOISE = 0.1;

    private static final String RESOURCES = "/org/stepwise/assets/datasets/";
    private static final String FASHION = "fashion-mnist-small";
    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> FASHION_FILES = List.of("train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** The text built-ins and the corpora they cut. */
    public static final String MOBY_DICK = "moby-dick";
    public static final String TANG_POEMS = "tang-poems";
    public static final String MOBY_DICK_BPE = "moby-dick-bpe";
    /** Merges of the byte-pair built-in: its vocabulary is Moby-Dick's characters plus this many pieces. */
    public static final int BPE_MERGES = 200;
    /** Characters per sample of a text built-in: the context of the tiny GPT templates. */
    public static final int TEXT_CONTEXT = 64;

    private static final List<BuiltIn> BUILT_INS = builtInList();

    private DataSources() {
    }

    /** The bundled datasets, then the generated ones in {@link Generators#names()} order. */
    public static List<BuiltIn> builtIns() {
        return BUILT_INS;
    }

    /**
     * Loads a built-in by name, or a path: a .csv, .tsv, .csv.gz or .tsv.gz file, an MNIST-style IDX folder (one
     * holding train-images… files) or an image folder with one sub-folder per class. Values come as stored
     * (digits' pixels are 0..16, images are in [0, 1]): normalizing is the caller's job.
     *
     * @param csv           options for a CSV path (null for the defaults); built-in CSVs always use the defaults
     * @param imageSize     width and height images of an image folder are resized to
     * @param imageChannels 1 (gray) or 3 (RGB), for an image folder
     * @param seed          the seed of a generated dataset
     */
    public static LoadedData load(String spec, CsvImport.Options csv, int imageSize, int imageChannels, long seed)
            throws IOException {
        String name = spec == null ? "" : spec.trim();
        switch (name) {
            case "iris" -> {
                return bundledCsv(name, "iris.csv", "built-in iris (UCI via scikit-learn)");
            }
            case "wine" -> {
                return bundledCsv(name, "wine.csv", "built-in wine (UCI via scikit-learn)");
            }
            case "digits" -> {
                return bundledCsv(name, "digits_8x8.csv.gz", "built-in digits, 8×8 pixels 0..16 (UCI via "
                        + "scikit-learn)");
            }
            case FASHION -> {
                return fashion();
            }
            case MOBY_DICK, TANG_POEMS, MOBY_DICK_BPE -> {
                // Overlapping windows give the small Chinese text enough samples; the English ones overlap by half.
                return text(name, name.equals(TANG_POEMS) ? TEXT_CONTEXT / 4 : TEXT_CONTEXT / 2);
            }
            default -> {
            }
        }
        if (Generators.names().contains(name)) {
            return generated(name, seed);
        }
        Path path = existingPath(name);
        if (path == null) {
            throw new IllegalArgumentException("No dataset '" + spec + "': not a built-in ("
                    + String.join(", ", BUILT_INS.stream().map(BuiltIn::name).toList())
                    + ") nor an existing file or folder");
        }
        if (Files.isDirectory(path)) {
            return isIdxFolder(path) ? idxFolder(path) : imageFolder(path, imageSize, imageChannels);
        }
        return csvFile(path, csv == null ? CsvImport.Options.defaults() : csv);
    }

    private static Path existingPath(String spec) {
        if (spec.isEmpty()) {
            return null;
        }
        try {
            Path path = Path.of(spec);
            return Files.exists(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    // ---- bundled -------------------------------------------------------------------------------------------

    private static LoadedData bundledCsv(String name, String resource, String source) throws IOException {
        try (InputStream raw = resource(resource);
             InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            CsvImport.Result r = CsvImport.read(in, Path.of(resource), 0, CsvImport.Options.defaults());
            return new LoadedData(renamed(r.dataset(), name), null, r.featureNames(), r.classNames(), source);
        }
    }

    /**
     * The tokenizer of a text built-in, made again from its corpus the same way every time (characters in code-point
     * order; byte pairs merged by a deterministic count), so a saved project needs only the built-in's name to read
     * and write its tokens. Empty for any other data.
     */
    public static Optional<Tokenizer> tokenizer(String spec) {
        String name = spec == null ? "" : spec.trim();
        if (!List.of(MOBY_DICK, TANG_POEMS, MOBY_DICK_BPE).contains(name)) {
            return Optional.empty();
        }
        // Made once per run: training the byte pairs takes about a second, and the studio, the CLI and Model ask.
        return Optional.of(TOKENIZERS.computeIfAbsent(name, n -> switch (n) {
            case MOBY_DICK -> CharTokenizer.of(Corpus.load("english").text());
            case TANG_POEMS -> CharTokenizer.of(Corpus.load("chinese").text());
            default -> BytePairTokenizer.train(Corpus.load("english").text(), BPE_MERGES);
        }));
    }

    /** The text built-ins' tokenizers, immutable, by built-in name. */
    private static final java.util.Map<String, Tokenizer> TOKENIZERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A corpus as next-token data: its tokens are the classes (the symbols in id order), and windows start every
     * {@code stride} tokens. The features are token ids, not measurements.
     */
    private static LoadedData text(String name, int stride) {
        Corpus c = Corpus.load(name.equals(TANG_POEMS) ? "chinese" : "english");
        Tokenizer tokenizer = tokenizer(name).orElseThrow();
        Dataset windows = TokenWindows.of(name, tokenizer.encode(c.text()), TEXT_CONTEXT, stride,
                tokenizer.vocabularySize());
        List<String> positions = IntStream.range(0, TEXT_CONTEXT).mapToObj(i -> "t" + i).toList();
        String tokens = tokenizer.id().equals("bpe") ? " in byte-pair tokens" : "";
        return new LoadedData(windows, null, positions, tokenizer.symbols(),
                "built-in " + name + ": " + c.source() + tokens);
    }

    private static LoadedData fashion() throws IOException {
        Path dir = Files.createTempDirectory("stepwise-" + FASHION);
        try {
            for (String file : FASHION_FILES) {
                try (InputStream in = resource(FASHION + "/" + file)) {
                    Files.copy(in, dir.resolve(file));
                }
            }
            Idx.Split split = Idx.readDirectory(dir, 0);
            return new LoadedData(renamed(split.train(), FASHION), renamed(split.test(), FASHION + " test"),
                    pixelNames(split.train().features()), FASHION_CLASSES,
                    "built-in fashion-mnist-small, first 10,000 training and 2,000 test images (Zalando Research, "
                            + "MIT licence)");
        } finally {
            deleteTree(dir);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DataSources.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new FileNotFoundException("The bundled dataset file " + RESOURCES + name + " is not on the class "
                    + "path; the stepwise-assets jar is missing");
        }
        return in;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- generated -----------------------------------------------------------------------------------------

    private static LoadedData generated(String name, long seed) {
        Dataset data = Generators.generate(name, GENERATED_SAMPLES, GENERATED_NOISE, seed);
        List<String> features = data.features() == 1 ? List.of("x1") : List.of("x1", "x2");
        List<String> classes = data.isClassification() ? numberNames(data.classes()) : null;
        return new LoadedData(data, null, features, classes, "generated " + name + " (" + GENERATED_SAMPLES
                + " samples, noise " + GENERATED_NOISE + ", seed " + seed + ")");
    }

    // ---- paths ---------------------------------------------------------------------------------------------

    private static LoadedData csvFile(Path file, CsvImport.Options options) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        CsvImport.Result r;
        if (lower.endsWith(".csv.gz") || lower.endsWith(".tsv.gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                r = CsvImport.read(in, file, 0, options);
            }
        } else if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            r = CsvImport.read(file, options);
        } else {
            throw new IllegalArgumentException("No dataset '" + file + "': a data file must end in .csv, .tsv, "
                    + ".csv.gz or .tsv.gz, and a folder must hold IDX files or one image folder per class");
        }
        String name = lower.replaceFirst("\\.(csv|tsv)(\\.gz)?$", "");
        return new LoadedData(renamed(r.dataset(), name), null, r.featureNames(), r.classNames(), "CSV " + file);
    }

    private static boolean isIdxFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("train-images")
                    && Files.isRegularFile(p));
        }
    }

    /** The two splits may see different label ranges; both get the larger class count so indices agree. */
    private static LoadedData idxFolder(Path dir) throws IOException {
        Idx.Split split = Idx.readDirectory(dir, 0);
        int classes = Math.max(split.train().classes(), split.test().classes());
        String name = dir.getFileName().toString();
        Dataset train = withClasses(split.train(), name, classes);
        Dataset test = withClasses(split.test(), name + " test", classes);
        return new LoadedData(train, test, pixelNames(train.features()), numberNames(classes), "IDX folder " + dir);
    }

    private static LoadedData imageFolder(Path dir, int size, int channels) throws IOException {
        ImageFolderImport.Result r = ImageFolderImport.read(dir, ImageFolderImport.Options.of(size, size, channels));
        return new LoadedData(r.dataset(), null, pixelNames(r.dataset().features()), r.classNames(),
                "image folder " + dir + " (" + size + "×" + size + ", " + (channels == 1 ? "gray" : "RGB") + ")");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Dataset renamed(Dataset d, String name) {
        return withClasses(d, name, d.classes());
    }

    private static Dataset withClasses(Dataset d, String name, int classes) {
        return new Dataset(name, d.featureShape(), d.x(), d.labels(), d.y(), d.n(), classes);
    }

    private static List<String> pixelNames(int count) {
        return IntStream.range(0, count).mapToObj(i -> "px" + i).toList();
    }

    private static List<String> numberNames(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    private static List<BuiltIn> builtInList() {
        List<BuiltIn> list = new ArrayList<>(List.of(
                new BuiltIn("iris", "bundled", "Iris flowers: 150 samples, 4 measurements, 3 species"),
                new BuiltIn("wine", "bundled", "Wine cultivars: 178 samples, 13 chemical measurements, 3 classes"),
                new BuiltIn("digits", "bundled", "Handwritten digits: 1,797 images of 8×8 pixels (0..16), 10 classes"),
                new BuiltIn(FASHION, "bundled", "Fashion-MNIST: 10,000 training and 2,000 test images of 28×28 "
                        + "pixels, 10 kinds of clothing"),
                new BuiltIn(MOBY_DICK, "text", "English text: Moby-Dick, chapters 1–27, as windows of "
                        + TEXT_CONTEXT + " characters to predict the next one"),
                new BuiltIn(TANG_POEMS, "text", "Chinese text: 320 Tang poems (唐诗三百首), as windows of "
                        + TEXT_CONTEXT + " characters to predict the next one"),
                new BuiltIn(MOBY_DICK_BPE, "text", "English text: Moby-Dick as byte-pair tokens (its characters and "
                        + BPE_MERGES + " merged pairs), as windows of " + TEXT_CONTEXT + " tokens")));
        for (String name : Generators.names()) {
            list.add(new BuiltIn(name, "generated", describeGenerated(name)));
        }
        return List.copyOf(list);
    }

    private static String describeGenerated(String name) {
        String what = switch (name) {
            case "circle" -> "a disc of one class inside a ring of the other";
            case "xor" -> "four quadrants, opposite ones sharing a class";
            case "gaussians" -> "two Gaussian blobs, one per class";
            case "spiral" -> "two interleaved spirals";
            case "moons" -> "two interlocking half-moons";
            case "checkerboard" -> "a checkerboard of two classes";
            case "plane" -> "regression of a tilted plane over two inputs";
            case "sine" -> "regression of a sine wave over one input";
            default -> "a generated toy set";
        };
        return "Generated: " + what + " (" + GENERATED_SAMPLES + " samples)";
    }
}
