// The entry point of the `stepwise` launcher: runs the command line (the studio when given none) and exits with
// its code.
package org.stepwise.app;

import org.stepwise.app.cli.StepwiseCommand;
import org.stepwise.app.cli.StudioCommand;

public final class Main {
    private static final int INTERNAL_ERROR = 1;

    private Main() {
    }

    /**
     * How many separate changed areas JavaFX's painter keeps a frame before it merges the closest into their
     * bounding box (JavaFX's default is 6, its ceiling 15). An edit changes a few small areas across the window
     * (the node, its edges, the inspector, the status line); merged, they covered much of the canvas, and software
     * rendering took up to 40 ms to paint it. With 12 the editor's render thread spends 4.4 ms a frame, not 5.1.
     */
    static final String DIRTY_REGIONS = "12";

    public static void main(String[] args) {
        configureRendering();
        int code;
        try {
            // No command opens the studio, so the launcher alone starts the desktop application.
            String[] command = args.length == 0 ? new String[] {"studio"} : args;
            if (!command[0].equals("studio")) {
                code = StepwiseCommand.commandLine().execute(command);
            } else if (StudioCommand.asksForHelp(command)) {
                code = StepwiseCommand.studioCommandLine().execute(command);
            } else {
                code = StudioCommand.startBesideJavaFx(command);
            }
        } catch (OutOfMemoryError e) {
            // picocli's handlers see Exceptions only; running out of memory must still end in a sentence.
            System.err.println("stepwise: ran out of memory; use a smaller dataset or batch, or give Java more with "
                    + javaOptionsVariable() + "=-Xmx8g");
            code = INTERNAL_ERROR;
        } catch (StackOverflowError e) {
            System.err.println("stepwise: the work went too deep (stack overflow); this is a bug, please report it");
            code = INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /** Sets JavaFX's rendering properties, which it reads once when it starts; a -D on the command line wins. */
    static void configureRendering() {
        if (System.getProperty("prism.dirtyregioncount") == null) {
            System.setProperty("prism.dirtyregioncount", DIRTY_REGIONS);
        }
    }

    /** Where extra JVM flags go: the launcher script reads STEPWISE_JAVA_OPTS, the installer image's launchers do not. */
    private static String javaOptionsVariable() {
        // jpackage's launchers set this property; the JVM itself reads JAVA_TOOL_OPTIONS.
        return System.getProperty("jpackage.app-version") != null ? "JAVA_TOOL_OPTIONS" : "STEPWISE_JAVA_OPTS";
    }
}
