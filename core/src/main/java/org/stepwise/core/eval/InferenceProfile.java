// Measures what a network costs to use: its size, single-sample latency and batch throughput on this machine.
//
// A measurement, not a benchmark harness: it warms the JIT up with the same calls first, then times each call with
// System.nanoTime. The numbers vary from run to run and machine to machine; only their order of magnitude matters.
package org.stepwise.core.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stepwise.core.graph.Network;

/**
 * @param parameters       learnable values
 * @param bytes            their size as float32
 * @param medianNanos      median time of one single-sample forward pass
 * @param p95Nanos         95th percentile (nearest rank) of the same
 * @param batchSize        rows per batch in the throughput measurement
 * @param samplesPerSecond throughput of forward passes at that batch size
 */
public record InferenceProfile(long parameters, long bytes, long medianNanos, long p95Nanos, int batchSize,
                               double samplesPerSecond) {

    public static final int DEFAULT_WARMUP = 200;
    public static final int DEFAULT_SAMPLES = 200;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_BATCHES = 20;

    public static InferenceProfile measure(Network net) {
        return measure(net, DEFAULT_WARMUP, DEFAULT_SAMPLES, DEFAULT_BATCH_SIZE, DEFAULT_BATCHES);
    }

    /**
     * @param warmup  untimed single-sample and batch passes first, each
     * @param samples timed single-sample passes
     * @param batches timed passes of {@code batchSize} rows
     */
    public static InferenceProfile measure(Network net, int warmup, int samples, int batchSize, int batches) {
        if (samples <= 0 || batchSize <= 0 || batches <= 0 || warmup < 0) {
            throw new IllegalArgumentException("Profiling needs at least one timed sample, batch row and batch, "
                    + "and no negative warm-up");
        }
        // Fixed pseudo-random inputs in [-1, 1]: all zeros would let ReLU networks skip nothing but look unusual.
        float[] x = new float[batchSize * net.input().size()];
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < warmup; i++) {
            net.predict(x, 1);
            net.predict(x, batchSize);
        }
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            net.predict(x, 1);
            // A clock coarser than one pass could read 0; one nanosecond keeps the latency a positive number.
            times[i] = Math.max(1, System.nanoTime() - start);
        }
        Arrays.sort(times);
        long batchStart = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            net.predict(x, batchSize);
        }
        long batchNanos = Math.max(1, System.nanoTime() - batchStart);
        long parameters = net.parameterCount();
        return new InferenceProfile(parameters, (long) Float.BYTES * parameters, percentile(times, 50),
                percentile(times, 95), batchSize, (double) batchSize * batches * 1e9 / batchNanos);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
