// What the studio remembers between runs: language, theme, UI scale, recent files, autosave interval and whether
// stepping follows the computation. They live in one small JSON settings file (settings.json in Stepwise's state
// folder, beside lessons.json with the lesson progress), written atomically after every change.
//
// A damaged or foreign file never stops the studio: it reads as the defaults, a copy is kept beside it as
// settings.json.damaged for whoever wants to look, and the next change writes a good file over it.
package org.stepwise.app.studio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.io.JsonScalars;
import org.stepwise.core.project.Recovery;

public final class StudioPreferences {
    public static final int RECENT_LIMIT = 8;
    public static final String FORMAT = "stepwise-settings";
    public static final int VERSION = 1;
    /** Overrides where the settings file is, e.g. for a classroom machine's shared profile. */
    public static final String FILE_PROPERTY = "stepwise.settings";
    /** The UI scale's range and step, in percent. */
    public static final int MIN_SCALE = 100;
    public static final int MAX_SCALE = 200;
    public static final int SCALE_STEP = 25;
    /** A settings file is a few hundred bytes; a much larger one is not ours. */
    static final int MAX_BYTES = 1 << 20;
    static final String DAMAGED_SUFFIX = ".damaged";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Made at the first write. Every start reads the settings, and with the streaming parser alone: making an
     * ObjectMapper costs a cold JVM about 50 ms, all of it before the window can open.
     */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private final Path file;
    private final ObjectNode settings;

    /** @param file the settings file; its folder is created on the first change */
    public StudioPreferences(Path file) {
        this.file = file;
        this.settings = file == null ? NODES.objectNode() : read(file);
    }

    /** Settings kept in memory only, for benchmarks: nothing is read or written. */
    public static StudioPreferences inMemory() {
        return new StudioPreferences(null);
    }

    /** The user's settings; tests and screenshots pass a file of their own instead. */
    public static StudioPreferences user() {
        Path file = defaultFile();
        boolean fresh = !Files.exists(file);
        StudioPreferences preferences = new StudioPreferences(file);
        if (fresh) {
            // Written even when there was nothing to take over, so that the look into java.util.prefs (a timer
            // thread and a folder of its own) happens on the first start only.
            preferences.importOldPreferences();
            preferences.write();
        }
        return preferences;
    }

    /** The {@value #FILE_PROPERTY} property if set, else settings.json in {@link Recovery#stateFolder()}. */
    public static Path defaultFile() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Recovery.stateFolder().resolve("settings.json");
    }

    /** The settings file; null for {@link #inMemory()}. */
    public Path file() {
        return file;
    }

    /** The saved language, or null to follow the system. */
    public Locale language() {
        JsonNode language = settings.get("language");
        return language != null && language.isTextual() ? I18n.parse(language.asText()) : null;
    }

    public void setLanguage(Locale locale) {
        settings.put("language", locale.equals(I18n.CHINESE) ? "zh-CN" : "en");
        write();
    }

    /** The saved theme; light at first, and for a name this version does not know. */
    public Theme theme() {
        return Theme.parse(settings.path("theme").asText(""));
    }

    public void setTheme(Theme theme) {
        settings.put("theme", theme.key());
        write();
    }

    /** Whether the saved theme has a dark background (dark or high contrast). */
    public boolean darkTheme() {
        return theme().dark();
    }

    public void setDarkTheme(boolean dark) {
        setTheme(dark ? Theme.DARK : Theme.LIGHT);
    }

    /** The UI scale in percent: 100 to 200 in steps of 25, 100 at first. */
    public int uiScale() {
        return clampScale(settings.path("uiScale").asInt(MIN_SCALE));
    }

    public void setUiScale(int percent) {
        settings.put("uiScale", clampScale(percent));
        write();
    }

    /** {@code percent} rounded to the nearest step of the scale and kept in its range. */
    public static int clampScale(int percent) {
        int stepped = Math.round(percent / (float) SCALE_STEP) * SCALE_STEP;
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, stepped));
    }

    /** Whether stepping phase by phase selects the node being computed and shows its fresh values; on at first. */
    public boolean followComputation() {
        return settings.path("followComputation").asBoolean(true);
    }

    public void setFollowComputation(boolean follow) {
        settings.put("followComputation", follow);
        write();
    }

    /** Whether the welcome opens when the studio starts: on the first run, and until the user says not to. */
    public boolean showWelcome() {
        return settings.path("showWelcome").asBoolean(true);
    }

    public void setShowWelcome(boolean show) {
        settings.put("showWelcome", show);
        write();
    }

    /** How often a recovery copy is written; at least 5 seconds. */
    public Duration autosaveInterval() {
        long seconds = settings.path("autosaveSeconds").asLong(Recovery.DEFAULT_INTERVAL.toSeconds());
        return Duration.ofSeconds(Math.max(5, seconds));
    }

    public void setAutosaveInterval(Duration interval) {
        settings.put("autosaveSeconds", Math.max(5, interval.toSeconds()));
        write();
    }

    /** Recently opened or saved files that still exist, newest first. */
    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (JsonNode entry : settings.path("recent")) {
            if (entry.isTextual() && !entry.asText().isBlank()) {
                try {
                    Path p = Path.of(entry.asText());
                    if (Files.isRegularFile(p)) {
                        files.add(p);
                    }
                } catch (RuntimeException e) {
                    // A path this system cannot read is left out, not fatal.
                }
            }
        }
        return files;
    }

    public void addRecent(Path file) {
        List<Path> files = new ArrayList<>(recentFiles());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        ArrayNode recent = settings.putArray("recent");
        files.subList(0, Math.min(RECENT_LIMIT, files.size())).forEach(p -> recent.add(p.toString()));
        write();
    }

    private void write() {
        settings.put("format", FORMAT).put("version", VERSION);
        if (file == null) {
            return;
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            AtomicFiles.write(file, out -> out.write(Writer.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(settings)));
        } catch (IOException | RuntimeException e) {
            // Settings are a convenience; failing to store them must not disturb the work.
        }
    }

    private static ObjectNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return NODES.objectNode();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length <= MAX_BYTES) {
                JsonNode root = readTree(bytes);
                if (root instanceof ObjectNode object && FORMAT.equals(root.path("format").asText())
                        && root.path("version").asInt(0) <= VERSION) {
                    return object;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Damaged: kept aside below, read as the defaults.
        }
        keepDamaged(file);
        return NODES.objectNode();
    }

    /** The whole text as a tree; fails on anything but one JSON value, as a damaged file would. */
    static JsonNode readTree(byte[] bytes) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "empty settings file");
            }
            JsonNode root = value(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more after the settings");
            }
            return root;
        }
    }

    /** The value that starts at the parser's current token; the parser's depth limit bounds the recursion. */
    private static JsonNode value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "the settings end too early");
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            default -> {
                JsonNode scalar = JsonScalars.at(parser);
                if (scalar == null) {
                    throw new JsonParseException(parser, "unexpected " + token);
                }
                yield scalar;
            }
        };
    }

    private static void keepDamaged(Path file) {
        try {
            Files.copy(file, file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // The copy is a courtesy; the studio starts with the defaults either way.
        }
    }

    /** The first run after settings moved to the file takes what java.util.prefs held; user() writes it. */
    private void importOldPreferences() {
        try {
            Preferences root = Preferences.userRoot();
            if (!root.nodeExists("org/stepwise/studio")) {
                return;
            }
            Preferences old = root.node("org/stepwise/studio");
            String language = old.get("language", null);
            if (language != null) {
                settings.put("language", language);
            }
            if (old.getBoolean("dark", false)) {
                settings.put("theme", Theme.DARK.key());
            }
            settings.put("followComputation", old.getBoolean("followComputation", true));
            settings.put("autosaveSeconds", old.getLong("autosaveSeconds", Recovery.DEFAULT_INTERVAL.toSeconds()));
            ArrayNode recent = settings.putArray("recent");
            for (String entry : old.get("recent", "").split("\n")) {
                if (!entry.isBlank()) {
                    recent.add(entry);
                }
            }
        } catch (BackingStoreException | RuntimeException e) {
            // Nothing to take over; the defaults stand.
        }
    }
}
