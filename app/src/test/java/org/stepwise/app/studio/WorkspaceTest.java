// The Workspace without any UI: what its listeners hear, and when.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.app.editor.MoveNodes;

class WorkspaceTest {
    private final Workspace workspace = new Workspace(DefaultProjects.standard(), null);
    private final List<String> heard = new ArrayList<>();

    @Test
    void eachEditUndoRedoAndSaveMarkIsToldOnceWithTheStateAfterIt() {
        workspace.addDocumentListener(() -> heard.add(workspace.graph().node("hidden1").x() + " "
                + workspace.stack().canUndo() + " " + workspace.stack().isDirty()));
        double x = workspace.graph().node("hidden1").x();

        workspace.execute(MoveNodes.by(workspace.graph(), List.of("hidden1"), 12, 0));
        workspace.stack().undo();
        workspace.stack().redo();
        workspace.stack().markSaved();

        assertEquals(List.of((x + 12) + " true true", x + " false false", (x + 12) + " true true",
                (x + 12) + " true false"), heard);
    }
}
