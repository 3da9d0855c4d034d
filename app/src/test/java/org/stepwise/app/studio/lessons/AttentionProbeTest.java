// What previous_token_attention reads in the studio: the same number the headless studio gives, measured off the FX
// thread on the session's validation windows, from the document's network before training and from a snapshot's
// copied weights after; nothing for a network without attention.
package org.stepwise.app.studio.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.lessons.goal.StudioState;

class AttentionProbeTest {
    private static final DataRef TEXT = DataRef.builtIn("moby-dick");
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withSplit(0.1, 0).withSeeds(1, 1);

    private static TransformerTrace.HeadScore await(Supplier<TransformerTrace.HeadScore> read) throws Exception {
        for (int i = 0; i < 600; i++) {
            TransformerTrace.HeadScore score = read.get();
            if (score != null) {
                return score;
            }
            Thread.sleep(50);
        }
        return fail("no measurement within 30 s");
    }

    /** The snapshot the training thread would copy: every node's parameters, nothing else needed here. */
    private static StepSnapshot snapshotOf(Network net) {
        Map<String, StepSnapshot.NodeState> nodes = new LinkedHashMap<>();
        for (Node n : net.nodes()) {
            List<StepSnapshot.ParamState> params = new ArrayList<>();
            for (Param p : n.params()) {
                params.add(new StepSnapshot.ParamState(p.name(), p.shape(), p.value().clone(), null, null));
            }
            nodes.put(n.name(), new StepSnapshot.NodeState(n.name(), n.type(), n.shape(), false, 0, null, null,
                    null, params));
        }
        return new StepSnapshot(7, 0, null, null, "", 0, 7, 218, 2f, 0.003f, null, null, null, 0, nodes, -1, null,
                1);
    }

    @Test
    void theStudioMeasuresWhatTheHeadlessStudioMeasuresBeforeAndAfterTraining() throws Exception {
        GraphDef graph = new GptConfig(78, 64, 16, 2, 2, 32).graph();
        Network document = Network.build(graph, 1);
        Session session = Session.open(Project.create("gpt", graph, TEXT, SETTINGS), 0);
        AttentionProbe probe = new AttentionProbe();

        TransformerTrace.HeadScore before = await(() -> probe.read(graph, TEXT, SETTINGS, null, document));
        assertEquals(TransformerTrace.bestPreviousTokenHead(document, session.validation(),
                StudioState.PROBE_WINDOWS), before);

        session.stepper().runBatches(3);
        Network trained = session.stepper().network();
        StepSnapshot snapshot = snapshotOf(trained);
        TransformerTrace.HeadScore expected = TransformerTrace.bestPreviousTokenHead(trained, session.validation(),
                StudioState.PROBE_WINDOWS);
        TransformerTrace.HeadScore after = await(() -> {
            TransformerTrace.HeadScore read = probe.read(graph, TEXT, SETTINGS, snapshot, document);
            return before.equals(read) ? null : read;
        });
        assertNotEquals(before, after);
        assertEquals(expected, after);
    }

    @Test
    void aNetworkWithoutAttentionHasNothingToMeasure() {
        GraphDef graph = Templates.find("perceptron").orElseThrow().graph();
        assertNull(new AttentionProbe().read(graph, DataRef.builtIn("gaussians"), SETTINGS, null,
                Network.build(graph, 1)));
    }
}
