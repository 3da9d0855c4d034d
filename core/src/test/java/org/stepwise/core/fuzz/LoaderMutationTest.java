// Feeds every loader thousands of seeded mutants of its seed corpus in every test run: Jazzer's regression mode
// only replays the corpus, so this is what keeps CI finding new damage. Failing inputs are saved for the corpus.
//
// -Dstepwise.fuzz.mutations=N sets the mutants per loader and -Dstepwise.fuzz.seed=S the stream (both reproduce).
package org.stepwise.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

@Tag("fuzz")
class LoaderMutationTest {
    static final int MUTATIONS = Integer.getInteger("stepwise.fuzz.mutations", 10_000);
    static final long SEED = Long.getLong("stepwise.fuzz.seed", 20_250_601L);
    /** Where failing inputs go, relative to the module; they belong in the corpus once the loader is fixed. */
    static final Path FAILURES = Path.of("target", "fuzz-failures");
    private static final int SAVED_PER_PROBLEM = 3;

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyLoaderSurvivesMutatedSeeds() {
        return LoaderTarget.ALL.stream().map(t -> dynamicTest(t.name(),
                () -> assertTimeoutPreemptively(Duration.ofMinutes(2), () -> survivesMutants(t))));
    }

    private static void survivesMutants(LoaderTarget target) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : LoaderFuzzing.seeds(target.name())) {
            seeds.add(Files.readAllBytes(p));
        }
        Mutator mutator = new Mutator(seeds, SEED ^ target.name().hashCode());
        Path scratch = dir.resolve(target.name());
        // Problems grouped by kind and place, so one bug found a thousand times reads as one line.
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] input = mutator.next(target.zip());
            try {
                target.assertCleanOutcome(input, scratch);
            } catch (AssertionError e) {
                List<String> seen = problems.computeIfAbsent(signature(e), k -> new ArrayList<>());
                if (seen.size() < SAVED_PER_PROBLEM) {
                    Files.createDirectories(FAILURES);
                    Path saved = FAILURES.resolve(target.name() + "-seed" + SEED + "-mutant" + i).toAbsolutePath();
                    Files.write(saved, input);
                    seen.add("mutant " + i + " saved as " + saved);
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder report = new StringBuilder(target.name() + ": " + problems.size() + " kinds of failure in "
                    + MUTATIONS + " mutants (seed " + SEED + "); replay a saved input with LoaderFuzzTest by copying"
                    + " it into LoaderFuzzTestInputs/" + target.name() + "/");
            problems.forEach((kind, inputs) -> report.append("\n  ").append(kind).append("\n    ")
                    .append(String.join("\n    ", inputs)));
            throw new AssertionError(report.toString());
        }
    }

    /** The failure's message head and the first project frame of its cause, which tell bugs apart. */
    private static String signature(AssertionError e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf(':', message.indexOf(' ') + 1);
        // Digits dropped: "allocated 1024 MiB" and "allocated 96 MiB" are the same bug.
        String kind = (cut > 0 ? message.substring(0, cut) : message).replaceAll("[0-9]+", "N");
        Throwable cause = e.getCause() == null ? e : e.getCause();
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().startsWith("org.stepwise.core.") && !frame.getClassName().contains(".fuzz.")) {
                return kind + " at " + frame;
            }
        }
        return kind;
    }
}
