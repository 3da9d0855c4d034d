// `stepwise parallel`: data and tensor parallelism in miniature on a network and a batch of real data. N simulated
// workers each take a shard of the batch; their all-reduced gradient is compared with the large-batch gradient,
// parameter by parameter. Then one dense layer's weight matrix is split across two devices by columns and by rows,
// and each output is compared with the one-device product, with the floats each device sends.
package org.stepwise.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.parallel.DataParallel;
import org.stepwise.core.parallel.TensorParallel;
import org.stepwise.core.train.Batch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "parallel",
        mixinStandardHelpOptions = true,
        description = "Data parallelism (N workers' all-reduced gradient against the large batch) and tensor "
                + "parallelism (a dense layer split by columns and by rows across 2 devices), simulated on a batch.")
public final class ParallelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC", description = "A built-in dataset or a file (default: "
            + "${DEFAULT-VALUE}).")
    private String data = "spiral";

    @Option(names = "--model", paramLabel = "FILE|TEMPLATE",
            description = "A network description or template; by default an MLP sized to the data.")
    private String model;

    @Option(names = "--workers", paramLabel = "N", description = "Simulated workers; they must divide the batch "
            + "(default: ${DEFAULT-VALUE}).")
    private int workers = 4;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples in the batch (default: ${DEFAULT-VALUE}).")
    private int batchSize = 32;

    @Option(names = "--layer", paramLabel = "NAME", description = "The dense layer to split; by default the first.")
    private String layer;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights and the batch (default: "
            + "${DEFAULT-VALUE}).")
    private long seed = 1;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, not " + batchSize);
        }
        if (workers < 1 || batchSize % workers != 0) {
            throw new IllegalArgumentException("--workers must divide the batch of " + batchSize + " evenly, and "
                    + workers + " does not");
        }
        LoadedData loaded = RunData.load(data, null, 28, RunData.IMAGE_CHANNELS, seed);
        Dataset all = loaded.dataset();
        GraphDef graph;
        try {
            graph = model == null ? RunData.defaultNet(all) : RunData.adapt(ModelReader.load(model), all, model);
            graph.validate();
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
        String dense = layer != null ? layer : graph.nodes().stream().filter(n -> n.spec() instanceof Dense.Spec)
                .map(n -> n.name()).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "the network has no dense layer to split"));
        if (layer != null && graph.nodes().stream().noneMatch(n -> n.name().equals(layer)
                && n.spec() instanceof Dense.Spec)) {
            throw new IllegalArgumentException("--layer " + layer + " is not a dense layer of the network; its dense "
                    + "layers are " + String.join(", ", graph.nodes().stream()
                    .filter(n -> n.spec() instanceof Dense.Spec).map(n -> n.name()).toList()));
        }
        Batcher batcher = new Batcher(all, Math.min(batchSize, all.n()), seed, true);
        Batch batch = batcher.batch(0, 0);
        if (batch.rows() % workers != 0) {
            throw new IllegalArgumentException("the data has only " + batch.rows() + " samples, which " + workers
                    + " workers cannot share evenly");
        }
        Network net = Network.build(graph, seed);
        var loss = RunData.lossFor(all, net.output().size());

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Data: %s; a batch of %d; %d workers of %d samples each%n", loaded.source(),
                batch.rows(), workers, batch.rows() / workers);
        DataParallel.Result d = DataParallel.simulate(graph, seed, loss, batch, workers);
        out.println();
        out.println("Data parallelism: the all-reduced gradient against the large batch's");
        out.printf(Locale.ROOT, "%-24s %8s %14s%n", "parameter", "values", "largest diff");
        for (int p = 0; p < d.names().size(); p++) {
            float[] avg = d.averaged().get(p);
            float[] full = d.fullBatch().get(p);
            double worst = 0;
            for (int i = 0; i < avg.length; i++) {
                worst = Math.max(worst, Math.abs(avg[i] - full[i]));
            }
            out.printf(Locale.ROOT, "%-24s %8d %14s%n", d.names().get(p), avg.length,
                    worst == 0 ? "equal" : String.format(Locale.ROOT, "%.1e", worst));
        }
        out.printf(Locale.ROOT, "Largest difference relative to the largest gradient: %.1e%s; a ring all-reduce "
                + "sends %,d bytes from each worker%n", d.maxRelativeError(),
                d.maxRelativeError() == 0 ? " (bit for bit)" : "", d.bytesPerWorker());

        TensorParallel.LayerSplit t = TensorParallel.splitLayer(net, Arrays.copyOf(batch.x(), batch.x().length),
                batch.rows(), dense);
        out.println();
        out.printf(Locale.ROOT, "Tensor parallelism: \"%s\" split across 2 devices (x %d×%d, W %d×%d)%n", t.node(),
                t.rows(), t.in(), t.units(), t.in());
        out.printf(Locale.ROOT, "By columns: %d and %d units; largest difference %s; each device sends %,d floats "
                        + "(all-gather)%n", t.units() / 2, t.units() - t.units() / 2, diff(t.columnDifference()),
                t.columnFloats());
        out.printf(Locale.ROOT, "By rows:    %d and %d inputs; largest difference %s; each device sends %,d floats "
                        + "(all-reduce)%n", t.in() / 2, t.in() - t.in() / 2, diff(t.rowDifference()), t.rowFloats());
        out.flush();
        return 0;
    }

    private static String diff(double d) {
        return d == 0 ? "0 (equal)" : String.format(Locale.ROOT, "%.1e", d);
    }
}
