// `stepwise profile RUN`: how big a saved network is and how fast it answers, one sample and a batch at a time.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepwise.core.eval.InferenceProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "Measures a saved network: parameters, memory, single-sample latency and batch throughput.")
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.stepwise", description = "A project file, e.g. one written by `stepwise train`.")
    private Path runFile;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        InferenceProfile p = InferenceProfile.measure(RunData.loadProject(runFile, spec.commandLine().getErr()).network());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("parameters", p.parameters());
            fields.put("bytes", p.bytes());
            fields.put("median_latency_us", p.medianNanos() / 1e3);
            fields.put("p95_latency_us", p.p95Nanos() / 1e3);
            fields.put("batch_size", p.batchSize());
            fields.put("samples_per_second", p.samplesPerSecond());
            out.println(new ObjectMapper().valueToTree(fields).toString());
        } else {
            String format = "%-20s %s%n";
            out.printf(format, "Parameters", String.format("%,d", p.parameters()));
            out.printf(format, "Memory", String.format("%,d bytes", p.bytes()));
            out.printf(format, "Latency (median)", String.format("%.1f µs per sample", p.medianNanos() / 1e3));
            out.printf(format, "Latency (p95)", String.format("%.1f µs per sample", p.p95Nanos() / 1e3));
            out.printf(format, "Throughput", String.format("%,.0f samples/s at batch %d", p.samplesPerSecond(),
                    p.batchSize()));
        }
        out.flush();
        return 0;
    }
}
