// The state the studio's parts share, on the FX thread: the edited Document and its CommandStack, the selection,
// the clipboard, the project's file and name, and the trained network that goes with the graph.
//
// Views observe it and change it only through commands (graph, settings, data) or the selection; they never
// keep copies of the graph. The window owns one Workspace for as long as it is open; opening a project replaces
// the Document in place via load(), so views keep their references.
package org.stepwise.app.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.stepwise.app.editor.Clipboard;
import org.stepwise.app.editor.CommandStack;
import org.stepwise.app.editor.Document;
import org.stepwise.app.editor.EditCommand;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.core.project.Project;

public final class Workspace {
    private Document document;
    private CommandStack stack;
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final Clipboard clipboard = new Clipboard();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("untitled");
    /** The project as last opened, saved or trained: weights, history, normalization. */
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final List<Runnable> documentListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> replacedListeners = new CopyOnWriteArrayList<>();

    public Workspace(Project initial, Path file) {
        load(initial, file);
    }

    /** Makes {@code p} the open project: a fresh Document and an empty undo history. */
    public void load(Project p, Path from) {
        Document fresh = new Document(EditorGraph.of(p.graph(), p.layout()), p.settings(), p.data());
        fresh.setNetwork(p.network());
        this.document = fresh;
        this.stack = new CommandStack(fresh);
        // Every change to the Document comes through the stack, which speaks after it: listening to the Document
        // too would refresh every view twice per edit.
        stack.addListener(() -> documentListeners.forEach(Runnable::run));
        selection.clear();
        project.set(p);
        name.set(p.name());
        file.set(from);
        replacedListeners.forEach(Runnable::run);
        documentListeners.forEach(Runnable::run);
    }

    public Document document() {
        return document;
    }

    public EditorGraph graph() {
        return document.graph();
    }

    public CommandStack stack() {
        return stack;
    }

    /** Runs an edit through the undo stack. */
    public void execute(EditCommand command) {
        if (refusedByLock(command)) {
            return;
        }
        stack.execute(command);
        executedListeners.forEach(l -> l.accept(command));
    }

    /** What a running lesson locks, by the ids lesson files use ("add_node", "dataset", …); empty otherwise. */
    private java.util.Set<String> locks = java.util.Set.of();

    public void setLocks(java.util.Collection<String> locked) {
        locks = java.util.Set.copyOf(locked);
    }

    public boolean isLocked(String control) {
        return locks.contains(control);
    }

    /** Edits a lesson has locked are not made at all: the graph and the data stay as the lesson set them. */
    private boolean refusedByLock(EditCommand command) {
        return isLocked("edits")
                || command instanceof org.stepwise.app.editor.AddNodes && isLocked("add_node")
                || command instanceof org.stepwise.app.editor.RemoveNodes && isLocked("delete_node")
                || command instanceof org.stepwise.app.editor.Connect && isLocked("connect")
                || command instanceof org.stepwise.app.editor.ChangeSettings c && c.changesData()
                && isLocked("dataset");
    }

    private final java.util.List<java.util.function.Consumer<EditCommand>> executedListeners =
            new java.util.ArrayList<>();

    /** Told of each edit the user makes (not of undo or redo), after it is done. */
    public void addExecutedListener(java.util.function.Consumer<EditCommand> listener) {
        executedListeners.add(listener);
    }

    /** Names of the selected nodes. */
    public ObservableSet<String> selection() {
        return selection;
    }

    public void select(String node) {
        selection.clear();
        if (node != null) {
            selection.add(node);
        }
    }

    public Clipboard clipboard() {
        return clipboard;
    }

    /** The file the project was opened from or saved to; null for a project never saved. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    /** Told after every edit, undo, redo or save mark, and after a new project is loaded. */
    public void addDocumentListener(Runnable listener) {
        documentListeners.add(listener);
    }

    /** Told when load() replaced the Document (a new or opened project). */
    public void addReplacedListener(Runnable listener) {
        replacedListeners.add(listener);
    }

    /** The node positions as the project file keeps them. */
    public Map<String, Project.Point> layout() {
        return document.graph().layout();
    }
}
