// A network description that cannot be read: one message a student understands, and where it points in the file.
//
// The message reads like a compiler's, "model.json:12:7: layer 3: unknown key 'unit' (did you mean 'units'?)", so
// the CLI prints it as it is; the editor uses the fields to put the caret on the mistake.
package org.stepwise.core.io;

public class ModelFormatException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param file   the file or source as the user named it, or null (a template name from the command line)
     * @param line   1-based, or 0 when the mistake has no place in a file (the file is too large, say)
     * @param column 1-based, or 0 with line 0
     * @param detail what is wrong, without the place
     */
    public ModelFormatException(String file, int line, int column, String detail) {
        super(format(file, line, column, detail));
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
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

    /** The message without the place, for a dialog that shows the place separately. */
    public String detail() {
        return detail;
    }

    private static String format(String file, int line, int column, String detail) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(':');
        }
        if (line > 0) {
            sb.append(line).append(':').append(column).append(':');
        }
        return sb.isEmpty() ? detail : sb.append(' ').append(detail).toString();
    }
}
