// A file chooser for the window tests: answers every file question with the same path, as a user picking it in the
// dialog would.
package org.stepwise.app.studio;

import java.nio.file.Path;

record FixedChooser(Path path) implements FileActions.PathChooser {
    @Override
    public Path openProject(FileActions actions) {
        return path;
    }

    @Override
    public Path saveProject(FileActions actions, String suggestedName) {
        return path;
    }

    @Override
    public Path exportTarget(FileActions actions, String format, String suggestedName) {
        return path;
    }
}
