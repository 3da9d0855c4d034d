// Keeps the seed corpus honest: valid-* seeds still load and invalid-* seeds still fail the documented way, so the
// fuzzers start from files that reach deep into each loader.
package org.stepwise.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

@Tag("fuzz")
class SeedCorpusTest {
    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> validSeedsLoadAndInvalidSeedsFailCleanly() {
        return LoaderTarget.ALL.stream().flatMap(target -> {
            List<Path> seeds = LoaderFuzzing.seeds(target.name());
            assertTrue(seeds.stream().anyMatch(p -> p.getFileName().toString().startsWith("valid-")),
                    target + " needs at least one valid-* seed");
            return seeds.stream().map(seed -> dynamicTest(target + "/" + seed.getFileName(), () -> {
                byte[] bytes = Files.readAllBytes(seed);
                Path scratch = dir.resolve(target.name());
                if (target.fromFile()) {
                    Files.write(scratch, bytes);
                }
                String name = seed.getFileName().toString();
                if (name.startsWith("valid-")) {
                    assertDoesNotThrow(() -> target.loader().load(bytes, scratch));
                } else {
                    target.assertCleanOutcome(bytes, scratch);
                    if (name.startsWith("invalid-")) {
                        assertFalse(loads(target, bytes, scratch), name + " loads but should be refused");
                    }
                }
            }));
        });
    }

    private static boolean loads(LoaderTarget target, byte[] bytes, Path scratch) {
        try {
            target.loader().load(bytes, scratch);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
