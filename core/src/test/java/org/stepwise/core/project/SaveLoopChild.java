// Child JVM for the kill-during-save test: saves one project over and over, each time with every weight set to the
// save's number, and prints "saved N" after each save returns.
package org.stepwise.core.project;

import java.nio.file.Path;
import java.util.Arrays;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelReader;

public final class SaveLoopChild {
    /** About 1.6 million weights: a save takes long enough that a kill usually lands inside one. */
    static final String BIG_NET = """
            {"input": [400], "layers": [{"dense": 2000, "act": "relu"}, {"dense": 400}]}""";

    private SaveLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Project project = Project.create("big", ModelReader.read(BIG_NET, "big.json"), null,
                TrainingSettings.defaults());
        for (int n = 1; ; n++) {
            for (Param p : project.network().params()) {
                Arrays.fill(p.value(), n);
            }
            ProjectFile.save(target, project);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
