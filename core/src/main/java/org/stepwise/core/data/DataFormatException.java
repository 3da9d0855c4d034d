// A problem in a user's data file, worded "FILE:LINE:COLUMN: what is wrong; what was expected" for the GUI to show.
package org.stepwise.core.data;

import java.nio.file.Path;

/** Line and column are 1-based; 0 means "not applicable" and is left out of the message. */
public final class DataFormatException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public DataFormatException(Path file, int line, int column, String problem, String expected) {
        super(format(String.valueOf(file), line, column, problem, expected));
        this.file = String.valueOf(file);
        this.line = line;
        this.column = column;
    }

    public DataFormatException(Path file, String problem, String expected) {
        this(file, 0, 0, problem, expected);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** A memory size as people read it: "120 bytes", "64 KiB", "513 MiB" (rounded up). */
    static String describeBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1L << 20) {
            return ((bytes + 1023) >> 10) + " KiB";
        }
        return ((bytes + (1L << 20) - 1) >> 20) + " MiB";
    }

    private static String format(String file, int line, int column, String problem, String expected) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(problem);
        if (expected != null) {
            sb.append("; ").append(expected);
        }
        return sb.toString();
    }
}
