// The example projects shipped in assets (trained, small), which the welcome and Help offer. Each is read from the
// class path into a temporary file and through the project reader like any other file, then opened unsaved.
package org.stepwise.app.studio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;

public final class Examples {
    /** Where the examples live on the class path (the assets module). */
    static final String BASE = "/org/stepwise/assets/examples/";
    /** The examples, by id: the file is {@code <id>.stepwise}; titles and descriptions are in the bundles. */
    public static final List<String> IDS = List.of("spiral", "iris", "xor-perceptron");

    private Examples() {
    }

    /** The example as a project named after it, with no file: saving asks where. */
    public static Project open(String id) throws IOException {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("No example " + id);
        }
        Path temp = Files.createTempFile("stepwise-example-", ".stepwise");
        try {
            try (InputStream in = Examples.class.getResourceAsStream(BASE + id + ".stepwise")) {
                if (in == null) {
                    throw new IOException("the example " + id + " is missing from this build");
                }
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ProjectFile.load(temp).project().withName(id);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
