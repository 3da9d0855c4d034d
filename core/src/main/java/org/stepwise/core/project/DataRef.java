// Which data a project trains on: a built-in dataset by name, or a file or folder by path with the SHA-256 of its
// content, plus the file itself when it is small, so a project shared with a student still opens on their machine.
package org.stepwise.core.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.LoadedData;

/**
 * @param spec         a built-in name (see {@link DataSources#builtIns()}) or a path as the user gave it
 * @param target       the CSV column to predict, or null for the file's last column
 * @param imageSize    width and height images of an image folder are resized to
 * @param sha256       the hex SHA-256 of a data file's bytes; null for built-ins and folders
 * @param embedded     the data file's bytes when small enough to travel inside the project, else null
 */
public record DataRef(String spec, String target, int imageSize, String sha256, byte[] embedded) {
    /** CSV files up to this size are copied into the project file. */
    public static final int EMBED_LIMIT = 2 << 20;
    public static final int DEFAULT_IMAGE_SIZE = 28;
    /** Image folders are read as grey scale, as the default conv net and the recorded input shape assume. */
    public static final int IMAGE_CHANNELS = 1;

    /** A reference to a built-in dataset. */
    public static DataRef builtIn(String name) {
        return new DataRef(name, null, DEFAULT_IMAGE_SIZE, null, null);
    }

    /** A reference to what {@code spec} names now: a built-in, or a file whose hash (and small content) is taken. */
    public static DataRef of(String spec, String target, int imageSize) throws IOException {
        if (isBuiltIn(spec)) {
            return new DataRef(spec, target, imageSize, null, null);
        }
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
            return new DataRef(spec, target, imageSize, null, null);
        }
        long size = Files.size(path);
        byte[] bytes = size <= EMBED_LIMIT ? Files.readAllBytes(path) : null;
        return new DataRef(spec, target, imageSize, bytes != null ? sha256(bytes) : sha256(path), bytes);
    }

    public static boolean isBuiltIn(String spec) {
        return DataSources.builtIns().stream().anyMatch(b -> b.name().equals(spec));
    }

    public boolean builtIn() {
        return isBuiltIn(spec);
    }

    /** The file name an embedded copy is stored under: the original's, so its extension still picks the reader. */
    public String embeddedName() {
        String name = Path.of(spec).getFileName().toString();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Data as loaded, and a note for the user when the copy inside the project stood in for a changed file. */
    public record Resolved(LoadedData data, String note) {
    }

    /**
     * Loads the data: a built-in, the file at {@link #spec} when its content still matches the hash, else the
     * embedded copy; a changed file with no copy is loaded with a note saying so.
     *
     * @param seed the seed of a generated dataset
     */
    public Resolved load(long seed) throws IOException {
        CsvImport.Options csv = target == null ? CsvImport.Options.defaults()
                : CsvImport.Options.defaults().withTarget(target);
        if (builtIn()) {
            return new Resolved(DataSources.load(spec, csv, imageSize, IMAGE_CHANNELS, seed), null);
        }
        Path path = pathOrNull();
        boolean exists = path != null && Files.exists(path);
        boolean unchanged = exists && (sha256 == null || !Files.isRegularFile(path) || sha256.equals(sha256(path)));
        if (unchanged || (sha256 == null && embedded == null)) {
            // Also a spec that was never a file: DataSources explains what it accepts.
            return new Resolved(DataSources.load(spec, csv, imageSize, IMAGE_CHANNELS, seed), null);
        }
        if (embedded != null) {
            Path folder = Files.createTempDirectory("stepwise-data");
            Path copy = folder.resolve(embeddedName());
            try {
                Files.write(copy, embedded);
                LoadedData data = DataSources.load(copy.toString(), csv, imageSize, IMAGE_CHANNELS, seed);
                String why = exists ? "has changed since the project was saved" : "is not there";
                return new Resolved(data, "The data file " + spec + " " + why + "; using the copy saved in the "
                        + "project.");
            } finally {
                Files.deleteIfExists(copy);
                Files.deleteIfExists(folder);
            }
        }
        if (exists) {
            return new Resolved(DataSources.load(spec, csv, imageSize, IMAGE_CHANNELS, seed),
                    "The data file " + spec + " has changed since the project was saved; results will differ "
                            + "from the saved ones.");
        }
        throw new IOException("The project's data " + spec + " is not there and the project holds no copy of it; "
                + "choose the data again");
    }

    private Path pathOrNull() {
        try {
            return Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRef d && spec.equals(d.spec) && java.util.Objects.equals(target, d.target)
                && imageSize == d.imageSize && java.util.Objects.equals(sha256, d.sha256)
                && java.util.Arrays.equals(embedded, d.embedded);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(spec, target, imageSize, sha256, java.util.Arrays.hashCode(embedded));
    }

    @Override
    public String toString() {
        return "DataRef[" + spec + (embedded == null ? "" : ", " + embedded.length + " bytes embedded") + "]";
    }

}
