// One mistake in a lesson's files, placed like a compiler's: "01-neuron/lesson.yaml:12:7: unknown key 'goa'".
package org.stepwise.lessons.format;

/**
 * @param file   the file as messages name it
 * @param line   1-based, or 0 when the mistake concerns the file as a whole
 * @param column 1-based, or 0 when only the line is known
 */
public record LessonProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file).append(':');
        if (line > 0) {
            sb.append(line).append(':');
            if (column > 0) {
                sb.append(column).append(':');
            }
        }
        return sb.append(' ').append(message).toString();
    }
}
