// Recovery copies: while the studio runs, an Autosaver writes the open project every N seconds into a folder of its
// own, never over the user's file. A session holds an OS file lock for as long as it lives; on the next start, copies
// whose lock is free belong to a session that ended without closing (a crash, a kill, a power cut) and are offered.
package org.stepwise.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.stepwise.core.io.AtomicFiles;

public final class Recovery {
    /** Overrides the folder, e.g. for tests or a portable install. */
    public static final String FOLDER_PROPERTY = "stepwise.recovery.dir";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    /**
     * Made when a copy is first written or read. The studio asks for {@link #stateFolder()} before its window
     * opens, and an ObjectMapper made then would cost the start tens of milliseconds it does not need.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final String LOCK = ".lock";
    private static final String INFO = ".json";

    /**
     * Sessions of this process. Their lock files are never probed: on POSIX systems closing any descriptor of a file
     * drops the whole process's lock on it, so probing our own lock would release it.
     */
    private static final java.util.Set<String> OWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path folder;

    public Recovery(Path folder) {
        this.folder = folder;
    }

    /**
     * The folder for recovery copies: the {@value #FOLDER_PROPERTY} property if set, else "recovery" in
     * {@link #stateFolder()}.
     */
    public static Path defaultFolder() {
        String override = System.getProperty(FOLDER_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return stateFolder().resolve("recovery");
    }

    /**
     * Stepwise's folder in the platform's place for application state: $XDG_STATE_HOME/stepwise or
     * ~/.local/state/stepwise on Linux, %LOCALAPPDATA%\Stepwise on Windows, ~/Library/Application Support/Stepwise
     * on macOS. Recovery copies and lesson progress live there.
     */
    public static Path stateFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("Stepwise");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Stepwise");
        }
        String state = System.getenv("XDG_STATE_HOME");
        return (state != null && !state.isBlank() ? Path.of(state) : home.resolve(".local/state"))
                .resolve("stepwise");
    }

    public Path folder() {
        return folder;
    }

    /**
     * A copy left by a session that did not close.
     *
     * @param original the file the project was opened from or last saved to, or null for a project never saved
     */
    public record Orphan(Path file, String projectName, Path original, Instant savedAt) {
    }

    /** Copies whose session has ended without closing, newest first. */
    public List<Orphan> orphans() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Orphan> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path info : files.filter(f -> f.getFileName().toString().endsWith(INFO)).toList()) {
                String id = stem(info);
                Path copy = folder.resolve(id + ProjectFile.EXTENSION);
                if (!Files.isRegularFile(copy) || OWN.contains(id) || isAlive(folder.resolve(id + LOCK))) {
                    continue;
                }
                Orphan orphan = readInfo(info, copy);
                if (orphan != null) {
                    found.add(orphan);
                }
            }
        }
        found.sort(Comparator.comparing(Orphan::savedAt).reversed());
        return found;
    }

    /** Deletes an orphan's files once the user has restored or declined it. */
    public void discard(Orphan orphan) throws IOException {
        String id = stem(orphan.file());
        Files.deleteIfExists(folder.resolve(id + INFO));
        Files.deleteIfExists(folder.resolve(id + LOCK));
        Files.deleteIfExists(orphan.file());
    }

    /**
     * Starts writing recovery copies of what {@code snapshot} returns every {@code interval}. The supplier runs on
     * the autosave thread and must return an independent copy (see {@link Session#snapshot()}), or null when
     * there is nothing new to save.
     */
    public Autosaver start(Supplier<Project> snapshot, Duration interval) throws IOException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The autosave interval must be positive, not " + interval);
        }
        Files.createDirectories(folder);
        String id = "session-" + UUID.randomUUID();
        OWN.add(id);
        FileChannel channel = FileChannel.open(folder.resolve(id + LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            OWN.remove(id);
            channel.close();
            throw new IOException("Could not lock the new recovery session file in " + folder);
        }
        return new Autosaver(id, channel, lock, snapshot, interval);
    }

    /** A running autosave; {@link #close()} on a clean exit removes its copy so nothing is offered next time. */
    public final class Autosaver implements AutoCloseable {
        private final String id;
        private final FileChannel lockChannel;
        private final FileLock lock;
        private final Supplier<Project> snapshot;
        private final ScheduledExecutorService timer;
        private volatile Path original;
        private volatile IOException lastError;
        private volatile Instant lastSave;

        private Autosaver(String id, FileChannel lockChannel, FileLock lock, Supplier<Project> snapshot,
                          Duration interval) {
            this.id = id;
            this.lockChannel = lockChannel;
            this.lock = lock;
            this.snapshot = snapshot;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "stepwise-autosave");
                t.setDaemon(true);
                return t;
            });
            long millis = interval.toMillis();
            timer.scheduleWithFixedDelay(this::saveQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }

        /** The user's file the project belongs to, recorded with each copy; null for an unsaved project. */
        public void setOriginal(Path file) {
            this.original = file == null ? null : file.toAbsolutePath();
        }

        /** Writes a copy now, on the calling thread. */
        public synchronized void saveNow() throws IOException {
            Project project = snapshot.get();
            if (project == null) {
                return;
            }
            ProjectFile.save(copyFile(), project);
            Instant now = Instant.now();
            ObjectNode info = Json.MAPPER.createObjectNode();
            info.put("project", project.name());
            info.put("original", original == null ? null : original.toString());
            info.put("savedAt", now.toString());
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(info);
            AtomicFiles.write(folder.resolve(id + INFO), out -> out.write(bytes));
            lastSave = now;
        }

        private void saveQuietly() {
            try {
                saveNow();
                lastError = null;
            } catch (IOException | RuntimeException e) {
                // Autosave must never take the studio down; the error is kept for the status bar.
                lastError = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }

        /** The last autosave failure, or null after a success. */
        public IOException lastError() {
            return lastError;
        }

        /** When the last copy was written, or null before the first. */
        public Instant lastSave() {
            return lastSave;
        }

        public Path copyFile() {
            return folder.resolve(id + ProjectFile.EXTENSION);
        }

        /** Stops autosaving and deletes this session's copy: the clean exit. */
        @Override
        public synchronized void close() throws IOException {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(copyFile());
            Files.deleteIfExists(folder.resolve(id + INFO));
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(folder.resolve(id + LOCK));
            OWN.remove(id);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A session is alive while some process holds its lock file's lock. */
    private static boolean isAlive(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very process
        } catch (IOException e) {
            return true; // cannot tell: leave it alone rather than offer a live session's copy
        }
    }

    private static Orphan readInfo(Path info, Path copy) {
        try {
            byte[] bytes = Files.readAllBytes(info);
            if (bytes.length > 64 * 1024) {
                return null;
            }
            JsonNode node = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            String original = node.path("original").isTextual() ? node.path("original").asText() : null;
            Instant savedAt = Instant.parse(node.path("savedAt").asText());
            return new Orphan(copy, node.path("project").asText("project"),
                    original == null ? null : Path.of(original), savedAt);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged note is not worth offering; the copy stays until discarded by hand
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
