// The contract every loader of other people's files keeps: a correct load or a documented, readable exception.
//
// "Clean" also means cheap: inputs here are a few kilobytes, so a loader that allocates tens of MiB or takes
// seconds for one has trusted a size or a count it should have checked first.
package org.stepwise.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

final class LoaderFuzzing {
    /** The most one load of a fuzzed input may allocate; a valid seed needs well under 1 MiB. */
    static final long MAX_ALLOCATED_BYTES = 64L << 20;
    /**
     * The same under Jazzer, which catches gigabyte requests only: its hooks allocate as well, in both of its modes,
     * 100 MiB for a CSV of long numbers that the loader itself reads with 0.3 MiB.
     */
    static final long MAX_ALLOCATED_BYTES_UNDER_JAZZER = 1L << 30;
    /** The longest one load of a fuzzed input may take; a valid seed loads in milliseconds. */
    static final long MAX_MILLIS = 5_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LoaderFuzzing() {
    }

    /**
     * Runs one load and fails with an AssertionError (which fuzzers report as a finding) unless it returned a value,
     * or threw one of the {@code documented} exception types with a message, within the time and memory limits.
     */
    static void assertCleanOutcome(Callable<?> load, Set<Class<? extends Exception>> documented) {
        assertCleanOutcome(load, documented, MAX_ALLOCATED_BYTES);
    }

    static void assertCleanOutcome(Callable<?> load, Set<Class<? extends Exception>> documented,
                                   long maxAllocatedBytes) {
        Cost cost = run(load, documented);
        if (cost.allocated() > maxAllocatedBytes || cost.millis() > MAX_MILLIS) {
            // A second run decides: the first may pay for loading classes, and when fuzzing for instrumenting them.
            cost = run(load, documented);
        }
        if (cost.allocated() > maxAllocatedBytes) {
            throw new AssertionError("the loader allocated " + (cost.allocated() >> 20) + " MiB for one input, more"
                    + " than the " + (maxAllocatedBytes >> 20) + " MiB allowed");
        }
        if (cost.millis() > MAX_MILLIS) {
            throw new AssertionError("the loader took " + cost.millis() + " ms for one input, more than the "
                    + MAX_MILLIS + " ms allowed");
        }
    }

    private record Cost(long allocated, long millis) {
    }

    private static Cost run(Callable<?> load, Set<Class<? extends Exception>> documented) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            if (load.call() == null) {
                throw new AssertionError("the loader returned null instead of a result or an exception");
            }
        } catch (Exception e) {
            if (documented.stream().noneMatch(type -> type.isInstance(e))) {
                throw new AssertionError("undocumented " + e.getClass().getName() + " (expected one of "
                        + documented.stream().map(Class::getSimpleName).sorted().toList() + "): " + e.getMessage(), e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(e.getClass().getSimpleName() + " without a message for the user", e);
            }
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError("the loader ran out of " + (e instanceof OutOfMemoryError ? "memory" : "stack"),
                    e);
        }
        return new Cost(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The seed corpus of one target: the files of {@code LoaderFuzzTestInputs/<target>/} in the test resources, the
     * directory Jazzer replays in a normal test run and adds its findings to when fuzzing.
     */
    static List<Path> seeds(String target) {
        URL dir = LoaderFuzzTest.class.getResource("LoaderFuzzTestInputs/" + target);
        if (dir == null) {
            throw new IllegalStateException("There is no seed corpus for the fuzz target " + target);
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
