// What the benchmarks that measure the studio's own window share: starting JavaFX, running the measurement on its
// thread, and shutting it down again, so `stepwise bench` returns to the shell.
package org.stepwise.app.studio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

final class WindowBenchmark {
    private WindowBenchmark() {
    }

    /**
     * Starts JavaFX, hands {@code start} (on the JavaFX thread) the future it completes when done, and waits for it.
     *
     * @throws UnsupportedOperationException or IllegalStateException when there is no display
     */
    static <T> T run(Consumer<CompletableFuture<T>> start) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                start.accept(result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.MINUTES);
        } finally {
            Platform.exit();
        }
    }

    /** CPU nanoseconds so far of the calling thread: the JavaFX application thread, when a benchmark's frame asks. */
    static long currentThreadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU nanoseconds so far of the threads whose names start with {@code prefix}, all added up. */
    static long threadCpu(String prefix) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                sum += Math.max(0, bean.getThreadCpuTime(t.threadId()));
            }
        }
        return sum;
    }

    /** The name of JavaFX's render thread, which paints what the application thread laid out. */
    static final String RENDER_THREAD = "QuantumRenderer";
}
