// A careful GEMM benchmark harness: warm-up, rounds long enough to time, best-of-N, and the noise between rounds.
//
// It is a benchmark, not a test: nothing here asserts a speed. Results are reported as GFLOPS = 2·m·n·k / time.
package org.stepwise.core.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.kernels.GemmLayout;
import org.stepwise.core.kernels.Kernels;

public final class GemmBenchmark {

    /** (m, n, k): C(m×n) = A(m×k)·B(k×n). */
    public record GemmShape(int m, int n, int k) {
        public long flops() {
            return 2L * m * n * k;
        }

        @Override
        public String toString() {
            return m + "×" + n + "×" + k;
        }
    }

    /** One figure: GFLOPS at the best round, and the noise as (median − best) / median. */
    public record Figure(double gflops, double noisePercent, int rounds) {
    }

    /** How long to warm up and to measure each figure. */
    public record Budget(double warmupSeconds, double measureSeconds, int minRounds) {
        public static final Budget QUICK = new Budget(0.25, 0.5, 5);
        public static final Budget FULL = new Budget(1.0, 2.0, 10);
    }

    public static final List<GemmShape> SQUARES = List.of(
            new GemmShape(64, 64, 64), new GemmShape(128, 128, 128),
            new GemmShape(256, 256, 256), new GemmShape(512, 512, 512));

    /** The shapes of a 784-128-10 MLP at batch 64: forward, weight gradient, input gradient, output layer. */
    public static final List<GemmShape> MLP_SHAPES = List.of(
            new GemmShape(64, 128, 784), new GemmShape(784, 128, 64),
            new GemmShape(64, 784, 128), new GemmShape(64, 10, 128));

    private static final double JIT_QUIET_SECONDS = 0.3;
    private static final double MAX_EXTRA_WARMUP_SECONDS = 5;

    private final Budget budget;

    public GemmBenchmark(Budget budget) {
        this.budget = budget;
    }

    public static List<GemmShape> allShapes() {
        List<GemmShape> shapes = new ArrayList<>(SQUARES);
        shapes.addAll(MLP_SHAPES);
        return shapes;
    }

    /** GFLOPS of C = A·B for one shape on the given kernels, inputs uniform in [−1, 1) from a fixed seed. */
    public Figure gemm(Kernels kernels, GemmShape shape) {
        float[] a = random(shape.m() * shape.k(), 1);
        float[] b = random(shape.k() * shape.n(), 2);
        float[] c = new float[shape.m() * shape.n()];
        return measure(shape.flops(), () -> kernels.gemm(GemmLayout.AB, shape.m(), shape.n(), shape.k(), a, b, c,
                false));
    }

    /** The calibration FMA peak of this core, on the vector path or the scalar one. */
    public Figure fmaPeak(boolean vector) {
        int rounds = 1 << 16;
        long flops = FmaCalibration.run(rounds, vector);
        return measure(flops, () -> FmaCalibration.run(rounds, vector));
    }

    private Figure measure(long flopsPerCall, Runnable call) {
        warmUp(call);

        // Size one round to at least 20 ms so that timer resolution is negligible; the faster of two timings keeps
        // one preempted round from sizing it too small.
        int perRound = 1;
        while (true) {
            long t = Math.min(time(call, perRound), time(call, perRound));
            if (t >= 20_000_000L || perRound >= 1 << 20) {
                break;
            }
            perRound *= 2;
        }
        long measureEnd = System.nanoTime() + seconds(budget.measureSeconds());
        List<Long> rounds = new ArrayList<>();
        do {
            rounds.add(time(call, perRound));
        } while (System.nanoTime() < measureEnd || rounds.size() < budget.minRounds());

        long[] sorted = rounds.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double best = sorted[0] / 1e9 / perRound;
        double median = sorted[sorted.length / 2] / 1e9 / perRound;
        return new Figure(flopsPerCall / best / 1e9, 100.0 * (median - best) / median, sorted.length);
    }

    /**
     * Runs the call for the warm-up time, then on until the JIT has been quiet for a while (bounded): on two cores a
     * compiler thread busy on the other core, possibly a hyperthread sibling, halves the FMA rate of this one.
     */
    private void warmUp(Runnable call) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean canWatchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long minEnd = start + seconds(budget.warmupSeconds());
        long maxEnd = start + seconds(budget.warmupSeconds() + MAX_EXTRA_WARMUP_SECONDS);
        long lastJitTime = canWatchJit ? jit.getTotalCompilationTime() : 0;
        long quietSince = start;
        while (true) {
            call.run();
            long now = System.nanoTime();
            if (canWatchJit) {
                long jitTime = jit.getTotalCompilationTime();
                if (jitTime != lastJitTime) {
                    lastJitTime = jitTime;
                    quietSince = now;
                }
            }
            boolean quiet = !canWatchJit || now - quietSince >= seconds(JIT_QUIET_SECONDS);
            if ((now >= minEnd && quiet) || now >= maxEnd) {
                return;
            }
        }
    }

    private static long time(Runnable call, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            call.run();
        }
        return System.nanoTime() - start;
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
