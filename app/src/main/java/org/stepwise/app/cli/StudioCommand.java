// `stepwise studio [FILE] [--lang en|zh-CN]`: opens the studio; the launcher runs this when given no command.
package org.stepwise.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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
        StudioApp.launch(new StudioApp.Options(file, locale, screenshots, timing));
        return 0;
    }
}
