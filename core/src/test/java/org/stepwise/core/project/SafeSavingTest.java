// Kills a JVM in the middle of saving, again and again, and checks the file on disk is always one whole save; checks
// that autosave copies of a killed session are offered back and a cleanly closed one leaves nothing behind.
package org.stepwise.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelReader;

class SafeSavingTest {
    @TempDir
    Path dir;

    @Test
    void killingTheJvmDuringASaveLeavesTheLastCompleteSave() throws Exception {
        Path target = dir.resolve("work.stepwise");
        int killedMidSave = 0;
        for (int trial = 0; trial < 5; trial++) {
            int lastReported;
            try (ChildJvm child = new ChildJvm(SaveLoopChild.class, target.toString())) {
                int wanted = 2 + trial % 3;
                String line;
                do {
                    line = child.readLine();
                } while (!line.equals("saved " + wanted));
                lastReported = wanted;
                Thread.sleep(7L * trial);
                child.kill();
            }
            if (leftovers(target) > 0) {
                killedMidSave++;
            }
            Project p = ProjectFile.load(target).project();
            // Every weight carries the number of the save that wrote it: one whole save, never a mixture.
            float n = p.network().params().get(0).value()[0];
            assertTrue(n >= lastReported, "the file went back to save " + n + " after save " + lastReported);
            for (Param param : p.network().params()) {
                for (float v : param.value()) {
                    if (v != n) {
                        throw new AssertionError("a mixture of saves " + n + " and " + v);
                    }
                }
            }
        }
        // The saves run back to back, so kills land inside one; the temporary file it leaves proves it.
        assertTrue(killedMidSave >= 1, "no kill landed inside a save; the test did not test anything");
    }

    private static long leftovers(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("." + target.getFileName())).count();
        }
    }

    @Test
    void aKilledSessionsAutosaveIsOfferedBackAndLoads() throws Exception {
        Path folder = dir.resolve("recovery");
        Path original = dir.resolve("lesson.stepwise");
        try (ChildJvm child = new ChildJvm(AutosaveChild.class, folder.toString(), original.toString())) {
            assertTrue(child.readLine().startsWith("autosaved "));
            Recovery recovery = new Recovery(folder);
            assertEquals(List.of(), recovery.orphans(), "a live session's copy is not offered");
            child.kill();
        }
        Recovery recovery = new Recovery(folder);
        List<Recovery.Orphan> orphans = recovery.orphans();
        assertEquals(1, orphans.size());
        Recovery.Orphan orphan = orphans.get(0);
        assertEquals("unsaved work", orphan.projectName());
        assertEquals(original.toAbsolutePath(), orphan.original());
        Project restored = ProjectFile.load(orphan.file()).project();
        assertEquals(ModelReader.read(ProjectFileTest.IRIS_NET, "n.json"), restored.graph());

        recovery.discard(orphan);
        assertEquals(List.of(), recovery.orphans());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aCleanlyClosedSessionLeavesNothingToRecover() throws Exception {
        Recovery recovery = new Recovery(dir.resolve("recovery"));
        Project project = ProjectFileTest.irisProject("sgd");
        Recovery.Autosaver autosaver = recovery.start(project::copy, Duration.ofHours(1));
        autosaver.saveNow();
        assertNotNull(autosaver.lastSave());
        assertTrue(Files.exists(autosaver.copyFile()));
        assertEquals(List.of(), recovery.orphans(), "this process's own session is alive");
        autosaver.close();
        try (Stream<Path> files = Files.list(recovery.folder())) {
            assertEquals(0, files.count());
        }
    }
}
