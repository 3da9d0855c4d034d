// Runs the peer training baseline (PyTorch, one thread: ../shared/bench/peer_train.py) and collects its figures.
package org.stepwise.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class PeerTrain {

    /** tiny: steps per second; mlp and lenet: seconds. */
    public record PeerFigure(String workload, String version, double stepsPerSecond, double seconds) {
    }

    public record Outcome(List<PeerFigure> figures, String note) {
        public Optional<PeerFigure> figure(String workload) {
            return figures.stream().filter(f -> f.workload().equals(workload)).findFirst();
        }
    }

    private PeerTrain() {
    }

    public static Optional<Path> locate(Path given) {
        return PeerProcess.locate(given, "peer_train.py");
    }

    /**
     * Runs the workloads; the image ones read Fashion-MNIST from {@code dataDir} (the peer needs real files).
     * With {@code openblasCore}, PyTorch's OpenBLAS is told which kernel to use, as for the GEMM peers.
     */
    public static Outcome run(Path script, List<String> workloads, Path dataDir, String openblasCore) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.python(), script.toString()));
        command.addAll(workloads);
        if (dataDir != null) {
            command.addAll(List.of("--data", dataDir.toString()));
        }
        PeerProcess.Output output = PeerProcess.run(command,
                openblasCore == null ? Map.of() : Map.of("OPENBLAS_CORETYPE", openblasCore));
        ObjectMapper json = new ObjectMapper();
        List<PeerFigure> figures = new ArrayList<>();
        for (String line : output.lines()) {
            try {
                JsonNode node = json.readTree(line);
                if (node != null && node.has("workload")) {
                    figures.add(new PeerFigure(node.path("workload").asText(), node.path("version").asText(""),
                            node.path("steps_per_s").asDouble(Double.NaN), node.path("seconds").asDouble(Double.NaN)));
                }
            } catch (IOException e) {
                // Not a figure line.
            }
        }
        return new Outcome(figures, output.failure().isEmpty() ? "" : "the peer script " + output.failure());
    }
}
