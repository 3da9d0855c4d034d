// `stepwise bench`: GEMM GFLOPS on one thread, against this core's FMA peak, the scalar twin and the peers.
//
// Shared two-core machines have slow phases lasting seconds, so the whole set (peak, every shape, the peers) is
// measured in several interleaved passes and each figure keeps its best pass: a slow phase then costs one pass of
// one figure, not a whole column, and ours and the peers' are measured under the same conditions.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.stepwise.app.studio.EditingBenchmark;
import org.stepwise.app.studio.FrameTimes;
import org.stepwise.app.studio.PlaygroundTrainingBenchmark;
import org.stepwise.app.bench.PeerGemm;
import org.stepwise.app.bench.PeerGpt;
import org.stepwise.app.bench.PeerGemm.PeerFigure;
import org.stepwise.app.bench.PeerTrain;
import org.stepwise.core.bench.GemmBenchmark;
import org.stepwise.core.bench.GemmBenchmark.Budget;
import org.stepwise.core.bench.GemmBenchmark.Figure;
import org.stepwise.core.bench.GemmBenchmark.GemmShape;
import org.stepwise.core.bench.TrainingBenchmark;
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
                        + "core, and four training workloads (tiny, mlp, lenet, gpt), with the NumPy and PyTorch peers "
                        + "from ../shared/bench (and the bundled peer_gpt.py) run in the same invocation."})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Two short passes: about a minute in all.")
    private boolean quick;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    private boolean json;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Square sizes to measure besides the MLP shapes (default: ${DEFAULT-VALUE}).")
    private List<Integer> sizes = List.of(64, 128, 256, 512);

    @Option(names = "--passes", paramLabel = "N", description = "Interleaved passes; each figure keeps its best "
            + "(default: 2 with --quick, else 3).")
    private Integer passes;

    @Option(names = "--peer-script", paramLabel = "FILE",
            description = "The peer baseline script (default: ../shared/bench/peer_gemm.py).")
    private Path peerScript;

    @Option(names = "--no-peers", description = "Do not run the NumPy/PyTorch peers.")
    private boolean noPeers;

    @Option(names = "--openblas-core", paramLabel = "NAME",
            description = "Also run the peers with OPENBLAS_CORETYPE=NAME (e.g. SkylakeX, Haswell), for CPUs that "
                    + "OpenBLAS does not recognise and runs with an older kernel.")
    private String openblasCore;

    @Option(names = "--only", paramLabel = "PART", description = "Run only gemm, only train, only gpt (the tiny GPT "
            + "workload and its PyTorch peer), editor (frame times while editing a 50-node graph in the studio window) or playground (frame times and training speed while "
            + "the playground view shows a 2-8-8-8-1 net training). The last two need a display; use xvfb-run "
            + "without one.")
    private String only;

    @Option(names = "--fashion-mnist", paramLabel = "DIR", description = "Fashion-MNIST IDX files for the mlp and "
            + "lenet workloads (default: /usr/share/datasets/fashion-mnist when it exists, else random data).")
    private Path fashionDir;

    @Option(names = "--peer-train-script", paramLabel = "FILE",
            description = "The peer training script (default: ../shared/bench/peer_train.py).")
    private Path peerTrainScript;

    @Option(names = "--peer-gpt-script", paramLabel = "FILE",
            description = "The PyTorch script for the gpt workload (default: the copy bundled with Stepwise).")
    private Path peerGptScript;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The best figure of each (implementation, shape) over all passes; shape null for the FMA peak. */
    private final Map<String, Figure> best = new LinkedHashMap<>();
    private final Map<String, PeerFigure> bestPeer = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();

    @Override
    public void run() {
        if (only != null && !List.of("gemm", "train", "gpt", "editor", "playground").contains(only)) {
            throw new IllegalArgumentException("--only takes gemm, train, gpt, editor or playground, not " + only);
        }
        PrintWriter out = spec.commandLine().getOut();
        if ("editor".equals(only)) {
            runEditor(out);
            out.flush();
            return;
        }
        if ("playground".equals(only)) {
            runPlayground(out);
            out.flush();
            return;
        }
        if ("gpt".equals(only)) {
            runTraining(out, List.of("gpt"));
            out.flush();
            return;
        }
        if (!"train".equals(only)) {
            runGemm(out);
        }
        if (!"gemm".equals(only)) {
            if (!"train".equals(only) && !json) {
                out.println();
            }
            runTraining(out, List.of("tiny", "mlp", "lenet", "gpt"));
        }
        out.flush();
    }

    private void runGemm(PrintWriter out) {
        for (int size : sizes) {
            if (size <= 0 || size > 4096) {
                throw new IllegalArgumentException("--sizes takes square sizes from 1 to 4096, not " + size);
            }
        }
        int passCount = passes != null ? passes : quick ? 2 : 3;
        if (passCount < 1 || passCount > 20) {
            throw new IllegalArgumentException("--passes takes 1 to 20, not " + passCount);
        }
        KernelSelection selection = KernelSelection.active();
        Kernels vector = selection.vectorActive() ? selection.kernels() : null;
        Kernels scalar = new ScalarKernels();
        GemmBenchmark bench = new GemmBenchmark(quick ? Budget.QUICK : Budget.FULL);
        List<GemmShape> shapes = new ArrayList<>();
        sizes.forEach(s -> shapes.add(new GemmShape(s, s, s)));
        shapes.addAll(GemmBenchmark.MLP_SHAPES);
        Optional<Path> script = noPeers ? Optional.empty() : PeerGemm.locate(peerScript);
        if (!noPeers && script.isEmpty()) {
            notes.add("peers not run: " + (peerScript != null ? "no file " + peerScript
                    : "../shared/bench/peer_gemm.py not found"));
        }

        PrintWriter err = spec.commandLine().getErr();
        for (int pass = 1; pass <= passCount; pass++) {
            err.printf("stepwise bench: pass %d of %d%n", pass, passCount);
            err.flush();
            if (vector != null) {
                keep("vector", null, bench.fmaPeak(true));
            }
            keep("scalar", null, bench.fmaPeak(false));
            for (GemmShape shape : shapes) {
                if (vector != null) {
                    keep("vector", shape, bench.gemm(vector, shape));
                }
                keep("scalar", shape, bench.gemm(scalar, shape));
            }
            script.ifPresent(this::runPeers);
        }

        if (json) {
            printJson(out, shapes, vector != null);
        } else {
            printTable(out, shapes, selection, vector != null, script);
        }
        out.flush();
    }

    // ---- the editor -------------------------------------------------------------------------------------------

    private void runEditor(PrintWriter out) {
        EditingBenchmark.Result r = inWindow("editor", EditingBenchmark::run);
        if (!json) {
            out.printf(Locale.ROOT, "Editing a %d-node, %d-edge graph in the studio, one edit per frame, two passes of %d"
                    + " frames:%n", r.nodes(), r.edges(), EditingBenchmark.FRAMES);
        }
        for (var pass : List.of(Map.entry("first", r.first()), Map.entry("warm", r.warm()))) {
            FrameTimes f = pass.getValue();
            int[] late = f.indicesOver(EditingBenchmark.STUTTER_MS);
            if (json) {
                StringJoiner lateJson = new StringJoiner(",", "[", "]");
                for (int i : late) {
                    lateJson.add(String.format(Locale.ROOT, "{\"frame\":%d,\"edit\":\"%s\",\"ms\":%.2f}", i,
                            EditingBenchmark.editName(i), f.millis()[i]));
                }
                out.printf(Locale.ROOT, "{\"op\":\"editor\",\"pass\":\"%s\",\"nodes\":%d,\"edges\":%d,\"frames\":%d,"
                        + "\"median_ms\":%.2f,\"p95_ms\":%.2f,\"max_ms\":%.2f,\"over_50ms\":%d,\"late\":%s}%n",
                        pass.getKey(), r.nodes(), r.edges(), f.count(), f.percentile(0.5), f.percentile(0.95), f.max(),
                        late.length, lateJson);
            } else {
                out.printf(Locale.ROOT, "  %-6s frame interval median %.1f ms, p95 %.1f ms, max %.1f ms; %d frames over %.0f"
                        + " ms%n", pass.getKey(), f.percentile(0.5), f.percentile(0.95), f.max(), late.length,
                        EditingBenchmark.STUTTER_MS);
                if (late.length > 0) {
                    out.printf(Locale.ROOT, "         over %.0f ms: %s%n", EditingBenchmark.STUTTER_MS, lateFrames(f, late));
                }
            }
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"op\":\"editor_cpu\",\"fx_cpu_ms_per_frame\":%.2f,\"render_cpu_ms_per_frame\":%.2f}%n",
                    r.fxBusy(), r.renderBusy());
        } else {
            out.printf(Locale.ROOT, "  CPU a warm frame: %.1f ms on the JavaFX thread, %.1f ms on its render thread%n",
                    r.fxBusy(), r.renderBusy());
        }
    }

    /** The late frames, "frame 2 (units) 61 ms", the first eight of them. */
    static String lateFrames(FrameTimes f, int[] late) {
        StringJoiner text = new StringJoiner(", ");
        for (int k = 0; k < Math.min(late.length, 8); k++) {
            int i = late[k];
            text.add(String.format(Locale.ROOT, "frame %d (%s) %.0f ms", i, EditingBenchmark.editName(i),
                    f.millis()[i]));
        }
        return late.length > 8 ? text + " and " + (late.length - 8) + " more" : text.toString();
    }

    // ---- the playground while training ---------------------------------------------------------------------

    private void runPlayground(PrintWriter out) {
        PlaygroundTrainingBenchmark.Result r = inWindow("playground", PlaygroundTrainingBenchmark::run);
        FrameTimes f = r.frames();
        if (json) {
            out.printf(Locale.ROOT, "{\"op\":\"playground\",\"frames\":%d,\"fps\":%.1f,\"median_ms\":%.2f,"
                    + "\"p95_ms\":%.2f,\"max_ms\":%.2f,\"over_33ms\":%d,\"steps_per_s\":%.0f,\"unit_maps\":%d,"
                    + "\"unit_maps_visible\":%d,\"fx_cpu_ms_per_frame\":%.2f,\"render_cpu_ms_per_frame\":%.2f,"
                    + "\"training_cores\":%.2f}%n", f.count(), f.perSecond(), f.percentile(0.5), f.percentile(0.95),
                    f.max(), f.over(1000.0 / 30), r.stepsPerSecond(), r.unitMaps(), r.unitMapsVisible(), r.fxBusy(),
                    r.renderBusy(), r.trainingBusy());
        } else {
            out.printf(Locale.ROOT, "Training the spiral with a 2-8-8-8-1 net as fast as possible in the playground view,"
                    + " %d of %d unit maps on screen, %d frames:%n", r.unitMapsVisible(), r.unitMaps(), f.count());
            out.printf(Locale.ROOT, "  %.1f frames/s; frame interval median %.1f ms, p95 %.1f ms, max %.1f ms; "
                    + "%d frames over 33 ms (under 30 fps)%n", f.perSecond(), f.percentile(0.5), f.percentile(0.95),
                    f.max(), f.over(1000.0 / 30));
            out.printf(Locale.ROOT, "  training meanwhile: %,.0f steps/s, using %.2f of a core%n", r.stepsPerSecond(),
                    r.trainingBusy());
            out.printf(Locale.ROOT, "  CPU a frame: %.1f ms on the JavaFX thread, %.1f ms on its render thread%n",
                    r.fxBusy(), r.renderBusy());
        }
    }

    /** Runs a benchmark that opens a window, turning a missing display into a message. */
    private static <T> T inWindow(String name, java.util.concurrent.Callable<T> benchmark) {
        try {
            return benchmark.call();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("the " + name + " benchmark needs a display; run it under xvfb-run ("
                    + e.getMessage() + ")");
        } catch (Exception e) {
            throw new IllegalStateException("the " + name + " benchmark failed: " + e.getMessage(), e);
        }
    }

    // ---- training workloads ----------------------------------------------------------------------------------

    private void runTraining(PrintWriter out, List<String> workloads) {
        PrintWriter err = spec.commandLine().getErr();
        boolean images = workloads.contains("mlp");
        Path dir = fashionDir != null ? fashionDir
                : java.nio.file.Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))
                ? Path.of("/usr/share/datasets/fashion-mnist") : null;
        if (fashionDir != null && !java.nio.file.Files.isDirectory(fashionDir)) {
            throw new IllegalArgumentException("--fashion-mnist: no folder " + fashionDir);
        }
        TrainingBenchmark.FashionData data = null;
        if (images) {
            try {
                data = TrainingBenchmark.fashion(dir);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("could not read Fashion-MNIST: " + e.getMessage());
            }
        }
        double tinySeconds = quick ? 1.0 : 3.0;
        int gptSteps = quick ? 10 : 30;
        List<TrainingBenchmark.Result> results = new ArrayList<>();
        for (boolean observer : new boolean[] {false, true}) {
            err.printf("stepwise bench: training workloads%s%n", observer ? ", observed" : "");
            err.flush();
            if (images) {
                results.add(TrainingBenchmark.tiny(observer, tinySeconds));
                results.add(TrainingBenchmark.mlp(observer, data));
                results.add(TrainingBenchmark.lenet(observer, data));
            }
            results.add(TrainingBenchmark.gpt(observer, gptSteps));
        }
        Optional<Path> script = noPeers || !images ? Optional.empty() : PeerTrain.locate(peerTrainScript);
        PeerTrain.Outcome peers = new PeerTrain.Outcome(List.of(), script.isEmpty() && !noPeers && images
                ? "peer_train.py not found" : "");
        PeerGpt.Outcome gptPeer = new PeerGpt.Outcome(Optional.empty(), "");
        if (!noPeers) {
            err.println("stepwise bench: peer gpt workload (PyTorch)");
            err.flush();
            PeerGpt.Settings d = PeerGpt.Settings.DEFAULT;
            gptPeer = PeerGpt.run(peerGptScript, new PeerGpt.Settings(gptSteps, d.batch(), d.context(), d.dim(),
                    d.heads(), d.layers(), d.hidden(), d.vocab()));
        }
        if (script.isPresent()) {
            // The peer's image workloads need the real files; with random data only tiny compares.
            List<String> imageWorkloads = dir != null ? List.of("tiny", "mlp", "lenet") : List.of("tiny");
            err.println("stepwise bench: peer training workloads");
            err.flush();
            peers = PeerTrain.run(script.get(), imageWorkloads, dir, openblasCore);
        }
        if (json) {
            for (TrainingBenchmark.Result r : results) {
                ObjectNode node = mapper.createObjectNode().put("op", "train").put("workload", r.workload());
                if (isRate(r.workload())) {
                    node.put("steps_per_s", round(r.stepsPerSecond()));
                } else {
                    node.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                }
                out.println(node.put("observer", r.observer()).put("data", r.data()));
            }
            gptPeer.figure().ifPresent(f -> out.println(mapper.createObjectNode().put("op", "train")
                    .put("workload", "gpt").put("impl", "torch").put("version", f.version())
                    .put("steps_per_s", round(f.stepsPerSecond()))));
            if (!gptPeer.note().isEmpty()) {
                out.println(mapper.createObjectNode().put("op", "note").put("text", "gpt peer: " + gptPeer.note()));
            }
            for (PeerTrain.PeerFigure f : peers.figures()) {
                ObjectNode node = mapper.createObjectNode().put("op", "train").put("workload", f.workload())
                        .put("impl", "torch").put("version", f.version());
                if (f.workload().equals("tiny")) {
                    node.put("steps_per_s", round(f.stepsPerSecond()));
                } else {
                    node.put("seconds", f.seconds());
                }
                out.println(node);
            }
            if (!peers.note().isEmpty()) {
                out.println(mapper.createObjectNode().put("op", "note").put("text", "peers: " + peers.note()));
            }
            return;
        }
        out.println("Training, one thread. Data: " + (data == null ? "random tokens" : data.source()
                + "; gpt on random tokens") + (openblasCore == null ? ""
                : ". The peer runs with OPENBLAS_CORETYPE=" + openblasCore));
        out.printf("%-8s %16s %16s %16s %12s%n", "workload", "stepwise", "observed", "torch", "vs torch");
        for (String w : workloads) {
            TrainingBenchmark.Result plain = find(results, w, false);
            TrainingBenchmark.Result observed = find(results, w, true);
            Optional<Double> peerRate = w.equals("gpt") ? gptPeer.figure().map(PeerGpt.Figure::stepsPerSecond)
                    : peers.figure(w).filter(f -> isRate(w)).map(PeerTrain.PeerFigure::stepsPerSecond);
            Optional<Double> peerSeconds = isRate(w) ? Optional.empty()
                    : peers.figure(w).map(PeerTrain.PeerFigure::seconds);
            String peerText = isRate(w) ? peerRate.map(BenchCommand::rateText).orElse("-")
                    : peerSeconds.map(sec -> String.format("%.3f s", sec)).orElse("-");
            String ratio = isRate(w) ? peerRate.map(r -> String.format("%.2f× rate", plain.stepsPerSecond() / r))
                    .orElse("-") : peerSeconds.map(sec -> String.format("%.2f× time", plain.seconds() / sec))
                    .orElse("-");
            out.printf("%-8s %16s %16s %16s %12s%n", w, trainFigure(plain), trainFigure(observed), peerText, ratio);
        }
        if (!peers.note().isEmpty()) {
            out.println("peers: " + peers.note());
        }
        if (!gptPeer.note().isEmpty()) {
            out.println("gpt peer: " + gptPeer.note());
        }
    }

    /** tiny and gpt report steps per second; mlp and lenet report the seconds of their run. */
    private static boolean isRate(String workload) {
        return workload.equals("tiny") || workload.equals("gpt");
    }

    private static String rateText(double stepsPerSecond) {
        return stepsPerSecond >= 100 ? String.format("%,.0f steps/s", stepsPerSecond)
                : String.format("%.1f steps/s", stepsPerSecond);
    }

    private static TrainingBenchmark.Result find(List<TrainingBenchmark.Result> results, String w, boolean observer) {
        return results.stream().filter(r -> r.workload().equals(w) && r.observer() == observer).findFirst()
                .orElseThrow();
    }

    private static String trainFigure(TrainingBenchmark.Result r) {
        return isRate(r.workload()) ? rateText(r.stepsPerSecond()) : String.format("%.3f s", r.seconds());
    }

    private void runPeers(Path script) {
        List<String> cores = new ArrayList<>();
        cores.add(null);
        if (openblasCore != null) {
            cores.add(openblasCore);
        }
        for (String core : cores) {
            PeerGemm.Outcome outcome = PeerGemm.run(script, sizes, core);
            if (!outcome.note().isEmpty()) {
                notes.add("peers: " + outcome.note());
            }
            if (!outcome.openblasCore().isEmpty()) {
                notes.add((core == null ? "OpenBLAS as detected" : "OPENBLAS_CORETYPE=" + core)
                        + " runs the OpenBLAS kernel for " + outcome.openblasCore());
            }
            for (PeerFigure f : outcome.figures()) {
                bestPeer.merge(f.peer() + " " + f.shape(), f, (a, b) -> a.gflops() >= b.gflops() ? a : b);
            }
        }
    }

    private void keep(String impl, GemmShape shape, Figure figure) {
        best.merge(key(impl, shape), figure, (a, b) -> a.gflops() >= b.gflops() ? a : b);
    }

    private static String key(String impl, GemmShape shape) {
        return impl + " " + (shape == null ? "fma_peak" : shape.toString());
    }

    private Optional<Figure> figure(String impl, GemmShape shape) {
        return Optional.ofNullable(best.get(key(impl, shape)));
    }

    private Optional<Double> peerGflops(String peer, GemmShape shape) {
        return Optional.ofNullable(bestPeer.get(peer + " " + shape)).map(PeerFigure::gflops);
    }

    /** Peer labels with their versions, in the order first measured. */
    private Map<String, String> peers() {
        Map<String, String> peers = new LinkedHashMap<>();
        bestPeer.values().forEach(f -> peers.putIfAbsent(f.peer(), f.version()));
        return peers;
    }

    // ---- output -----------------------------------------------------------------------------------------------

    private void printJson(PrintWriter out, List<GemmShape> shapes, boolean withVector) {
        for (String impl : withVector ? List.of("vector", "scalar") : List.of("scalar")) {
            Figure peak = best.get(key(impl, null));
            out.println(node("fma_peak", null, impl, peak.gflops()).put("noise_pct", round(peak.noisePercent())));
        }
        for (GemmShape shape : shapes) {
            for (String impl : withVector ? List.of("vector", "scalar") : List.of("scalar")) {
                Figure f = best.get(key(impl, shape));
                out.println(node("gemm", shape, impl, f.gflops())
                        .put("pct_of_peak", round(100 * f.gflops() / best.get(key(impl, null)).gflops()))
                        .put("noise_pct", round(f.noisePercent())));
            }
        }
        for (PeerFigure f : bestPeer.values()) {
            out.println(node("gemm", f.shape(), f.peer(), f.gflops()).put("version", f.version()));
        }
        notes.forEach(n -> out.println(mapper.createObjectNode().put("op", "note").put("text", n)));
    }

    private ObjectNode node(String op, GemmShape shape, String impl, double gflops) {
        ObjectNode node = mapper.createObjectNode().put("op", op);
        if (shape != null) {
            node.put("m", shape.m()).put("n", shape.n()).put("k", shape.k());
        }
        return node.put("impl", impl).put("gflops", round(gflops));
    }

    private void printTable(PrintWriter out, List<GemmShape> shapes, KernelSelection selection, boolean withVector,
                            Optional<Path> script) {
        out.printf("GEMM FP32, one thread. CPU: %s; JDK %s; kernels: %s%n", MachineFacts.cpuModel(),
                Runtime.version(), selection.kernels().description());
        if (!withVector) {
            out.println("The vector path is off (" + selection.reason() + "): only the scalar twin is measured.");
        }
        Figure vectorPeak = best.get(key("vector", null));
        Figure scalarPeak = best.get(key("scalar", null));
        out.printf("FMA calibration peak: %s%s GFLOPS scalar. Best of %d passes; noise = (median − best) / median.%n",
                vectorPeak == null ? "" : gf(vectorPeak.gflops()) + " GFLOPS vector, ", gf(scalarPeak.gflops()),
                passes != null ? passes : quick ? 2 : 3);
        List<String> peerNames = new ArrayList<>(peers().keySet());
        StringBuilder header = new StringBuilder(String.format("%n%-14s %8s %7s %6s %8s %8s", "m×n×k", "vector",
                "% peak", "noise", "scalar", "÷scalar"));
        peerNames.forEach(p -> header.append(String.format("  %" + width(p) + "s", p)));
        peerNames.forEach(p -> header.append(String.format("  %" + width("÷" + p) + "s", "÷" + p)));
        out.println(header);
        for (GemmShape shape : shapes) {
            Optional<Figure> v = figure("vector", shape);
            Figure s = best.get(key("scalar", shape));
            StringBuilder line = new StringBuilder(String.format("%-14s %8s %7s %6s %8s %8s", shape,
                    v.map(f -> gf(f.gflops())).orElse("-"),
                    v.map(f -> String.format("%.0f%%", 100 * f.gflops() / vectorPeak.gflops())).orElse("-"),
                    v.map(f -> String.format("%.1f%%", f.noisePercent())).orElse("-"), gf(s.gflops()),
                    v.map(f -> ratio(f.gflops(), s.gflops())).orElse("-")));
            for (String p : peerNames) {
                line.append(String.format("  %" + width(p) + "s", peerGflops(p, shape).map(BenchCommand::gf)
                        .orElse("-")));
            }
            for (String p : peerNames) {
                Optional<Double> g = peerGflops(p, shape);
                line.append(String.format("  %" + width("÷" + p) + "s", g.isPresent() && v.isPresent()
                        ? ratio(v.get().gflops(), g.get()) : "-"));
            }
            out.println(line);
        }
        if (!peerNames.isEmpty()) {
            out.println();
            out.println("Peers (same run): " + String.join(", ", peers().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()) + ", via " + PeerGemm.python() + " "
                    + script.map(Path::toString).orElse(""));
        }
        notes.forEach(out::println);
    }

    private static int width(String label) {
        return Math.max(6, label.length());
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static String gf(double gflops) {
        return String.format("%.1f", gflops);
    }

    private static String ratio(double a, double b) {
        return String.format("%.2f×", a / b);
    }
}
