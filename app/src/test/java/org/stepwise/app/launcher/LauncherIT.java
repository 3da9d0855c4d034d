// Runs the built launcher script, app/target/stepwise, in a child process: JDK discovery, info and bench --json.
package org.stepwise.app.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisabledOnOs(OS.WINDOWS)
class LauncherIT {
    private static final Path LAUNCHER = Path.of("target", "stepwise").toAbsolutePath();
    private final ObjectMapper json = new ObjectMapper();

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void versionNamesTheProjectVersion() throws Exception {
        Result r = run(Map.of(), "--version");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Stepwise " + System.getProperty("stepwise.expected.version")), r.out());
    }

    @Test
    void findsAJdk21EvenWhenJavaHomeAndPathOfferAnOlderOne() throws Exception {
        // JAVA_HOME pointing at a JDK 17 is skipped, as is a PATH with no java at all.
        Result r = run(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64", "PATH", "/usr/bin:/bin"),
                "info", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode info = json.readTree(r.out());
        int major = Integer.parseInt(info.get("jdk").asText().split("[.+-]")[0]);
        assertTrue(major >= 21, "the launcher ran on JDK " + major);
        assertTrue(info.get("vector_active").asBoolean(), "the launcher adds jdk.incubator.vector: " + r.out());
        assertTrue(info.get("gemm_panels").asText().startsWith("cache-line aligned"), r.out());
    }

    @Test
    void benchJsonPrintsOneObjectPerLineWithPeakAndBothImplementations() throws Exception {
        Result r = run(Map.of(), "bench", "--json", "--quick", "--passes", "1", "--no-peers", "--sizes", "32");
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            lines.add(json.readTree(line));
        }
        JsonNode peak = lines.stream().filter(l -> l.get("op").asText().equals("fma_peak")
                && l.get("impl").asText().equals("vector")).findFirst().orElseThrow();
        assertTrue(peak.get("gflops").asDouble() > 0, peak.toString());
        for (String impl : List.of("vector", "scalar")) {
            JsonNode gemm = lines.stream().filter(l -> l.get("op").asText().equals("gemm")
                    && l.get("impl").asText().equals(impl) && l.get("m").asInt() == 64 && l.get("n").asInt() == 128
                    && l.get("k").asInt() == 784).findFirst().orElseThrow(() -> new AssertionError(r.out()));
            assertTrue(gemm.get("gflops").asDouble() > 0, gemm.toString());
        }
        long squares = lines.stream().filter(l -> l.get("op").asText().equals("gemm") && l.get("m").asInt() == 32)
                .count();
        assertEquals(2, squares, r.out());
    }

    @Test
    void badOptionGivesOneReadableLineExitCode2AndNoStackTrace() throws Exception {
        Result r = run(Map.of(), "bench", "--sizes", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("stepwise: --sizes takes square sizes from 1 to 4096, not 0"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void theStudioCommandLineIsReadWhileJavaFxStartsAndItsMistakesEndAsBefore() throws Exception {
        // A display that cannot be opened: JavaFX fails to start, whatever this machine has. A mistake in the command
        // line is still what the user is told, with its own exit code; without one, the failure to start is.
        Map<String, String> noDisplay = Map.of("DISPLAY", ":987");
        Result lang = run(noDisplay, "studio", "--lang", "xx");
        assertEquals(2, lang.exitCode(), lang.err());
        assertTrue(lang.err().contains("stepwise: --lang takes en or zh-CN, not xx"), lang.err());
        assertTrue(!lang.err().contains("DISPLAY") && !lang.err().contains("\tat "), lang.err());

        Result unknown = run(noDisplay, "studio", "--bogus");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("stepwise: Unknown option: '--bogus'"), unknown.err());

        Result noWindow = run(noDisplay);
        assertEquals(1, noWindow.exitCode(), noWindow.err());
        assertTrue(noWindow.err().contains("stepwise: Unable to open DISPLAY"), noWindow.err());
        assertTrue(!noWindow.err().contains("\tat "), noWindow.err());

        Result help = run(noDisplay, "studio", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("Usage: stepwise studio"), help.out());
        assertTrue(!help.err().contains("DISPLAY"), help.err());
    }

    @Test
    void runningOutOfMemoryEndsInOneSentenceAndLeavesNoRunFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("run.stepwise");
        // 24 MiB of heap cannot hold the 10,000 bundled Fashion-MNIST images (31 MB as floats).
        Result r = run(Map.of("STEPWISE_JAVA_OPTS", "-Xmx24m"), "train", "--data", "fashion-mnist-small",
                "--epochs", "1", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("stepwise: ran out of memory"), r.err());
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception in thread"), r.err());
        assertTrue(!Files.exists(out));
    }

    @Test
    void theJavaLibraryExampleInTheReadmeRunsOnATrainedProject(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path project = dir.resolve("iris.stepwise");
        Result train = run(Map.of(), "train", "--data", "iris", "--epochs", "30", "--json", "--out",
                project.toString());
        assertEquals(0, train.exitCode(), train.err());
        Path example = Path.of("..", "core", "examples", "PredictIris.java").toAbsolutePath().normalize();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", Path.of("target", "lib").toAbsolutePath() + "/*",
                example.toString(), project.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        // A flower with long, wide petals: every model that learnt anything calls it virginica.
        assertTrue(output.lines().anyMatch(l -> l.matches("virginica \\(p = [01]\\.\\d{3}\\)")), output);
    }

    @Test
    void theStudioStartsFromTheArchiveTheBuildDumpedAndWithoutItWhereItDoesNotFit(
            @org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        Path archive = LAUNCHER.resolveSibling("stepwise-studio.jsa");
        assertTrue(Files.isRegularFile(archive), "the build dumped " + archive);
        // -Xshare:on makes the JVM refuse to start without the archive it was given, and class loading names the
        // archive each class came from: the build's is "shared objects file", one the JVM writes adds "(top)".
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(),
                "STEPWISE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:stdout -Xlog:gc=info:stdout"
                        + " -Xlog:cds=error:stdout");
        Result r = run(env, "studio", "--help");
        assertEquals(0, r.exitCode(), r.err());
        // The run's options match the dump's (native access above all), so the archive is used whole.
        assertFalse(r.out().contains("[error][cds]"), r.out().lines().filter(l -> l.contains("cds")).toList()
                .toString());
        // The window's collector keeps pauses short; command-line work keeps the parallel one.
        assertTrue(r.out().contains("Using G1"), r.out().lines().filter(l -> l.contains("[gc")).toList().toString());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("org.stepwise.app.Main source: shared objects file")
                && !l.contains("(top)")), r.out().lines().filter(l -> l.contains("stepwise.app.Main")).toList()
                .toString());
        assertTrue(r.out().contains("Usage: stepwise studio"), r.out());

        // The verdict is remembered per JDK and jar listing; a listing that no longer matches is checked again.
        try (var files = Files.list(cache.resolve("stepwise"))) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jars")).toList();
            assertEquals(1, jars.size());
            Files.writeString(jars.get(0), "a listing from before a rebuild\n");
        }
        Result again = run(env, "studio", "--help");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().lines().anyMatch(l -> l.contains("org.stepwise.app.Main source: shared objects file")
                && !l.contains("(top)")), again.out());

        // A copy of the launcher elsewhere cannot use the archive (it names the jars where the build left them):
        // the studio still starts, from the jars, and the JVM is left to write an archive of its own.
        Path copy = cache.resolve("copy");
        Files.createDirectories(copy.resolve("lib"));
        Files.copy(LAUNCHER, copy.resolve("stepwise"));
        Files.copy(archive, copy.resolve("stepwise-studio.jsa"));
        try (var jars = Files.list(LAUNCHER.resolveSibling("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()));
            }
        }
        Result moved = run(copy.resolve("stepwise"), Map.of("XDG_CACHE_HOME", cache.toString(),
                "STEPWISE_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "studio", "--help");
        assertEquals(0, moved.exitCode(), moved.err());
        assertTrue(moved.out().lines().anyMatch(l -> l.contains("org.stepwise.app.Main source: file:")),
                moved.out().lines().filter(l -> l.contains("stepwise.app.Main")).toList().toString());
        try (var files = Files.list(cache.resolve("stepwise"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".built")).count(), "only the build's own");
        }
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(LAUNCHER, env, args);
    }

    private Result run(Path launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(launcher), launcher + " was not built");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("stepwise-out", ".txt");
        Path err = Files.createTempFile("stepwise-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("STEPWISE_JAVA_HOME");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the launcher did not finish: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
