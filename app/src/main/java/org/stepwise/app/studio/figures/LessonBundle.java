// A lesson bundle: one .stepwise project file that also carries a lesson, for handing a class one file. It is an
// ordinary project file (ProjectFile writes it, and any studio opens it as a project, skipping the lesson) with the
// lesson folder's files added under lesson/.
//
// A bundle comes from someone else, so it is untrusted: the lesson's entries are read as bytes only (never objects,
// never code), their names must be plain relative names inside lesson/ (no "..", no absolute or drive paths, no
// backslashes), and the number of files, each file's inflated size and the sum are capped while inflating.
package org.stepwise.app.studio.figures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.lessons.format.LessonSource;

public final class LessonBundle {
    public static final String FOLDER = ProjectFile.LESSON_FOLDER;
    public static final int MAX_FILES = 64;
    public static final int MAX_FILE_BYTES = LessonSource.MAX_FILE_BYTES;
    public static final long MAX_TOTAL_BYTES = 16L << 20;
    /** Folders inside the lesson (images/…), at most this deep. */
    public static final int MAX_DEPTH = 3;

    private LessonBundle() {
    }

    /**
     * Writes the project and every file of the lesson folder (recursively, hidden files left out) into one file,
     * atomically. The lesson must be a folder with a lesson.yaml.
     */
    public static void write(Path file, Project project, Path lessonFolder) throws IOException {
        Map<String, byte[]> lesson = readFolder(lessonFolder);
        ByteArrayOutputStream projectBytes = new ByteArrayOutputStream();
        ProjectFile.write(projectBytes, project);
        try {
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(projectBytes.toByteArray()))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    }
                }
                for (var entry : lesson.entrySet()) {
                    zip.putNextEntry(new ZipEntry(FOLDER + entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new IOException("Could not write " + file + " (" + (e.getMessage() == null ? e : e.getMessage())
                    + ").", e);
        }
    }

    /** The lesson folder's files by relative name ("lesson.yaml", "images/a.png"), checked against the limits. */
    static Map<String, byte[]> readFolder(Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve("lesson.yaml"))) {
            throw new IOException(folder + " is not a lesson folder: it has no lesson.yaml.");
        }
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : paths) {
            String name = folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            if (!plainName(name)) {
                continue; // hidden files, editor backups with odd names: not part of the lesson
            }
            if (files.size() >= MAX_FILES) {
                throw new IOException("The lesson " + folder + " has more than " + MAX_FILES + " files.");
            }
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                throw new IOException("The lesson file " + p + " is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB.");
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new IOException("The lesson " + folder + " is larger than " + (MAX_TOTAL_BYTES >> 20)
                        + " MiB in all.");
            }
            files.put(name, Files.readAllBytes(p));
        }
        return files;
    }

    /** Whether the file is a project file with a lesson in it; false for anything unreadable. */
    public static boolean hasLesson(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(FOLDER + "lesson.yaml") != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The bundle's lesson files by name relative to the lesson folder, read and checked whole.
     *
     * @throws ModelFormatException naming the file and the entry when an entry is unsafe, too large or damaged,
     *                              or when there is no lesson
     */
    public static Map<String, byte[]> readLesson(Path file) throws IOException {
        String source = file.toString();
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (!name.startsWith(FOLDER) && !escapes(name)) {
                    continue;
                }
                String inner = name.startsWith(FOLDER) ? name.substring(FOLDER.length()) : name;
                if (escapes(name) || !plainName(inner)) {
                    throw fail(source, name, "the entry name points outside the lesson folder or is not a plain "
                            + "file name; refusing the bundle");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    throw fail(source, name, "the lesson has more than " + MAX_FILES + " files");
                }
                if (files.containsKey(inner)) {
                    throw fail(source, name, "the entry appears twice");
                }
                long limit = Math.min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - total);
                byte[] bytes = ProjectFile.readCapped(zip, entry, limit, source); // capped while inflating
                total += bytes.length;
                files.put(inner, bytes);
            }
        } catch (ZipException e) {
            throw new ModelFormatException(source, 0, 0, "the file is not a complete project archive ("
                    + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, 0, 0, "the file is not a readable archive (" + e.getMessage()
                    + ")");
        }
        if (!files.containsKey("lesson.yaml")) {
            throw fail(source, FOLDER + "lesson.yaml", "the file carries no lesson");
        }
        return files;
    }

    /**
     * Writes the bundle's lesson into {@code folder} (created; it should be new and empty) and returns it as a
     * lesson source for LessonReader. Names were checked on reading, and are resolved and checked again here.
     */
    public static LessonSource extract(Path file, Path folder) throws IOException {
        Map<String, byte[]> files = readLesson(file);
        Path root = Files.createDirectories(folder).toRealPath();
        for (var entry : files.entrySet()) {
            Path target = root.resolve(entry.getKey()).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("The lesson file " + entry.getKey() + " in " + file + " points outside the "
                        + "lesson folder.");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, entry.getValue());
        }
        return LessonSource.folder(root);
    }

    /** An entry name that could land outside the archive's folder wherever it is extracted. */
    private static boolean escapes(String name) {
        return name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.contains("\0") || List.of(name.split("/", -1)).contains("..");
    }

    /** "lesson.yaml", "images/loss-1.png": plain parts, none hidden, none empty, at most MAX_DEPTH deep. */
    static boolean plainName(String name) {
        String[] parts = name.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            return false;
        }
        List<String> checked = new ArrayList<>();
        for (String part : parts) {
            if (!part.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")) {
                return false;
            }
            checked.add(part);
        }
        return !checked.isEmpty();
    }

    private static ModelFormatException fail(String source, String entry, String message) {
        return new ModelFormatException(source + " (" + entry + ")", 0, 0, message);
    }
}
