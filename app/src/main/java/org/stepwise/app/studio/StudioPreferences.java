// What the studio remembers between runs, in java.util.prefs: language, theme, recent files, autosave interval.
package org.stepwise.app.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.stepwise.core.project.Recovery;

public final class StudioPreferences {
    public static final int RECENT_LIMIT = 8;
    private final Preferences node;

    public StudioPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences; tests pass a throwaway node instead. */
    public static StudioPreferences user() {
        return new StudioPreferences(Preferences.userRoot().node("org/stepwise/studio"));
    }

    /** The saved language, or null to follow the system. */
    public Locale language() {
        return I18n.parse(node.get("language", null));
    }

    public void setLanguage(Locale locale) {
        node.put("language", locale.equals(I18n.CHINESE) ? "zh-CN" : "en");
        flush();
    }

    public boolean darkTheme() {
        return node.getBoolean("dark", false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean("dark", dark);
        flush();
    }

    /** Whether stepping phase by phase selects the node being computed and shows its fresh values; on at first. */
    public boolean followComputation() {
        return node.getBoolean("followComputation", true);
    }

    public void setFollowComputation(boolean follow) {
        node.putBoolean("followComputation", follow);
        flush();
    }

    /** Whether the welcome opens when the studio starts: on the first run, and until the user says not to. */
    public boolean showWelcome() {
        return node.getBoolean("showWelcome", true);
    }

    public void setShowWelcome(boolean show) {
        node.putBoolean("showWelcome", show);
        flush();
    }

    /** How often a recovery copy is written; at least 5 seconds. */
    public Duration autosaveInterval() {
        long seconds = node.getLong("autosaveSeconds", Recovery.DEFAULT_INTERVAL.toSeconds());
        return Duration.ofSeconds(Math.max(5, seconds));
    }

    public void setAutosaveInterval(Duration interval) {
        node.putLong("autosaveSeconds", Math.max(5, interval.toSeconds()));
        flush();
    }

    /** Recently opened or saved files that still exist, newest first. */
    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (String entry : node.get("recent", "").split("\n")) {
            if (!entry.isBlank()) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    files.add(p);
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
        StringBuilder sb = new StringBuilder();
        for (Path p : files.subList(0, Math.min(RECENT_LIMIT, files.size()))) {
            sb.append(p).append('\n');
        }
        node.put("recent", sb.toString());
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience; failing to store them must not disturb the work.
        }
    }
}
