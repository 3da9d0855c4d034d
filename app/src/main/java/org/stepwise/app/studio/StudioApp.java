// The JavaFX application: picks the language and theme, opens the project given on the command line (or the
// default one), offers recovery copies left by a crash, starts autosave and shows the window.
package org.stepwise.app.studio;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Recovery;

public final class StudioApp extends Application {

    /**
     * How the studio was asked to start.
     *
     * @param file        a project to open, or null for the default project
     * @param language    the language, or null for the saved preference, else the system's
     * @param screenshots a folder to write screenshots of the main views into, then quit; null to run normally
     * @param timing      print how long the window took to become interactive
     */
    public record Options(Path file, Locale language, Path screenshots, boolean timing) {
    }

    private static volatile Options options = new Options(null, null, null, false);
    private MainWindow window;

    /** The options still being read from the command line, when JavaFX was started before they were known. */
    private static volatile CompletableFuture<Options> pending;

    /** Starts the studio and returns when its window has closed. */
    public static void launch(Options startWith) {
        options = startWith;
        Application.launch(StudioApp.class);
    }

    /**
     * Starts JavaFX at once and the studio when {@code startWith} completes; completed with null, JavaFX closes
     * again without a window. Returns when JavaFX has closed.
     */
    public static void launchWhenReady(CompletableFuture<Options> startWith) {
        pending = startWith;
        try {
            Application.launch(StudioApp.class);
        } finally {
            pending = null;
        }
    }

    @Override
    public void start(Stage stage) {
        if (pending != null) {
            Options ready = pending.join();
            if (ready == null) {
                Platform.exit();
                return;
            }
            options = ready;
        }
        long started = System.currentTimeMillis();
        // Screenshots switch themes and languages; they must not change what the user chose.
        StudioPreferences preferences = options.screenshots() == null ? StudioPreferences.user()
                : new StudioPreferences(options.screenshots().resolve("settings.json"));
        Locale locale = options.language() != null ? options.language()
                : preferences.language() != null ? preferences.language() : Locale.getDefault();
        I18n i18n = new I18n(locale);
        Locale.setDefault(i18n.locale());
        Themes.apply(preferences.theme());
        Themes.scale(preferences.uiScale());

        Project initial = DefaultProjects.standard();
        Path file = null;
        String openError = null;
        if (options.file() != null) {
            try {
                ProjectFile.Loaded loaded = ProjectFile.load(options.file());
                initial = loaded.project();
                file = loaded.fileVersion() < ProjectFile.VERSION ? null : options.file();
                preferences.addRecent(options.file());
            } catch (IOException | RuntimeException e) {
                openError = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        Workspace workspace = new Workspace(initial, file);
        window = new MainWindow(stage, workspace, i18n, preferences);
        stage.show();
        if (options.timing()) {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            Platform.runLater(() -> System.err.printf(Locale.ROOT, "stepwise: the studio was interactive %d ms "
                    + "after the JVM started (JavaFX up after %d ms, the window built and shown in %d ms)%n",
                    System.currentTimeMillis() - jvmStart, started - jvmStart, System.currentTimeMillis() - started));
        }
        if (options.screenshots() != null) {
            Platform.runLater(() -> Screenshots.takeAll(window, options.screenshots()));
            return;
        }
        if (openError != null) {
            Dialogs.error(stage, i18n, i18n.text("open.failed.title", options.file().getFileName()), openError);
        }
        // The recovery folder is read off the FX thread, so the window does not wait for it: making Recovery's JSON
        // reader alone takes a few hundred milliseconds. What it finds is offered on the FX thread, then autosave
        // starts there.
        Thread.ofPlatform().daemon().name("stepwise-recovery").start(() -> {
            Recovery recovery = new Recovery(Recovery.defaultFolder());
            List<Recovery.Orphan> orphans;
            try {
                orphans = recovery.orphans();
            } catch (IOException | RuntimeException e) {
                orphans = List.of(); // an unreadable copy is not offered; it stays for a later start
            }
            List<Recovery.Orphan> found = orphans;
            Platform.runLater(() -> {
                if (stage.isShowing()) {
                    offerRecovery(recovery, found, window, i18n);
                    startAutosave(recovery);
                    if (preferences.showWelcome() && options.file() == null && found.isEmpty()) {
                        window.showWelcome();
                    }
                }
            });
        });
    }

    private void startAutosave(Recovery recovery) {
        try {
            window.files().startAutosave(recovery);
        } catch (IOException e) {
            System.err.println("stepwise: autosave is off: " + e.getMessage());
        }
    }

    /** Offers the newest copy a crashed session left; the others stay for a later start. */
    private static void offerRecovery(Recovery recovery, List<Recovery.Orphan> orphans, MainWindow window,
                                      I18n i18n) {
        if (orphans.isEmpty()) {
            return;
        }
        Recovery.Orphan orphan = orphans.get(0);
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(i18n.locale())
                .format(orphan.savedAt().atZone(ZoneId.systemDefault()));
        boolean restore = Dialogs.confirm(window.stage(), i18n, i18n.text("recovery.title"),
                i18n.text("recovery.message", orphan.projectName(), when), "recovery.restore");
        try {
            if (restore) {
                Project project = ProjectFile.load(orphan.file()).project();
                window.workspace().load(project, orphan.original());
                window.workspace().stack().markUnsaved();
                window.refreshTitle();
            }
            recovery.discard(orphan);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(window.stage(), i18n, i18n.text("recovery.failed"), e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.files().close();
        }
    }
}
