// The `stepwise` command line as a user meets it: version, info, JSON, and readable errors.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stepwise.core.kernels.KernelSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class StepwiseCommandTest {

    private static CliRun run(CommandLine cli, String... args) {
        return CliRun.of(cli, args);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertNoStackTrace(String text) {
        assertAll(
                () -> assertTrue(!text.contains("\tat "), () -> "stack trace in:\n" + text),
                () -> assertTrue(!text.contains("Exception"), () -> "exception name in:\n" + text));
    }

    @Test
    void versionNamesTheProjectVersionAndTheJdk() {
        CliRun run = run("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Stepwise " + System.getProperty("stepwise.expected.version")), run.out());
        assertTrue(run.out().contains("JDK " + Runtime.version()), run.out());
    }

    @Test
    void noSubcommandPrintsUsage() {
        CliRun run = run();

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: stepwise"), run.out());
        assertTrue(run.out().contains("info"), run.out());
    }

    @Test
    void theStudiosCommandLineHelpsWithTheStudioAndBadOptionsLikeTheFullOne() {
        CliRun help = run(StepwiseCommand.studioCommandLine(), "studio", "--help");
        CliRun bad = run(StepwiseCommand.studioCommandLine(), "studio", "--lang");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: stepwise studio"), help.out());
        assertTrue(help.out().contains("--timing"), help.out());
        assertEquals(StepwiseCommand.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().startsWith("stepwise: ") && bad.err().contains("stepwise studio --help"), bad.err());
        assertNoStackTrace(bad.err());
    }

    @Test
    void infoListsTheActiveKernelsAndTheirLanes() {
        KernelSelection active = KernelSelection.active();

        CliRun run = run("info");

        assertEquals(0, run.exitCode(), run.err());
        assertAll(
                () -> assertTrue(run.out().contains(active.kernels().name()), run.out()),
                () -> assertTrue(run.out().contains(active.kernels().description()), run.out()),
                () -> assertTrue(Pattern.compile("(?m)^Lanes +" + active.kernels().lanes() + "$")
                        .matcher(run.out()).find(), run.out()),
                () -> assertTrue(run.out().contains(active.vectorActive() ? "yes" : "no"), run.out()),
                () -> assertTrue(run.out().contains("1 (single-threaded)"), run.out()));
    }

    @Test
    void infoJsonIsOneObjectWithTheDocumentedKeys() throws Exception {
        KernelSelection active = KernelSelection.active();

        CliRun run = run("info", "--json");

        assertEquals(0, run.exitCode(), run.err());
        String text = run.out().strip();
        assertTrue(text.startsWith("{") && text.endsWith("}") && !text.contains("\n"), text);
        JsonNode json = new ObjectMapper().readTree(text);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("version", "jdk", "vendor", "os", "arch", "cpu", "cores", "kernels", "vector_active",
                "lanes", "reason", "gemm_threads", "gemm_panels"), keys);
        assertAll(
                () -> assertEquals(Runtime.getRuntime().availableProcessors(), json.get("cores").asInt()),
                () -> assertEquals(active.vectorActive(), json.get("vector_active").asBoolean()),
                () -> assertEquals(active.kernels().lanes(), json.get("lanes").asInt()),
                () -> assertEquals(active.kernels().description(), json.get("kernels").asText()),
                () -> assertEquals(1, json.get("gemm_threads").asInt()));
    }

    @Test
    void unknownOptionFailsWithAReadableError() {
        CliRun run = run("--frobnicate");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().startsWith("stepwise: Unknown option: '--frobnicate'"), run.err());
        assertTrue(run.err().contains("stepwise --help"), run.err());
        assertNoStackTrace(run.err());
    }

    @Test
    void unknownSubcommandSuggestsTheNearestOne() {
        CliRun run = run("inf");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("info"), run.err());
        assertNoStackTrace(run.err());
    }

    @Command(name = "fail")
    static final class Failing implements Runnable {
        @Override
        public void run() {
            throw new IllegalArgumentException("Dense 'hidden2' expects 64 inputs but receives 128");
        }
    }

    @Test
    void failureWhileRunningIsOneLineWithoutStackTrace() {
        CommandLine cli = StepwiseCommand.commandLine().addSubcommand(new Failing());

        CliRun run = run(cli, "fail");

        assertEquals(2, run.exitCode());
        assertEquals("stepwise: Dense 'hidden2' expects 64 inputs but receives 128" + System.lineSeparator(),
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void modelListsATemplatesNodesWithShapesAndTheParameterTotal() {
        CliRun run = run("model", "--model", "mlp-2-8-8-1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("hidden1") && run.out().contains("(8)"), run.out());
        assertTrue(run.out().strip().endsWith("105 parameters"), run.out());
    }

    @Test
    void modelNamesFileLineAndColumnOfAMistake(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("net.json");
        java.nio.file.Files.writeString(file, "{\"input\": [2],\n \"layers\": [{\"dense\": -3}]}");

        CliRun run = run("model", "--model", file.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("stepwise: " + file + ":2:"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }

}
