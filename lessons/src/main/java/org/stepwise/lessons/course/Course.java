// The course shipped with Stepwise: the lesson folders under this package's resources, in the order course.yaml
// lists them. Lessons 4 and later join by adding their folder there.
package org.stepwise.lessons.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.stepwise.lessons.format.LessonSource;

public final class Course {
    /** The resource folder holding course.yaml and one folder per lesson. */
    public static final String BASE = "org/stepwise/lessons/course";
    static final String INDEX = "course.yaml";

    private Course() {
    }

    /** The lesson folders' names in course order: "01-neuron", "02-activations", …. */
    public static List<String> folders() {
        try (InputStream in = Course.class.getClassLoader().getResourceAsStream(BASE + "/" + INDEX)) {
            if (in == null) {
                throw new IllegalStateException("The course index " + BASE + "/" + INDEX + " is not on the class "
                        + "path; the stepwise-lessons jar is incomplete");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            List<String> folders = new ArrayList<>();
            root.path("lessons").forEach(n -> folders.add(n.asText()));
            return List.copyOf(folders);
        } catch (IOException e) {
            throw new UncheckedIOException("The course index " + BASE + "/" + INDEX + " cannot be read", e);
        }
    }

    /** Every lesson of the course as a source to read, in course order. */
    public static List<LessonSource> sources() {
        return folders().stream().map(f -> LessonSource.classpath(BASE + "/" + f)).toList();
    }
}
