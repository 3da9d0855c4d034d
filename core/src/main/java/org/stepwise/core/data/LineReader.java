// Reads text lines (LF, CRLF or CR) with a length cap, so a binary or newline-free file cannot exhaust memory.
//
// The reader must decode with replacement: a U+FFFD in a line is reported as invalid UTF-8 at its exact position,
// which a reporting decoder cannot do because it decodes ahead of the line being read.
package org.stepwise.core.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

final class LineReader {
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader in;
    private final Path file;
    private final StringBuilder line = new StringBuilder();
    private int lineNumber;
    private long charsRead;
    private int pushedBack = -2;

    LineReader(Reader in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** The next line without its terminator, or null at the end; a leading UTF-8 BOM is dropped. */
    String next() throws IOException {
        line.setLength(0);
        int c = read();
        if (c < 0) {
            return null;
        }
        lineNumber++;
        if (lineNumber == 1 && c == '\uFEFF') {
            c = read();
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() == MAX_LINE_CHARS) {
                throw new DataFormatException(file, lineNumber, 0, "the line is longer than " + MAX_LINE_CHARS
                        + " characters", "expected a text file with one row per line");
            }
            if (c == '\uFFFD') {
                throw new DataFormatException(file, lineNumber, line.length() + 1, "the text is not valid UTF-8",
                        "expected a UTF-8 (or ASCII) CSV file");
            }
            line.append((char) c);
            c = read();
        }
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                pushedBack = after;
            }
        }
        return line.toString();
    }

    /** The 1-based number of the line last returned. */
    int lineNumber() {
        return lineNumber;
    }

    /** Characters consumed so far, terminators included; the size estimate scales this to the whole file. */
    long charsRead() {
        return charsRead;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int c = in.read();
        if (c >= 0) {
            charsRead++;
        }
        return c;
    }
}
