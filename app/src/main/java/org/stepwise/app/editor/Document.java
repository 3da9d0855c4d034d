// What the studio edits: the graph with its layout, the training settings and the data reference. Every change
// goes through an EditCommand on the CommandStack, so each can be undone; listeners hear of every change.
package org.stepwise.app.editor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.TrainingSettings;

public final class Document {
    private final EditorGraph graph;
    private TrainingSettings settings;
    private DataRef data;
    /** The weights that go with the graph, or null while the graph is invalid; see {@link #network()}. */
    private Network network;
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

    /**
     * The network built from the graph, holding the current weights; null while the graph cannot be built. The
     * studio rebuilds it after structural edits (keeping the weights of unchanged nodes) and training changes its
     * weights in place.
     */
    public Network network() {
        return network;
    }

    /** Replaces the network, e.g. after a structural edit; it must be built from the current graph. */
    public void setNetwork(Network network) {
        this.network = network;
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
