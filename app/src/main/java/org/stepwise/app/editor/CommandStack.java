// The editor's undo history: every edit runs through execute(), and undo/redo walk the stack. It is unlimited for as
// long as the studio is open. It also knows whether the graph differs from the last save, for the title's mark.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class CommandStack {
    private final Document document;
    private final List<EditCommand> done = new ArrayList<>();
    private final List<EditCommand> undone = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** How many commands were done when the graph was last saved; -1 when that state cannot be reached again. */
    private int savedAt;

    public CommandStack(Document document) {
        this.document = document;
    }

    public Document document() {
        return document;
    }

    /** Runs the edit and records it; the redo list is cleared. */
    public void execute(EditCommand command) {
        command.execute(document);
        done.add(command);
        if (savedAt > done.size() - 1) {
            savedAt = -1; // the saved state was among the undone edits, now unreachable
        }
        undone.clear();
        document.changed();
        fire();
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    public void undo() {
        if (!canUndo()) {
            return;
        }
        EditCommand command = done.remove(done.size() - 1);
        command.undo(document);
        undone.add(command);
        document.changed();
        fire();
    }

    public void redo() {
        if (!canRedo()) {
            return;
        }
        EditCommand command = undone.remove(undone.size() - 1);
        command.execute(document);
        done.add(command);
        document.changed();
        fire();
    }

    /** The edit Undo would revert, or null. */
    public Text undoDescription() {
        return done.isEmpty() ? null : done.get(done.size() - 1).description();
    }

    /** The edit Redo would repeat, or null. */
    public Text redoDescription() {
        return undone.isEmpty() ? null : undone.get(undone.size() - 1).description();
    }

    public int size() {
        return done.size();
    }

    /** Marks the current state as saved. */
    public void markSaved() {
        savedAt = done.size();
        fire();
    }

    /** Marks the current state as not saved anywhere, e.g. work restored from a recovery copy. */
    public void markUnsaved() {
        savedAt = -1;
        fire();
    }

    /** True when the graph differs from the last save (or was never saved and has been edited). */
    public boolean isDirty() {
        return savedAt != done.size();
    }

    /** Forgets all history, e.g. after opening another project; the new state counts as saved. */
    public void reset() {
        done.clear();
        undone.clear();
        savedAt = 0;
        document.changed();
        fire();
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
