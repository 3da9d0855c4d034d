// The editor's model without any UI: building, breaking and repairing a net through commands, with every state
// reachable again by undo and redo.
package org.stepwise.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

class CommandStackTest {
    private final Document document = new Document(new EditorGraph(), TrainingSettings.defaults(), null);
    private final CommandStack stack = new CommandStack(document);
    private final EditorGraph graph = document.graph();

    private void add(String name, org.stepwise.core.graph.LayerSpec spec, String... inputs) {
        stack.execute(AddNodes.one(new EditorNode(name, spec, List.of(), false, 0, 0)));
        for (String in : inputs) {
            assertNull(Connect.refusal(graph, in, name));
            stack.execute(Connect.edge(in, name));
        }
    }

    private void buildThreeLayers() {
        add("input", new Input.Spec(Shape.of(2)));
        add("hidden1", new Dense.Spec(8, Activation.TANH), "input");
        add("hidden2", new Dense.Spec(8, Activation.TANH), "hidden1");
        add("output", new Dense.Spec(1, Activation.IDENTITY), "hidden2");
    }

    private List<EditorNode> state() {
        return new ArrayList<>(graph.nodes());
    }

    @Test
    void aNetBuiltByCommandsEqualsTheTemplateAndTrains() {
        buildThreeLayers();
        Analysis a = graph.analysis();
        assertTrue(a.ok(), a.problems().toString());
        assertEquals("8", a.shapeText("hidden1"));
        assertEquals(24L, a.parameters().get("hidden1"));
        assertEquals(24 + 72 + 9, a.totalParameters());
        GraphDef template = Templates.find("mlp-2-8-8-1").orElseThrow().graph();
        assertEquals(template, graph.toGraphDef());
        assertEquals(105, Network.build(graph.toGraphDef(), 1).parameterCount());
    }

    @Test
    void shapeErrorsUnconnectedPortsAndDanglingOutputsAreProblemsOfTheirNode() {
        buildThreeLayers();
        stack.execute(ChangeNode.spec(graph, "hidden2", new Dense.Spec(8, Activation.TANH, null, 0f, 5)));
        assertFalse(graph.analysis().problemsOf("hidden2").isEmpty());
        assertEquals("?", graph.analysis().shapeText("output"));
        stack.undo();
        add("loose", new Dense.Spec(3, Activation.RELU));
        assertTrue(graph.analysis().problemsOf("loose").get(0).message().contains("connect its input port"),
                graph.analysis().problems().toString());
        add("merge", new Add.Spec(), "hidden1", "hidden2");
        assertFalse(graph.analysis().ok());
    }

    @Test
    void cyclesSelfLoopsDuplicatesAndEdgesIntoTheInputAreRefusedWithAReason() {
        buildThreeLayers();
        assertEquals("connect.cycle", Connect.refusal(graph, "output", "hidden1").key());
        assertEquals("connect.self", Connect.refusal(graph, "hidden1", "hidden1").key());
        assertEquals("connect.exists", Connect.refusal(graph, "input", "hidden1").key());
        assertEquals("connect.toInput", Connect.refusal(graph, "hidden1", "input").key());
        assertEquals("name.taken", ChangeNode.nameRefusal(graph, "hidden1", "output").key());
        assertEquals("name.invalid", ChangeNode.nameRefusal(graph, "hidden1", "a b").key());
        assertNull(ChangeNode.nameRefusal(graph, "hidden1", "encoder"));
    }

    @Test
    void undoingEverythingThenRedoingEverythingWalksThroughTheSameStates() {
        List<List<EditorNode>> states = new ArrayList<>();
        states.add(state());
        buildThreeLayers();
        states.add(state());
        stack.execute(ChangeNode.rename(graph, "hidden1", "encoder"));
        assertEquals(List.of("encoder"), graph.node("hidden2").inputs());
        states.add(state());
        stack.execute(MoveNodes.by(graph, List.of("encoder", "output"), 30, -10));
        states.add(state());
        stack.execute(new RemoveNodes(Set.of("hidden2")));
        assertEquals(List.of(), graph.node("output").inputs());
        states.add(state());
        stack.execute(AutoLayout.command(graph));
        states.add(state());
        int edits = stack.size();

        for (int i = 0; i < edits; i++) {
            stack.undo();
        }
        assertEquals(List.of(), graph.nodes());
        assertFalse(stack.canUndo());
        for (int i = 0; i < edits; i++) {
            stack.redo();
        }
        assertEquals(states.get(states.size() - 1), state());
        // Walk back through the recorded checkpoints: each must come back exactly, node order included.
        stack.undo();
        assertEquals(states.get(4), state());
        stack.undo();
        assertEquals(states.get(3), state());
        stack.undo();
        assertEquals(states.get(2), state());
        stack.undo();
        assertEquals(states.get(1), state());
    }

    @Test
    void removingAMiddleNodeAndUndoingRestoresOrderAndEveryConsumersInputs() {
        buildThreeLayers();
        add("skip", new Add.Spec(), "hidden1", "hidden2");
        List<EditorNode> before = state();
        stack.execute(new RemoveNodes(Set.of("hidden1")));
        assertEquals(List.of("hidden2"), graph.node("skip").inputs());
        assertEquals(List.of(), graph.node("hidden2").inputs());
        stack.undo();
        assertEquals(before, state());
        assertEquals(Text.of("edit.delete.one", "hidden1"), stack.redoDescription());
    }

    @Test
    void pastedNodesGetFreshNamesKeepTheirInnerEdgesAndMoveAside() {
        buildThreeLayers();
        Clipboard clipboard = new Clipboard();
        clipboard.copy(graph, Set.of("hidden1", "hidden2"));
        stack.execute(clipboard.paste(graph));
        EditorNode copy = graph.node("hidden3");
        assertNotNull(copy);
        assertEquals(List.of(), copy.inputs(), "the edge from input is outside the selection");
        assertEquals(List.of("hidden3"), graph.node("hidden4").inputs());
        assertEquals(graph.node("hidden1").x() + Clipboard.PASTE_OFFSET, copy.x());
        stack.execute(clipboard.paste(graph));
        assertEquals(List.of("hidden5"), graph.node("hidden6").inputs());
    }

    @Test
    void theDirtyMarkFollowsTheSavedState() {
        assertFalse(stack.isDirty());
        buildThreeLayers();
        assertTrue(stack.isDirty());
        stack.markSaved();
        assertFalse(stack.isDirty());
        stack.execute(MoveNodes.by(graph, List.of("input"), 5, 5));
        assertTrue(stack.isDirty());
        stack.undo();
        assertFalse(stack.isDirty(), "undoing back to the saved state is clean again");
        stack.undo();
        assertTrue(stack.isDirty());
        stack.execute(MoveNodes.by(graph, List.of("input"), 5, 5));
        stack.redo();
        assertTrue(stack.isDirty(), "the saved state is unreachable once its redo branch is dropped");
    }

    @Test
    void settingsAndDataChangesAreUndoableToo() {
        TrainingSettings before = document.settings();
        stack.execute(ChangeSettings.settings(before.withLearningRate(0.3f), "settings.learningRate"));
        assertEquals(0.3f, document.settings().learningRate());
        stack.execute(ChangeSettings.data(org.stepwise.core.project.DataRef.builtIn("spiral")));
        assertEquals("spiral", document.data().spec());
        stack.undo();
        assertNull(document.data());
        stack.undo();
        assertEquals(before, document.settings());
    }

    @Test
    void autoLayoutPlacesASequentialNetInOneRowLeftToRight() {
        GraphDef template = Templates.find("mlp-2-8-8-1").orElseThrow().graph();
        EditorGraph laid = EditorGraph.of(template, Map.of());
        List<EditorNode> nodes = laid.nodes();
        for (int i = 1; i < nodes.size(); i++) {
            assertEquals(nodes.get(0).y(), nodes.get(i).y());
            assertTrue(nodes.get(i).x() > nodes.get(i - 1).x());
        }
    }
}
