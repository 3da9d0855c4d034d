// `stepwise info`: what this machine and JVM give Stepwise, as text for people or as JSON for scripts.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stepwise.core.kernels.KernelSelection;
import org.stepwise.core.kernels.PanelAlignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        description = "Shows the Stepwise version, the JDK, the machine and the compute kernels in use.")
public final class InfoCommand implements Runnable {

    // The GEMM kernels run on the calling thread; this becomes a setting once they are parallel.
    private static final int GEMM_THREADS = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public void run() {
        Facts facts = Facts.ofThisJvm();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(facts.toJson());
        } else {
            facts.print(out);
        }
    }

    private record Facts(String version, String jdk, String vendor, String javaHome, String os, String arch,
                         String cpu, int cores, KernelSelection kernels) {

        static Facts ofThisJvm() {
            String arch = System.getProperty("os.arch");
            return new Facts(
                    VersionProvider.stepwiseVersion(),
                    Runtime.version().toString(),
                    System.getProperty("java.vendor"),
                    System.getProperty("java.home"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    arch,
                    MachineFacts.cpuModel(),
                    Runtime.getRuntime().availableProcessors(),
                    KernelSelection.active());
        }

        void print(PrintWriter out) {
            String format = "%-15s %s%n";
            out.printf(format, "Stepwise", version);
            out.printf(format, "JDK", jdk + " (" + vendor + ") at " + javaHome);
            out.printf(format, "OS", os + " (" + arch + ")");
            out.printf(format, "CPU", cpu);
            out.printf(format, "Processors", cores);
            out.printf(format, "Kernels", kernels.kernels().description());
            out.printf(format, "Reason", kernels.reason());
            out.printf(format, "Vector path", kernels.vectorActive() ? "yes" : "no");
            out.printf(format, "Lanes", kernels.kernels().lanes());
            out.printf(format, "GEMM threads", GEMM_THREADS + " (single-threaded)");
            out.printf(format, "GEMM panels", PanelAlignment.describe());
        }

        String toJson() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", version);
            fields.put("jdk", jdk);
            fields.put("vendor", vendor);
            fields.put("os", os);
            fields.put("arch", arch);
            fields.put("cpu", cpu);
            fields.put("cores", cores);
            fields.put("kernels", kernels.kernels().description());
            fields.put("vector_active", kernels.vectorActive());
            fields.put("lanes", kernels.kernels().lanes());
            fields.put("reason", kernels.reason());
            fields.put("gemm_threads", GEMM_THREADS);
            fields.put("gemm_panels", PanelAlignment.describe());
            return new ObjectMapper().valueToTree(fields).toString();
        }
    }
}
