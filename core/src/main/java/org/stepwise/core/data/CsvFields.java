// Splits one CSV line into fields (quotes with "" escapes) and guesses the delimiter from a few sample lines.
//
// Deliberately line-based: a quoted field that runs past the end of its line is reported, not joined with the next.
package org.stepwise.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

final class CsvFields {
    /** Tried in this order; the first that splits the samples consistently wins, so "1,5;2,3" reads as two fields. */
    private static final char[] DELIMITERS = {'\t', ';', ','};

    private final List<String> cells = new ArrayList<>();
    private final StringBuilder quoted = new StringBuilder();
    private int[] columns = new int[16];

    int size() {
        return cells.size();
    }

    String get(int i) {
        return cells.get(i);
    }

    /** The 1-based character position where field {@code i} starts on its line. */
    int column(int i) {
        return columns[i];
    }

    List<String> cells() {
        return List.copyOf(cells);
    }

    void split(String line, char delimiter, Path file, int lineNumber) {
        cells.clear();
        int len = line.length();
        int i = 0;
        while (true) {
            int j = i;
            while (j < len && line.charAt(j) == ' ') {
                j++;
            }
            if (j < len && line.charAt(j) == '"') {
                int k = readQuoted(line, j, file, lineNumber);
                while (k < len && line.charAt(k) == ' ') {
                    k++;
                }
                if (k < len && line.charAt(k) != delimiter) {
                    throw new DataFormatException(file, lineNumber, k + 1, "unexpected text after a closing quote",
                            "expected the delimiter " + describe(delimiter) + " or the end of the line");
                }
                add(quoted.toString(), j + 1);
                if (k >= len) {
                    return;
                }
                i = k + 1;
            } else {
                int k = line.indexOf(delimiter, i);
                int end = k < 0 ? len : k;
                add(line.substring(i, end).trim(), i + 1);
                if (k < 0) {
                    return;
                }
                i = k + 1;
            }
        }
    }

    /** Reads the quoted field opening at {@code open} into {@link #quoted}; returns the index after its close. */
    private int readQuoted(String line, int open, Path file, int lineNumber) {
        quoted.setLength(0);
        int k = open + 1;
        while (true) {
            if (k >= line.length()) {
                throw new DataFormatException(file, lineNumber, open + 1, "the quoted field is not closed on its line",
                        "expected a closing \" (line breaks inside quoted fields are not supported)");
            }
            char c = line.charAt(k);
            if (c == '"') {
                if (k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    quoted.append('"');
                    k += 2;
                    continue;
                }
                return k + 1;
            }
            quoted.append(c);
            k++;
        }
    }

    private void add(String cell, int column) {
        if (cells.size() == columns.length) {
            columns = Arrays.copyOf(columns, columns.length * 2);
        }
        columns[cells.size()] = column;
        cells.add(cell);
    }

    /**
     * The delimiter that gives most sample lines the same field count (above one) as the first line; ties go to the
     * earlier of tab, semicolon, comma. A ragged line therefore does not hide the delimiter, and is reported later.
     */
    static char detectDelimiter(List<String> lines) {
        char best = ',';
        int bestScore = 0;
        for (char d : DELIMITERS) {
            int first = count(lines.get(0), d);
            if (first < 2) {
                continue;
            }
            int score = 0;
            for (String line : lines) {
                if (count(line, d) == first) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return best;
    }

    static String describe(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    /** Field count ignoring delimiters inside quotes; lenient, since it only serves the guess. */
    private static int count(String line, char delimiter) {
        int n = 1;
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == delimiter && !inQuotes) {
                n++;
            }
        }
        return n;
    }
}
