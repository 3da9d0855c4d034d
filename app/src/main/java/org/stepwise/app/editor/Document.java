// What the studio edits: the graph with its layout, the training settings and the data reference. Every change
// goes through an EditCommand on the CommandStack, so each can be undone; listeners hear of every change.
package org.stepwise.app.editor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.TrainingSettings;

public final class Document {
    private final EditorGraph graph;
    private TrainingSettings settings;
    private DataRef data;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Document(EditorGraph graph, TrainingSettings settings, DataRef data) {
        this.graph = graph;
        this.settings = settings;
        this.data = data;
    }

    public EditorGraph graph() {
        return graph;
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** The data reference, or null when no data is chosen. */
    public DataRef data() {
        return data;
    }

    void setSettings(TrainingSettings settings) {
        this.settings = settings;
    }

    void setData(DataRef data) {
        this.data = data;
    }

    /** Called after every change, on the thread that made it (the FX thread in the studio). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    void changed() {
        graph.changed();
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
