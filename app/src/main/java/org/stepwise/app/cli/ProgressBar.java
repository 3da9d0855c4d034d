// A one-line progress bar on stderr for people at a terminal; when output is piped or read by a script it does
// nothing, so logs and JSON stay clean.
package org.stepwise.app.cli;

import java.io.PrintStream;

final class ProgressBar {

    private static final int WIDTH = 40;

    private final PrintStream err;
    private final long total;
    private final String label;
    private long done;
    private int drawn = -1;

    private ProgressBar(PrintStream err, long total, String label) {
        this.err = err;
        this.total = Math.max(1, total);
        this.label = label;
    }

    /** A bar when {@code wanted} and a console is attached, else one that draws nothing. */
    static ProgressBar forTerminal(boolean wanted, long total) {
        return forTerminal(wanted, total, "");
    }

    /** The same, with {@code label} before the bar, e.g. "pretrain, epoch 2 ". */
    static ProgressBar forTerminal(boolean wanted, long total, String label) {
        return new ProgressBar(wanted && atTerminal() ? System.err : null, total, label);
    }

    // From JDK 22, System.console() may exist with output piped; Console.isTerminal() then tells, but it is not
    // in JDK 21, the oldest JDK Stepwise runs on, so it is looked up rather than called.
    private static boolean atTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    void advance() {
        done++;
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        // Redrawing only when a cell fills keeps a fast loop from spending its time on the terminal.
        if (err != null && filled != drawn) {
            drawn = filled;
            err.print("\r" + label + "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + Math.min(100, done * 100 / total) + "%");
            err.flush();
        }
    }

    /** Wipes the bar so the next line of output starts clean. */
    void clear() {
        if (err != null && drawn >= 0) {
            err.print("\r" + " ".repeat(label.length() + WIDTH + 8) + "\r");
            err.flush();
            drawn = -1;
        }
    }
}
