// Runs the peer GEMM baseline (NumPy/OpenBLAS and PyTorch, one thread) in this same run and collects its figures.
//
// The script's output is read as JSON lines; any failure (no Python, no NumPy) becomes a note, not an exception.
package org.stepwise.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private PeerGemm() {
    }

    public static Optional<Path> locate(Path given) {
        return PeerProcess.locate(given, "peer_gemm.py");
    }

    public static String python() {
        return PeerProcess.python();
    }

    /**
     * Runs the peer script once. With {@code openblasCore} set, OpenBLAS is told which kernel to use
     * (OPENBLAS_CORETYPE) and the peers are labelled with it, e.g. "numpy@SkylakeX".
     */
    public static Outcome run(Path script, List<Integer> squareSizes, String openblasCore) {
        List<String> command = List.of(python(), script.toString(), "--sizes",
                String.join(",", squareSizes.stream().map(String::valueOf).toList()));
        Map<String, String> env = new HashMap<>();
        // Asks OpenBLAS to name the kernel it picked, on stderr.
        env.put("OPENBLAS_VERBOSE", "2");
        if (openblasCore != null) {
            env.put("OPENBLAS_CORETYPE", openblasCore);
        }
        String suffix = openblasCore == null ? "" : "@" + openblasCore;
        PeerProcess.Output output = PeerProcess.run(command, env);
        ObjectMapper json = new ObjectMapper();
        List<PeerFigure> figures = new ArrayList<>();
        for (String line : output.lines()) {
            parse(json, line, suffix).ifPresent(figures::add);
        }
        String core = output.stderr().lines().filter(l -> l.startsWith("Core:")).map(l -> l.substring(5).trim())
                .findFirst().orElse("");
        String note = !output.failure().isEmpty() ? "the peer script " + output.failure()
                : figures.isEmpty() ? "the peer script printed no figures" : "";
        return new Outcome(figures, note, core);
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
}
