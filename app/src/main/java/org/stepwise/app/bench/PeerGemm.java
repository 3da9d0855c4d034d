// Runs the peer GEMM baseline (NumPy/OpenBLAS and PyTorch, one thread) in this same run and collects its figures.
//
// The peer script is the project's own tooling in ../shared/bench; it is run, never loaded, and its output is read
// as JSON lines. Any failure (no Python, no NumPy) becomes a reason, not an exception.
package org.stepwise.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.stepwise.core.bench.GemmBenchmark.GemmShape;

public final class PeerGemm {

    /** One peer figure, e.g. numpy 1.24.2 at 256×256×256. */
    public record PeerFigure(String peer, String version, GemmShape shape, double gflops) {
    }

    /**
     * What the peer run gave: its figures, or why there are none, and the OpenBLAS kernel it reported using
     * (OpenBLAS 0.3.21 takes some newer CPUs for a Prescott and runs its SSE3 kernel there).
     */
    public record Outcome(List<PeerFigure> figures, String note, String openblasCore) {
    }

    private static final long TIMEOUT_MINUTES = 10;

    private PeerGemm() {
    }

    /** The peer script: the one given, else ../shared/bench/peer_gemm.py beside the checkout or the working folder. */
    public static Optional<Path> locate(Path given) {
        if (given != null) {
            return Files.isRegularFile(given) ? Optional.of(given) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("..", "shared", "bench", "peer_gemm.py"));
        checkoutRoot().ifPresent(root -> candidates.add(root.resolve("../shared/bench/peer_gemm.py")));
        return candidates.stream().filter(Files::isRegularFile).map(Path::normalize).findFirst();
    }

    /** The Python that has NumPy and PyTorch here: Debian's, else whatever python3 is on PATH. */
    public static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * Runs the peer script once. With {@code openblasCore} set, OpenBLAS is told which kernel to use
     * (OPENBLAS_CORETYPE) and the peers are labelled with it, e.g. "numpy@SkylakeX".
     */
    public static Outcome run(Path script, List<Integer> squareSizes, String openblasCore) {
        List<String> command = List.of(python(), script.toString(), "--sizes",
                String.join(",", squareSizes.stream().map(String::valueOf).toList()));
        ObjectMapper json = new ObjectMapper();
        List<PeerFigure> figures = new ArrayList<>();
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // Asks OpenBLAS to name the kernel it picked, on stderr.
            builder.environment().put("OPENBLAS_VERBOSE", "2");
            if (openblasCore != null) {
                builder.environment().put("OPENBLAS_CORETYPE", openblasCore);
            }
            String suffix = openblasCore == null ? "" : "@" + openblasCore;
            Process process = builder.start();
            process.getOutputStream().close();
            StringBuilder errors = new StringBuilder();
            Thread errorReader = Thread.ofVirtual().start(() -> drain(process, errors));
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    parse(json, line, suffix).ifPresent(figures::add);
                }
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Outcome(figures, "the peer script did not finish in " + TIMEOUT_MINUTES + " minutes", "");
            }
            errorReader.join();
            String core = openblasCore(errors.toString());
            if (process.exitValue() != 0) {
                return new Outcome(figures, "the peer script failed (exit " + process.exitValue() + "): "
                        + lastLine(errors.toString()), core);
            }
            return new Outcome(figures, figures.isEmpty() ? "the peer script printed no figures" : "", core);
        } catch (IOException e) {
            return new Outcome(figures, "could not run " + command.get(0) + ": " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(figures, "interrupted", "");
        }
    }

    private static Optional<PeerFigure> parse(ObjectMapper json, String line, String suffix) {
        try {
            JsonNode node = json.readTree(line);
            if (node == null || !"gemm".equals(node.path("op").asText())) {
                return Optional.empty();
            }
            GemmShape shape = new GemmShape(node.path("m").asInt(), node.path("n").asInt(), node.path("k").asInt());
            return Optional.of(new PeerFigure(node.path("peer").asText("?") + suffix, node.path("version").asText(""),
                    shape, node.path("gflops").asDouble()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void drain(Process process, StringBuilder sink) {
        try {
            sink.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            sink.append(e.getMessage());
        }
    }

    /** OPENBLAS_VERBOSE=2 makes OpenBLAS print "Core: Haswell" (its chosen kernel) on stderr. */
    private static String openblasCore(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("Core:")).map(line -> line.substring(5).trim())
                .findFirst().orElse("");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** app/target/lib/stepwise-app.jar (or app/target/classes) → the checkout's root, when run from a build. */
    private static Optional<Path> checkoutRoot() {
        try {
            Path location = Path.of(PeerGemm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("lib")) {
                target = target.getParent();
            }
            Path app = target == null ? null : target.getParent();
            return app == null || app.getParent() == null ? Optional.empty() : Optional.of(app.getParent());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
