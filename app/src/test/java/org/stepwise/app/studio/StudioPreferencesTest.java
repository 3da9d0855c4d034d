// The settings file: every setting comes back from the file a new run reads, the file is JSON of our format, a
// damaged or foreign file reads as the defaults with a copy kept aside, and the UI scale stays in 100–200 %.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void everySettingIsReadBackByTheNextRun() throws Exception {
        Path file = dir.resolve("state/settings.json");
        Path project = Files.writeString(dir.resolve("a.stepwise"), "{}");
        StudioPreferences first = new StudioPreferences(file);
        first.setLanguage(I18n.CHINESE);
        first.setTheme(Theme.HIGH_CONTRAST);
        first.setUiScale(175);
        first.setFollowComputation(false);
        first.setAutosaveInterval(Duration.ofSeconds(42));
        first.addRecent(project);

        StudioPreferences next = new StudioPreferences(file);
        assertEquals(I18n.CHINESE, next.language());
        assertEquals(Theme.HIGH_CONTRAST, next.theme());
        assertTrue(next.darkTheme(), "high contrast is dark-based");
        assertEquals(175, next.uiScale());
        assertFalse(next.followComputation());
        assertEquals(Duration.ofSeconds(42), next.autosaveInterval());
        assertEquals(List.of(project.toAbsolutePath().normalize()), next.recentFiles());

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(StudioPreferences.FORMAT, json.path("format").asText());
        assertEquals("zh-CN", json.path("language").asText());
        assertEquals("high-contrast", json.path("theme").asText());
        assertEquals(175, json.path("uiScale").asInt());
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(List.of(file), leftovers.toList(), "written atomically, no temporary file left");
        }
    }

    @Test
    void aFreshFileHoldsTheDefaults() {
        StudioPreferences fresh = new StudioPreferences(dir.resolve("settings.json"));
        assertNull(fresh.language());
        assertEquals(Theme.LIGHT, fresh.theme());
        assertEquals(100, fresh.uiScale());
        assertTrue(fresh.followComputation());
        assertTrue(fresh.recentFiles().isEmpty());
        assertFalse(Files.exists(dir.resolve("settings.json")), "reading writes nothing");
    }

    @Test
    void aDamagedFileReadsAsTheDefaultsKeepsACopyAndIsReplacedByTheNextChange() throws Exception {
        Path file = dir.resolve("settings.json");
        String damaged = "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":\"dark\",\"uiSc";
        Files.writeString(file, damaged);
        StudioPreferences prefs = new StudioPreferences(file);
        assertEquals(Theme.LIGHT, prefs.theme());
        assertEquals(100, prefs.uiScale());
        assertEquals(damaged, Files.readString(dir.resolve("settings.json.damaged")));

        prefs.setUiScale(150);
        assertEquals(150, new StudioPreferences(file).uiScale());
        assertEquals(damaged, Files.readString(dir.resolve("settings.json.damaged")), "the copy stays");
    }

    @Test
    void aForeignOrWronglyTypedFileIsNotTrusted() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "[1, 2, 3]");
        assertEquals(Theme.LIGHT, new StudioPreferences(file).theme());
        Files.writeString(file, "{\"format\":\"someone-else\",\"theme\":\"dark\"}");
        assertEquals(Theme.LIGHT, new StudioPreferences(file).theme());
        Files.writeString(file, "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":7,\"uiScale\":\"big\","
                + "\"recent\":{\"x\":1},\"language\":[]}");
        StudioPreferences odd = new StudioPreferences(file);
        assertEquals(Theme.LIGHT, odd.theme());
        assertEquals(100, odd.uiScale());
        assertTrue(odd.recentFiles().isEmpty());
        assertNull(odd.language());
    }

    @Test
    void theScaleStaysBetween100And200PercentInStepsOf25() {
        StudioPreferences prefs = new StudioPreferences(dir.resolve("settings.json"));
        prefs.setUiScale(400);
        assertEquals(200, prefs.uiScale());
        prefs.setUiScale(10);
        assertEquals(100, prefs.uiScale());
        prefs.setUiScale(160);
        assertEquals(150, prefs.uiScale());
        assertEquals(Locale.ENGLISH, withLanguage(prefs, Locale.ENGLISH).language());
    }

    @Test
    void inMemorySettingsWriteNothing() {
        StudioPreferences memory = StudioPreferences.inMemory();
        memory.setTheme(Theme.DARK);
        assertEquals(Theme.DARK, memory.theme());
        assertNull(memory.file());
    }

    private static StudioPreferences withLanguage(StudioPreferences prefs, Locale locale) {
        prefs.setLanguage(locale);
        return prefs;
    }

    @Test
    void theSettingsReaderBuildsTheTreeJacksonsMapperWould() throws Exception {
        String text = "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":\"dark\",\"uiScale\":150,"
                + "\"recent\":[\"/a b/c.stepwise\",\"d\"],\"nested\":{\"x\":[true,false,null,{}],\"y\":-2.5e3},"
                + "\"big\":123456789012345678901234567890,\"long\":9007199254740993,\"text\":\"\\u00e9\\n\\\"\"}";
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes), StudioPreferences.readTree(bytes));
    }

    @Test
    void settingsNestedTooDeeplyOrFollowedByMoreReadAsTheDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":\"dark\",\"deep\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertEquals(Theme.LIGHT, new StudioPreferences(file).theme());
        Files.writeString(file, "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":\"dark\"} {}");
        assertEquals(Theme.LIGHT, new StudioPreferences(file).theme());
        Files.writeString(file, "");
        assertEquals(Theme.LIGHT, new StudioPreferences(file).theme());
        Files.writeString(file, "{\"format\":\"stepwise-settings\",\"version\":1,\"theme\":\"dark\"}");
        assertEquals(Theme.DARK, new StudioPreferences(file).theme(), "the same file without the extra is read");
    }

    @Test
    void theUsersSettingsFileIsWrittenAtTheFirstStartSoTheNextDoesNotLookForOlderSettings() throws Exception {
        Path file = dir.resolve("first").resolve("settings.json");
        String before = System.getProperty(StudioPreferences.FILE_PROPERTY);
        System.setProperty(StudioPreferences.FILE_PROPERTY, file.toString());
        try {
            StudioPreferences first = StudioPreferences.user();
            assertTrue(Files.isRegularFile(file), "written at the first start");
            String written = Files.readString(file);
            assertTrue(written.contains("\"format\" : \"stepwise-settings\""), written);
            assertEquals(first.theme(), StudioPreferences.user().theme());
            assertEquals(written, Files.readString(file), "a later start reads it and writes nothing");
        } finally {
            if (before == null) {
                System.clearProperty(StudioPreferences.FILE_PROPERTY);
            } else {
                System.setProperty(StudioPreferences.FILE_PROPERTY, before);
            }
        }
    }
}
