// Keeps the Document's network in step with its graph: after a structural edit, a network is built for the new
// graph and every node whose parameters kept their shapes keeps its weights, so editing one layer does not
// retrain the others from scratch. An invalid graph has no network until it is repaired.
package org.stepwise.app.studio;

import java.util.List;
import org.stepwise.app.editor.Document;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

public final class NetworkSync {
    private NetworkSync() {
    }

    /** True when the document's network was replaced (or dropped). */
    public static boolean sync(Document document) {
        return sync(document, document.graph().toGraphDef());
    }

    /** As {@link #sync(Document)}, for a caller that has made the graph's definition already. */
    static boolean sync(Document document, GraphDef def) {
        Network current = document.network();
        if (current != null && current.def().equals(def)) {
            return false;
        }
        if (!document.graph().analysis().ok()) {
            if (current == null) {
                return false;
            }
            document.setNetwork(null);
            return true;
        }
        Network fresh;
        try {
            fresh = Network.build(def, document.settings().seed());
        } catch (RuntimeException e) {
            // Size limits the analysis does not check; the problems list shows the graph as it is.
            document.setNetwork(null);
            return current != null;
        }
        if (current != null) {
            keepWeights(current, fresh);
        }
        document.setNetwork(fresh);
        return true;
    }

    /** Copies parameters and node state of same-named nodes whose shapes are unchanged. */
    static void keepWeights(Network from, Network to) {
        java.util.Map<String, Node> byName = new java.util.HashMap<>();
        from.nodes().forEach(n -> byName.put(n.name(), n));
        for (Node target : to.nodes()) {
            Node source = byName.get(target.name());
            if (source == null || !source.type().equals(target.type())) {
                continue;
            }
            List<Param> a = source.params();
            List<Param> b = target.params();
            boolean same = a.size() == b.size();
            for (int i = 0; same && i < a.size(); i++) {
                same = a.get(i).shape().equals(b.get(i).shape());
            }
            List<float[]> sa = source.state();
            List<float[]> sb = target.state();
            same &= sa.size() == sb.size();
            for (int i = 0; same && i < sa.size(); i++) {
                same = sa.get(i).length == sb.get(i).length;
            }
            if (!same) {
                continue;
            }
            for (int i = 0; i < a.size(); i++) {
                System.arraycopy(a.get(i).value(), 0, b.get(i).value(), 0, a.get(i).size());
            }
            for (int i = 0; i < sa.size(); i++) {
                System.arraycopy(sa.get(i), 0, sb.get(i), 0, sa.get(i).length);
            }
        }
    }
}
