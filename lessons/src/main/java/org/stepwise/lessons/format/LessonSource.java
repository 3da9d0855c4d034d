// Where a lesson's files come from: a folder on disk (a teacher's lesson) or a folder of resources on the class
// path (the course shipped in the lessons jar). Files are named relative to the lesson folder, with '/'.
//
// Relative names never leave the folder: "..", absolute paths and backslashes are refused, so a lesson cannot make
// the checker or the studio read a file elsewhere.
package org.stepwise.lessons.format;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

public abstract sealed class LessonSource {
    /** A lesson's text is a few KiB; this limit only stops a wrong file from being read whole. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Where files named "assets/…" are found on the class path. */
    static final String ASSETS = "org/stepwise/assets/";

    /** A lesson in a folder on disk; messages name its files under the folder as given. */
    public static LessonSource folder(Path folder) {
        return new Folder(folder);
    }

    /**
     * A lesson shipped as resources.
     *
     * @param base the resource folder, such as "org/stepwise/lessons/course/01-neuron"
     */
    public static LessonSource classpath(String base) {
        return new Classpath(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** The lesson folder's own name: "01-neuron". */
    public abstract String name();

    /** How messages name a file of this lesson. */
    public abstract String describe(String file);

    /** The file's text (UTF-8, a leading byte-order mark dropped), or empty when there is no such file. */
    public Optional<String> read(String file) throws IOException {
        if (!safe(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = open(file)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(describe(file) + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            throw new IOException(describe(file) + " is not UTF-8 text; save it as UTF-8");
        }
    }

    /** A file of the lesson as bytes (an image the text shows), or empty when there is none or it is too large. */
    public Optional<byte[]> bytes(String file) throws IOException {
        if (!safe(file)) {
            return Optional.empty();
        }
        try (InputStream in = open(file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            return bytes.length > MAX_FILE_BYTES ? Optional.empty() : Optional.of(bytes);
        }
    }

    /**
     * Whether an image or other file a lesson refers to exists: relative to the lesson folder, or, for names
     * starting with "assets/", among the studio's assets on the class path.
     */
    public boolean exists(String file) {
        if (!safe(file)) {
            return false;
        }
        if (file.startsWith("assets/")) {
            return LessonSource.class.getClassLoader().getResource(ASSETS + file.substring("assets/".length()))
                    != null;
        }
        try (InputStream in = open(file)) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The names of the folder's files, where the source can list them (a folder can, the class path cannot). */
    public abstract Optional<List<String>> files();

    /** Opens a file of the lesson, or returns null when there is none. */
    protected abstract InputStream open(String file) throws IOException;

    /** A relative name that stays inside the lesson folder. */
    static boolean safe(String file) {
        return !file.isEmpty() && !file.startsWith("/") && !file.contains("\\") && !file.contains(":")
                && Stream.of(file.split("/")).noneMatch(part -> part.isEmpty() || part.equals("..")
                || part.equals("."));
    }

    private static final class Folder extends LessonSource {
        private final Path folder;

        Folder(Path folder) {
            this.folder = folder;
        }

        @Override
        public String name() {
            Path name = folder.toAbsolutePath().normalize().getFileName();
            return name == null ? folder.toString() : name.toString();
        }

        @Override
        public String describe(String file) {
            return folder.resolve(file).toString();
        }

        @Override
        public Optional<List<String>> files() {
            try (Stream<Path> list = Files.list(folder)) {
                return Optional.of(list.map(p -> p.getFileName().toString()).sorted().toList());
            } catch (IOException e) {
                return Optional.of(List.of());
            }
        }

        @Override
        protected InputStream open(String file) throws IOException {
            Path path = folder.resolve(file);
            return Files.isRegularFile(path) ? Files.newInputStream(path) : null;
        }
    }

    private static final class Classpath extends LessonSource {
        private final String base;

        Classpath(String base) {
            this.base = base;
        }

        @Override
        public String name() {
            return base.substring(base.lastIndexOf('/') + 1);
        }

        @Override
        public String describe(String file) {
            return "classpath:" + base + "/" + file;
        }

        @Override
        public Optional<List<String>> files() {
            return Optional.empty();
        }

        @Override
        protected InputStream open(String file) throws IOException {
            URL url = LessonSource.class.getClassLoader().getResource(base + "/" + file);
            return url == null ? null : url.openStream();
        }
    }
}
