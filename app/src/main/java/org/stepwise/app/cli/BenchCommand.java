// `stepwise bench`: GEMM GFLOPS on one thread, against this core's FMA peak, the scalar twin and the peers.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stepwise.app.bench.PeerGemm;
import org.stepwise.core.bench.GemmBenchmark;
import org.stepwise.core.bench.GemmBenchmark.Budget;
import org.stepwise.core.bench.GemmBenchmark.Figure;
import org.stepwise.core.bench.GemmBenchmark.GemmShape;
import org.stepwise.core.kernels.KernelSelection;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.kernels.ScalarKernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
                "Measures single-threaded FP32 GEMM on the vector kernels and their scalar twin, the FMA peak of this "
                        + "core, and, in the same run, the NumPy and PyTorch peers from ../shared/bench."})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Shorter warm-up and measurement: about a minute in all.")
    private boolean quick;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    private boolean json;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Square sizes to measure besides the MLP shapes (default: ${DEFAULT-VALUE}).")
    private List<Integer> sizes = List.of(64, 128, 256, 512);

    @Option(names = "--peer-script", paramLabel = "FILE",
            description = "The peer baseline script (default: ../shared/bench/peer_gemm.py).")
    private Path peerScript;

    @Option(names = "--no-peers", description = "Do not run the NumPy/PyTorch peers.")
    private boolean noPeers;

    private final ObjectMapper mapper = new ObjectMapper();

    private record Row(GemmShape shape, Figure vector, Figure scalar) {
    }

    @Override
    public void run() {
        for (int size : sizes) {
            if (size <= 0 || size > 4096) {
                throw new IllegalArgumentException("--sizes takes square sizes from 1 to 4096, not " + size);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        KernelSelection selection = KernelSelection.active();
        Kernels vector = selection.vectorActive() ? selection.kernels() : null;
        Kernels scalar = new ScalarKernels();
        GemmBenchmark bench = new GemmBenchmark(quick ? Budget.QUICK : Budget.FULL);

        if (!json) {
            out.printf("GEMM FP32, one thread. %s; JDK %s; kernels: %s%n", MachineFacts.cpuModel(),
                    Runtime.version(), selection.kernels().description());
            if (vector == null) {
                out.println("The vector path is off (" + selection.reason() + "): only the scalar twin is measured.");
            }
            out.flush();
        }
        Figure vectorPeak = vector == null ? null : bench.fmaPeak(true);
        Figure scalarPeak = bench.fmaPeak(false);
        if (json) {
            if (vectorPeak != null) {
                printJson(out, figureJson("fma_peak", null, "vector", vectorPeak, null));
            }
            printJson(out, figureJson("fma_peak", null, "scalar", scalarPeak, null));
        } else {
            out.printf("FMA calibration peak: %s%n%n",
                    (vectorPeak == null ? "" : gf(vectorPeak) + " GFLOPS vector, ") + gf(scalarPeak) + " scalar");
            out.printf("%-14s %9s %7s %6s %9s %8s%n", "m×n×k", "vector", "% peak", "noise", "scalar", "vec/sca");
            out.flush();
        }

        List<GemmShape> shapes = new ArrayList<>();
        sizes.forEach(s -> shapes.add(new GemmShape(s, s, s)));
        shapes.addAll(GemmBenchmark.MLP_SHAPES);
        List<Row> rows = new ArrayList<>();
        for (GemmShape shape : shapes) {
            Figure v = vector == null ? null : bench.gemm(vector, shape);
            Figure s = bench.gemm(scalar, shape);
            rows.add(new Row(shape, v, s));
            if (json) {
                if (v != null) {
                    printJson(out, figureJson("gemm", shape, "vector", v, vectorPeak));
                }
                printJson(out, figureJson("gemm", shape, "scalar", s, scalarPeak));
            } else {
                out.printf("%-14s %9s %7s %6s %9s %8s%n", shape,
                        v == null ? "-" : gf(v), v == null ? "-" : pct(v.gflops() / vectorPeak.gflops()),
                        v == null ? "-" : String.format("%.1f%%", v.noisePercent()), gf(s),
                        v == null ? "-" : String.format("%.1f×", v.gflops() / s.gflops()));
                out.flush();
            }
        }
        if (!noPeers) {
            comparePeers(out, rows);
        }
    }

    private void comparePeers(PrintWriter out, List<Row> rows) {
        Optional<Path> script = PeerGemm.locate(peerScript);
        if (script.isEmpty()) {
            String why = peerScript != null ? "no file " + peerScript : "../shared/bench/peer_gemm.py not found";
            note(out, "peers not run: " + why);
            return;
        }
        if (!json) {
            out.printf("%nPeers, same run: %s %s%n", PeerGemm.python(), script.get());
            out.flush();
        }
        PeerGemm.Outcome peers = PeerGemm.run(script.get(), sizes);
        if (!peers.note().isEmpty()) {
            note(out, "peers: " + peers.note());
        }
        if (json) {
            for (PeerGemm.PeerFigure f : peers.figures()) {
                ObjectNode node = mapper.createObjectNode().put("op", "gemm").put("m", f.shape().m())
                        .put("n", f.shape().n()).put("k", f.shape().k()).put("impl", f.peer())
                        .put("version", f.version()).put("gflops", round(f.gflops()));
                printJson(out, node);
            }
            return;
        }
        List<String> names = new ArrayList<>(peers.peers().keySet());
        if (names.isEmpty()) {
            return;
        }
        StringBuilder header = new StringBuilder(String.format("%-14s %9s", "m×n×k", "vector"));
        names.forEach(p -> header.append(String.format(" %9s %9s", p, "vec/" + p)));
        out.println(header);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-14s %9s", row.shape(),
                    row.vector() == null ? "-" : gf(row.vector())));
            for (String p : names) {
                Optional<Double> g = peers.gflops(p, row.shape());
                line.append(String.format(" %9s %9s", g.map(x -> String.format("%.1f", x)).orElse("-"),
                        g.isPresent() && row.vector() != null
                                ? String.format("%.2f×", row.vector().gflops() / g.get()) : "-"));
            }
            out.println(line);
        }
        out.println("Peers: " + String.join(", ", peers.peers().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        out.flush();
    }

    private ObjectNode figureJson(String op, GemmShape shape, String impl, Figure figure, Figure peak) {
        ObjectNode node = mapper.createObjectNode().put("op", op);
        if (shape != null) {
            node.put("m", shape.m()).put("n", shape.n()).put("k", shape.k());
        }
        node.put("impl", impl).put("gflops", round(figure.gflops()));
        if (peak != null) {
            node.put("pct_of_peak", round(100 * figure.gflops() / peak.gflops()));
        }
        return node.put("noise_pct", round(figure.noisePercent()));
    }

    private void note(PrintWriter out, String text) {
        if (json) {
            printJson(out, mapper.createObjectNode().put("op", "note").put("text", text));
        } else {
            out.println(text);
        }
        out.flush();
    }

    private static void printJson(PrintWriter out, ObjectNode node) {
        out.println(node.toString());
        out.flush();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static String gf(Figure f) {
        return String.format("%.1f", f.gflops());
    }

    private static String pct(double fraction) {
        return String.format("%.0f%%", 100 * fraction);
    }
}
