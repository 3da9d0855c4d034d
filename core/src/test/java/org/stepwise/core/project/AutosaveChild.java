// Child JVM for the recovery test: autosaves a project every 50 ms, reports the first copy, then runs until killed.
package org.stepwise.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.stepwise.core.io.ModelReader;

public final class AutosaveChild {
    private AutosaveChild() {
    }

    public static void main(String[] args) throws Exception {
        Recovery recovery = new Recovery(Path.of(args[0]));
        Project project = Project.create("unsaved work", ModelReader.read(ProjectFileTest.IRIS_NET, "n.json"), null,
                TrainingSettings.defaults());
        Recovery.Autosaver autosaver = recovery.start(project::copy, Duration.ofMillis(50));
        autosaver.setOriginal(Path.of(args[1]));
        while (autosaver.lastSave() == null) {
            Thread.sleep(10);
        }
        System.out.println("autosaved " + Files.size(autosaver.copyFile()));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
