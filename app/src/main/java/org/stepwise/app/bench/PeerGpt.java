// Runs the peer for the gpt workload (PyTorch, one thread: the bundled peer_gpt.py) and reads its one figure line.
//
// The script ships inside the app and is copied to a temporary file for each run, so it works from any working folder
// and from the packaged app. Any failure (no Python, no torch) becomes a one-line note, never an exception.
package org.stepwise.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class PeerGpt {

    static final String SCRIPT = "peer_gpt.py";

    /** The model and run size; {@link #DEFAULT} is the bench workload: V 65, T 64, D 64, 2 heads, 2 layers, F 256. */
    public record Settings(int steps, int batch, int context, int dim, int heads, int layers, int hidden, int vocab) {
        public static final Settings DEFAULT = new Settings(30, 32, 64, 64, 2, 2, 256, 65);

        List<String> arguments() {
            return List.of("--steps", String.valueOf(steps), "--batch", String.valueOf(batch),
                    "--context", String.valueOf(context), "--dim", String.valueOf(dim),
                    "--heads", String.valueOf(heads), "--layers", String.valueOf(layers),
                    "--hidden", String.valueOf(hidden), "--vocab", String.valueOf(vocab));
        }
    }

    /** What the peer measured over its timed steps, and the torch version that did it. */
    public record Figure(double stepsPerSecond, double tokensPerSecond, double seconds, int steps, int batch,
            int context, int dim, int heads, int layers, int vocab, double lastLoss, String version) {
    }

    /** The figure, or the reason there is none (then {@code note} says why; otherwise it is empty). */
    public record Outcome(Optional<Figure> figure, String note) {
    }

    private PeerGpt() {
    }

    /** Runs the bundled script, or {@code script} when given (e.g. an edited copy), with {@code settings}. */
    public static Outcome run(Path script, Settings settings) {
        if (script != null) {
            return Files.isRegularFile(script) ? runScript(script, settings)
                    : new Outcome(Optional.empty(), "no peer script " + script);
        }
        Path copy;
        try {
            copy = bundledCopy();
        } catch (IOException e) {
            return new Outcome(Optional.empty(), "could not unpack " + SCRIPT + ": " + e.getMessage());
        }
        try {
            return runScript(copy, settings);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // A leftover file in the temporary folder is harmless.
            }
        }
    }

    private static Outcome runScript(Path script, Settings settings) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.python(), script.toString()));
        command.addAll(settings.arguments());
        return outcome(PeerProcess.run(command, Map.of()));
    }

    static Outcome outcome(PeerProcess.Output output) {
        Optional<Figure> figure = output.lines().stream().map(PeerGpt::parse).flatMap(Optional::stream).findFirst();
        if (output.stderr().contains("No module named 'torch'")) {
            return new Outcome(Optional.empty(), "PyTorch is not installed for " + PeerProcess.python()
                    + " (Debian: apt-get install python3-torch)");
        }
        if (!output.failure().isEmpty()) {
            return new Outcome(figure, "the peer script " + output.failure());
        }
        return new Outcome(figure, figure.isEmpty() ? "the peer script printed no gpt figure" : "");
    }

    /** One JSON line of the script, if it is the gpt figure. */
    static Optional<Figure> parse(String line) {
        try {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n == null || !"gpt".equals(n.path("workload").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Figure(n.path("steps_per_s").asDouble(Double.NaN),
                    n.path("tokens_per_s").asDouble(Double.NaN), n.path("seconds").asDouble(Double.NaN),
                    n.path("steps").asInt(), n.path("batch").asInt(), n.path("context").asInt(),
                    n.path("dim").asInt(), n.path("heads").asInt(), n.path("layers").asInt(),
                    n.path("vocab").asInt(), n.path("last_loss").asDouble(Double.NaN), n.path("version").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path bundledCopy() throws IOException {
        try (InputStream in = PeerGpt.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("it is missing from the app");
            }
            Path copy = Files.createTempFile("stepwise-peer_gpt", ".py");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }
}
