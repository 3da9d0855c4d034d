// Saves each learner's lesson progress in one small JSON file per user, written atomically, so the lesson panel
// resumes where the learner left off, on the next start too.
//
// The file is the user's own, but it is still read as a tree of plain values: a damaged file reads as no progress
// (and the next save replaces it) rather than stopping the lessons.
package org.stepwise.lessons.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.project.Recovery;

public final class ProgressStore {
    public static final String FORMAT = "stepwise-lesson-progress";
    public static final int VERSION = 1;
    /** Overrides where the file is, e.g. for a classroom machine's shared profile. */
    public static final String FILE_PROPERTY = "stepwise.lessons.progress";
    /** Far more than twelve lessons' worth; a larger file is not ours. */
    static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** @param file the progress file; its folder is created on the first save */
    public ProgressStore(Path file) {
        this.file = file;
    }

    /**
     * The {@value #FILE_PROPERTY} property if set, else lessons.json in Stepwise's state folder, beside the recovery
     * copies ({@link Recovery#stateFolder()}: ~/.local/state/stepwise on Linux).
     */
    public static Path defaultFile() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Recovery.stateFolder().resolve("lessons.json");
    }

    public Path file() {
        return file;
    }

    /** Every lesson's progress by lesson id; empty when there is no file or it cannot be read. */
    public Map<String, LessonProgress> loadAll() {
        Map<String, LessonProgress> all = new LinkedHashMap<>();
        JsonNode lessons = read().path("lessons");
        lessons.fieldNames().forEachRemaining(id -> parse(id, lessons.get(id)).ifPresent(p -> all.put(id, p)));
        return all;
    }

    public Optional<LessonProgress> load(String lesson) {
        return Optional.ofNullable(loadAll().get(lesson));
    }

    /** Saves one lesson's progress, keeping the others'. */
    public void save(LessonProgress progress) throws IOException {
        Map<String, LessonProgress> all = loadAll();
        all.put(progress.lesson(), progress);
        write(all);
    }

    /** Forgets one lesson's progress, as "Start over" does. */
    public void forget(String lesson) throws IOException {
        Map<String, LessonProgress> all = loadAll();
        if (all.remove(lesson) != null) {
            write(all);
        }
    }

    private void write(Map<String, LessonProgress> all) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        ObjectNode lessons = root.putObject("lessons");
        all.forEach((id, p) -> {
            ObjectNode o = lessons.putObject(id);
            o.put("step", p.step());
            ArrayNode completed = o.putArray("completed");
            p.completed().forEach(completed::add);
            ArrayNode goals = o.putArray("goals_met");
            p.goalsMet().forEach(goals::add);
            o.put("hints_shown", p.hintsShown());
            o.put("quiz_passed", p.quizPassed());
            o.put("finished", p.finished());
        });
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        AtomicFiles.write(file, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
    }

    private JsonNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return JSON.createObjectNode();
            }
            JsonNode root = JSON.readTree(bytes);
            boolean ours = root != null && FORMAT.equals(root.path("format").asText())
                    && root.path("version").asInt(0) <= VERSION;
            return ours ? root : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<LessonProgress> parse(String id, JsonNode o) {
        if (!o.isObject() || !o.path("step").isTextual()) {
            return Optional.empty();
        }
        List<String> completed = new ArrayList<>();
        o.path("completed").forEach(c -> {
            if (c.isTextual()) {
                completed.add(c.textValue());
            }
        });
        List<Boolean> goals = new ArrayList<>();
        o.path("goals_met").forEach(g -> goals.add(g.asBoolean(false)));
        return Optional.of(new LessonProgress(id, o.get("step").textValue(), completed, goals,
                Math.max(0, o.path("hints_shown").asInt(0)), o.path("quiz_passed").asBoolean(false),
                o.path("finished").asBoolean(false)));
    }
}
