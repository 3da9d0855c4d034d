// `stepwise model --model X`: reads a network (a template name or a JSON file), checks it, and prints each node
// with its output shape and parameter count, or every problem with file:line:column.
package org.stepwise.app.cli;

import java.io.PrintWriter;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Checks a network description and lists its nodes, shapes and parameters.")
public final class ModelCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|TEMPLATE",
            description = "A JSON network description, or a template name: ${COMPLETION-CANDIDATES}.",
            completionCandidates = TemplateNames.class)
    private String model;

    /** The template names, for --help. */
    static final class TemplateNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Templates.names().iterator();
        }
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        GraphDef graph;
        try {
            graph = ModelReader.load(model);
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
        Network net;
        try {
            net = Network.build(graph, 0);
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
        NetworkTable.print(net, out);
    }
}
