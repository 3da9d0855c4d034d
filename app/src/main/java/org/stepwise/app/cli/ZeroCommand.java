// `stepwise zero`: the ZeRO memory calculator. How many bytes of model state (weights, gradients, optimizer state)
// each data-parallel worker holds at ZeRO stages 0 to 3, with the formula behind each figure. Activations are not
// model state and are not counted.
package org.stepwise.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.precision.ZeroMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "zero",
        mixinStandardHelpOptions = true,
        description = "Memory per worker at ZeRO stages 0–3 for a parameter count, an optimizer, a precision and a "
                + "number of data-parallel workers, with the formula.")
public final class ZeroCommand implements Callable<Integer> {
    private static final String[] SHARDED = {"nothing", "optimizer state", "+ gradients", "+ weights"};

    @Spec
    private CommandSpec spec;

    @Option(names = "--params", required = true, paramLabel = "N", description = "Parameters in the model (Ψ).")
    private long parameters;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    private String optimizer = "adam";

    @Option(names = "--precision", paramLabel = "FORMAT",
            description = "fp32, bf16 or fp16; bf16 and fp16 add an fp32 master copy to the optimizer state "
                    + "(default: ${DEFAULT-VALUE}).")
    private String precision = "fp16";

    @Option(names = "--workers", required = true, paramLabel = "N", description = "Data-parallel workers (N).")
    private int workers;

    @Override
    public Integer call() {
        if (parameters < 1) {
            throw new IllegalArgumentException("--params must be at least 1, not " + parameters);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        }
        ZeroMemory z = new ZeroMemory(parameters, workers, Precision.parse(precision), optimizer);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Ψ = %,d parameters, N = %d workers, %s in %s%n", parameters, workers, optimizer,
                precision);
        out.printf(Locale.ROOT, "Bytes per parameter: %d weight, %d gradient, %d optimizer state%s%n",
                z.weightBytes(), z.gradientBytes(), z.optimizerBytes(),
                z.precision() == Precision.FP32 ? "" : " (4 of them the fp32 master copy)");
        out.println();
        out.printf(Locale.ROOT, "%-6s %-16s %-20s %s%n", "stage", "sharded", "formula", "per worker");
        for (int stage = 0; stage <= 3; stage++) {
            double bytes = z.bytesPerWorker(stage);
            out.printf(Locale.ROOT, "%-6d %-16s %-20s %,.0f bytes (%s)%n", stage, SHARDED[stage], z.formula(stage),
                    bytes, readable(bytes));
        }
        out.flush();
        return 0;
    }

    /** Decimal units, as the ZeRO paper counts: 1 GB = 10⁹ bytes. */
    static String readable(double bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (bytes >= 1000 && u < units.length - 1) {
            bytes /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.2f %s", bytes, units[u]);
    }
}
