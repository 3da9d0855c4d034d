// One undoable edit of the Document. execute and undo must restore the graph exactly, node order included, so
// that any sequence of undos and redos walks through the same states.
package org.stepwise.app.editor;

public interface EditCommand {
    void execute(Document document);

    void undo(Document document);

    /** What the edit did, for the Undo and Redo menu items: "Add Dense 'dense2'". */
    Text description();
}
