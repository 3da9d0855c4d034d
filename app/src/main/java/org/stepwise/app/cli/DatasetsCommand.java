// `stepwise datasets`: the built-in datasets a --data option can name, as a table or one JSON object per line.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import org.stepwise.core.data.DataSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "datasets",
        mixinStandardHelpOptions = true,
        description = "Lists the built-in datasets; --data also takes a CSV file, an IDX folder or an image folder.")
public final class DatasetsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per dataset instead of a table.")
    private boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf("%-16s %-16s %s%n", "name", "kind", "description");
        }
        for (DataSources.BuiltIn b : DataSources.builtIns()) {
            if (json) {
                out.println(mapper.createObjectNode().put("name", b.name()).put("kind", b.kind())
                        .put("description", b.description()));
            } else {
                out.printf("%-16s %-16s %s%n", b.name(), b.kind(), b.description());
            }
        }
        out.flush();
    }
}
