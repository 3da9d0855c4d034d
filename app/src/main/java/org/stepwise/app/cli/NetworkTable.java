// Prints a built network as the command line shows it: one row per node with its type, output shape and parameters.
package org.stepwise.app.cli;

import java.io.PrintWriter;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Problem;

final class NetworkTable {

    private NetworkTable() {
    }

    static void print(Network net, PrintWriter out) {
        out.printf("%-16s %-12s %-16s %12s%n", "node", "type", "output", "parameters");
        for (Node n : net.nodes()) {
            long params = n.params().stream().mapToLong(p -> p.size()).sum();
            out.printf("%-16s %-12s %-16s %12s%s%n", n.name(), n.type(), n.shape(),
                    params == 0 ? "" : String.format("%,d", params), n.frozen() ? "  (frozen)" : "");
        }
        out.printf("%,d parameters%n", net.parameterCount());
    }

    /** Every problem of a network description, one per line, each already naming its place. */
    static String problems(GraphException e) {
        StringBuilder text = new StringBuilder();
        for (Problem p : e.problems()) {
            text.append(text.isEmpty() ? "" : "\n  ").append(p.message());
        }
        return text.toString();
    }
}
