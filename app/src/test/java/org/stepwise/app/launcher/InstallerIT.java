// Runs the installer image, target/installer/Stepwise (made by jpackage before the integration tests), in child
// processes with no JDK in reach: no JAVA_HOME, nothing on PATH. Whatever the image needs must be inside it.
package org.stepwise.app.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Linux app image; macOS (Stepwise.app) and Windows (Stepwise.exe) lay theirs out differently. */
@EnabledOnOs(OS.LINUX)
class InstallerIT {
    private static Path image;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void theImageWasBuilt() {
        // -Dinstaller.skip=true skips the image and these tests; otherwise a missing image is a failure, not a skip.
        assumeFalse(Boolean.getBoolean("stepwise.installer.skip"), "installer.skip is set");
        image = Path.of(System.getProperty("stepwise.installer.image", "target/installer/Stepwise")).toAbsolutePath();
        assertTrue(Files.isExecutable(image.resolve("bin/Stepwise")), image + "/bin/Stepwise was not built");
        assertTrue(Files.isExecutable(image.resolve("bin/stepwise-cli")), image + "/bin/stepwise-cli was not built");
    }

    @Test
    void versionNamesTheProjectVersionAndTheBundledRuntime() throws Exception {
        Result r = run("Stepwise", "--version");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Stepwise " + System.getProperty("stepwise.expected.version"), lines.get(0), r.out());
        // The runtime jlink made from the build's JDK (the toolchain's, which also runs this test).
        assertTrue(lines.get(1).startsWith("JDK " + Runtime.version().feature() + "."), r.out());
    }

    @Test
    void theImageCarriesStepwisesIconForTheDesktopEntry() throws IOException {
        // jpackage copies --icon into lib/ under the launcher's name; the desktop entry a package makes points there.
        Path icon = image.resolve("lib/Stepwise.png");
        assertTrue(Files.isRegularFile(icon), icon + " missing");
        assertEquals(-1L, Files.mismatch(icon, Path.of("src/main/installer/stepwise.png").toAbsolutePath()),
                "the image's icon is not src/main/installer/stepwise.png");
    }

    @Test
    void theRuntimeIsTrimmedToTheModulesTheAppNeeds() throws IOException {
        Properties release = new Properties();
        try (var in = Files.newInputStream(image.resolve("lib/runtime/release"))) {
            release.load(in);
        }
        List<String> modules = Arrays.asList(release.getProperty("MODULES").replace("\"", "").split(" "));
        for (String needed : List.of("java.base", "java.desktop", "jdk.incubator.vector", "jdk.unsupported",
                "jdk.localedata")) {
            assertTrue(modules.contains(needed), needed + " missing from " + modules);
        }
        // A whole JDK would carry the compiler and the tools; the image has no use for them.
        assertFalse(modules.contains("jdk.compiler"), modules.toString());
        assertFalse(modules.contains("java.compiler"), modules.toString());
        assertTrue(Files.isRegularFile(image.resolve("lib/runtime/lib/server/classes.jsa")),
                "the runtime has its class-data archive");
    }

    @Test
    void theCommandLineTrainsOnTheVectorKernels() throws Exception {
        Result info = run("stepwise-cli", "info", "--json");
        assertEquals(0, info.exitCode(), info.err());
        JsonNode facts = json.readTree(info.out());
        assertTrue(facts.get("vector_active").asBoolean(), "the image adds jdk.incubator.vector: " + info.out());
        assertTrue(facts.get("gemm_panels").asText().startsWith("cache-line aligned"), info.out());

        Path project = home.resolve("xor.stepwise");
        Result train = run("stepwise-cli", "train", "--data", "xor", "--epochs", "2", "--json", "--out",
                project.toString());
        assertEquals(0, train.exitCode(), train.err());
        JsonNode metrics = json.readTree(train.out());
        assertEquals(2, metrics.get("epochs").asInt(), train.out());
        // Two epochs of the default MLP on XOR's quadrants are far past chance.
        assertTrue(metrics.get("train").get("accuracy").asDouble() > 0.8, train.out());
        assertTrue(Files.size(project) > 0, "the trained project was saved");
    }

    @Test
    void theStudioLauncherRunsCommandsTooWithTheVectorModule() throws Exception {
        Result info = run("Stepwise", "info", "--json");
        assertEquals(0, info.exitCode(), info.err());
        JsonNode facts = json.readTree(info.out());
        assertTrue(facts.get("vector_active").asBoolean(), info.out());
        assertEquals(System.getProperty("stepwise.expected.version"), facts.get("version").asText());
    }

    @Test
    void aBadOptionGivesOneReadableLineAndNoStackTrace() throws Exception {
        Result r = run("stepwise-cli", "bench", "--sizes", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("stepwise: --sizes takes square sizes from 1 to 4096, not 0"), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void runningOutOfMemoryNamesTheVariableTheImageReads() throws Exception {
        // 24 MiB of heap cannot hold the 10,000 bundled Fashion-MNIST images (31 MB as floats).
        Path out = home.resolve("run.stepwise");
        Result r = run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx24m"), "stepwise-cli", "train", "--data",
                "fashion-mnist-small", "--epochs", "1", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("stepwise: ran out of memory; use a smaller dataset or batch, or give Java more "
                + "with JAVA_TOOL_OPTIONS=-Xmx8g"), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), r.err());
        assertFalse(Files.exists(out));
    }

    private Result run(String launcher, String... args) throws IOException, InterruptedException {
        return run(Map.of(), launcher, args);
    }

    /** Runs bin/{launcher} with a bare environment (a fresh HOME, an empty PATH, no JAVA_HOME) plus {env}. */
    private Result run(Map<String, String> env, String launcher, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(image.resolve("bin").resolve(launcher).toString()));
        command.addAll(List.of(args));
        Path emptyPath = Files.createDirectories(home.resolve("empty-path"));
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", emptyPath.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the image did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
