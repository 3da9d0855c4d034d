// Validation of graph descriptions: every problem is named with its node, and all of them are reported at once.
package org.stepwise.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

class GraphDefTest {
    private static final NodeDef INPUT = new NodeDef("in", new Input.Spec(Shape.of(4)));

    private static List<String> messages(GraphDef g) {
        return g.infer().problems().stream().map(Problem::message).toList();
    }

    @Test
    void aCycleIsNamedWithTheNodesOnIt() {
        GraphDef g = new GraphDef(List.of(INPUT,
                new NodeDef("a", new Add.Spec(), "in", "c"),
                new NodeDef("b", new Dense.Spec(4, Activation.RELU), "a"),
                new NodeDef("c", new Dense.Spec(4, Activation.RELU), "b")));
        assertTrue(messages(g).contains("The graph has a cycle through 'a' → 'b' → 'c': a network must not feed back "
                + "into itself"), messages(g).toString());
    }

    @Test
    void aDanglingOutputPortAndAnUnconnectedInputPortAreBothReported() {
        GraphDef g = new GraphDef(List.of(INPUT,
                new NodeDef("side", new Dense.Spec(3, Activation.TANH), "in"),
                new NodeDef("lonely", new Dense.Spec(3, Activation.TANH)),
                new NodeDef("out", new Dense.Spec(2, Activation.IDENTITY), "in")));
        List<String> problems = messages(g);
        assertTrue(problems.contains("Dense 'lonely' needs 1 input but has 0: connect its input port"), problems.toString());
        assertTrue(problems.contains("Dense 'side' is not connected to the output: its output port is dangling"),
                problems.toString());
    }

    @Test
    void missingProducersDuplicateNamesAndInputCountAreReported() {
        GraphDef g = new GraphDef(List.of(INPUT, INPUT,
                new NodeDef("out", new Dense.Spec(2, Activation.IDENTITY), "nowhere")));
        List<String> problems = messages(g);
        assertTrue(problems.contains("Two nodes are named 'in'"), problems.toString());
        assertTrue(problems.contains("Dense 'out' reads from 'nowhere', which does not exist"), problems.toString());
        assertTrue(problems.contains("A network needs exactly one input node, but has 2"), problems.toString());
    }

    @Test
    void validateThrowsEveryProblemAndBuildsNothing() {
        GraphDef g = new GraphDef(List.of(INPUT,
                new NodeDef("a", new Dense.Spec(8, Activation.RELU), "in"),
                new NodeDef("b", new Dense.Spec(4, Activation.RELU), "in"),
                new NodeDef("sum", new Add.Spec(), "a", "b")));
        GraphException e = assertThrows(GraphException.class, () -> Network.build(g, 1));
        assertEquals("Add 'sum' needs equal shapes but receives (8) from 'a' and (4) from 'b'", e.getMessage());
        assertEquals("sum", e.problems().get(0).node());
    }

    @Test
    void shapesAreInferredInTopologicalOrderWhateverTheDeclarationOrder() {
        GraphDef g = new GraphDef(List.of(
                new NodeDef("out", new Dense.Spec(2, Activation.IDENTITY), "h"),
                new NodeDef("h", new Dense.Spec(5, Activation.TANH), "in"),
                INPUT));
        GraphDef.Inferred inferred = g.validate();
        assertEquals(List.of("in", "h", "out"), inferred.order().stream().map(NodeDef::name).toList());
        assertEquals(Shape.of(5), inferred.shapes().get("h"));
        assertEquals("out", inferred.output().name());
    }

    @Test
    void anOversizedNetworkIsRefusedBeforeAnythingIsAllocated() {
        GraphDef g = new GraphDef(List.of(new NodeDef("in", new Input.Spec(Shape.of(40_000))),
                new NodeDef("huge", new Dense.Spec(40_000, Activation.RELU), "in")));
        GraphException e = assertThrows(GraphException.class, () -> Network.build(g, 1));
        assertEquals("Dense 'huge' brings the network past 50,000,000 parameters; make it smaller", e.getMessage());
    }
}
