// `stepwise studio [FILE] [--lang en|zh-CN]`: opens the studio; the launcher runs this when given no command.
package org.stepwise.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StudioApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "studio",
        mixinStandardHelpOptions = true,
        description = "Opens the Stepwise studio, on FILE or on the default project (the spiral and a 2-8-8-1 net).")
public final class StudioCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A .stepwise project to open.")
    private Path file;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or zh-CN (default: the saved choice, else the "
            + "system's language).")
    private String language;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "Write screenshots of the main views, in "
            + "both languages and themes, into DIR and quit (run under xvfb-run on a machine without a display).")
    private Path screenshots;

    @Option(names = "--timing", description = "Print how many milliseconds after the JVM started the window was "
            + "interactive.")
    private boolean timing;

    @Override
    public Integer call() {
        Locale locale = null;
        if (language != null) {
            locale = I18n.parse(language);
            if (locale == null) {
                throw new IllegalArgumentException("--lang takes en or zh-CN, not " + language);
            }
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No project file " + file);
        }
        opener.accept(new StudioApp.Options(file, locale, screenshots, timing));
        return 0;
    }

    /** What call() hands the options to: the studio itself, unless {@link #startBesideJavaFx} waits for them. */
    private static volatile Consumer<StudioApp.Options> opener = StudioApp::launch;

    /**
     * Runs {@code stepwise studio …} with JavaFX starting up while picocli reads the command line on a thread of its
     * own. Picocli's first command line costs a cold JVM about 0.2 s, the toolkit's start about 0.3 s; one after the
     * other they were a fifth of the time to an interactive window. Help, the version and a mistake in the command
     * line end as they always did: picocli prints them, JavaFX closes again without a window, and its exit code is
     * returned.
     */
    public static int startBesideJavaFx(String[] command) {
        CompletableFuture<StudioApp.Options> options = new CompletableFuture<>();
        opener = options::complete;
        int[] code = {0};
        Thread reader = Thread.ofPlatform().name("stepwise-command-line").start(() -> {
            try {
                code[0] = StepwiseCommand.studioCommandLine().execute(command);
            } finally {
                options.complete(null); // no studio was asked for, or call() failed: nothing to wait for
            }
        });
        try {
            StudioApp.launchWhenReady(options);
        } catch (RuntimeException e) {
            // JavaFX could not start (no display, say). If the command line asked for no studio, what picocli
            // printed is the answer; otherwise this failure is, reported as picocli reports one.
            if (options.join() != null) {
                System.err.println("stepwise: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                if (List.of(command).contains("--debug")) {
                    e.printStackTrace();
                }
                return StepwiseCommand.INTERNAL_ERROR;
            }
        } finally {
            opener = StudioApp::launch;
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code[0];
    }

    /** Whether picocli is to print help or the version: then JavaFX is not started at all. */
    public static boolean asksForHelp(String[] command) {
        return List.of(command).stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version"));
    }
}
