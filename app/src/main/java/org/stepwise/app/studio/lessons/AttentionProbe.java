// The lessons' previous-token measure for the studio (previous_token_attention): the best head's score on the first
// validation windows of the document's data, through a network rebuilt from the latest snapshot's weights, which
// the training thread copied. It runs on a thread of its own, so the FX thread never waits for data to load or for
// a forward pass; a goal reads the latest result, which may be one snapshot behind.
package org.stepwise.app.studio.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Splits;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.lessons.goal.StudioState;

final class AttentionProbe {
    /** One thread for every lesson, ended when idle: a lesson reopened does not leave a thread behind. */
    private static final ThreadPoolExecutor WORKER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "stepwise-lesson-probe");
                t.setDaemon(true);
                return t;
            });

    /** What a measurement was taken of: the weights (a snapshot or the document's network) and the data. */
    private record Key(Object weights, GraphDef graph, DataRef data, TrainingSettings settings) {
        boolean sameData(Key other) {
            return other != null && Objects.equals(data, other.data)
                    && settings.validationFraction() == other.settings.validationFraction()
                    && settings.testFraction() == other.settings.testFraction()
                    && settings.splitSeed() == other.settings.splitSeed();
        }
    }

    private record Result(Key key, TransformerTrace.HeadScore head) {
    }

    private record Windows(Key key, Dataset validation) {
    }

    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Result latest;
    /** Touched only on the worker. */
    private Windows windows;

    /**
     * The latest measurement of this graph on this data, or null before one or when the graph has no attention.
     * Starts a new measurement when the weights changed and none is running. Call on the FX thread.
     *
     * @param snapshot the training thread's latest copy, or null before training (the document's network is used)
     * @param network  the document's network, read here on the FX thread, before training starts
     */
    TransformerTrace.HeadScore read(GraphDef graph, DataRef data, TrainingSettings settings, StepSnapshot snapshot,
                                    Network network) {
        boolean attends = graph.nodes().stream().anyMatch(n -> n.spec() instanceof CausalSelfAttention.Spec);
        if (!attends || data == null || (snapshot == null && network == null)) {
            return null;
        }
        Key key = new Key(snapshot != null ? snapshot : network, graph, data, settings);
        Result last = latest;
        if ((last == null || last.key().weights() != key.weights()) && busy.compareAndSet(false, true)) {
            Network weights = snapshot != null ? rebuild(graph, settings, snapshot) : Project.copyOf(network);
            WORKER.execute(() -> {
                try {
                    Dataset validation = validation(key);
                    latest = new Result(key, validation == null ? null
                            : TransformerTrace.bestPreviousTokenHead(weights, validation, StudioState.PROBE_WINDOWS));
                } catch (RuntimeException e) {
                    latest = new Result(key, null); // a graph that does not fit its data has no score to show
                } finally {
                    busy.set(false);
                }
            });
        }
        return last != null && last.key().graph().equals(graph) && last.key().sameData(key) ? last.head() : null;
    }

    /**
     * The graph with the snapshot's weights; after an edit the snapshot no longer fits, and the parameters past the
     * first that does not keep their seeded values.
     */
    private static Network rebuild(GraphDef graph, TrainingSettings settings, StepSnapshot snapshot) {
        Network net = Network.build(graph, settings.seed());
        snapshot.copyParametersInto(net);
        return net;
    }

    /** The validation split as a session cuts it; token ids are never normalized, so none is applied. */
    private Dataset validation(Key key) {
        if (windows == null || !windows.key().sameData(key)) {
            try {
                TrainingSettings s = key.settings();
                Dataset all = key.data().load(s.seed()).data().dataset();
                windows = new Windows(key, Splits.split(all, s.validationFraction(), s.testFraction(),
                        s.splitSeed()).validation());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return windows.validation();
    }
}
