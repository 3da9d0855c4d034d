// A hyperparameter sweep over the document's graph and data, for the Sweep dialog: reads the values the user typed,
// runs core's Sweep on its own thread, and turns a chosen run back into training settings.
//
// Nothing here touches JavaFX; progress and the result are handed to callbacks on the sweep's thread.
package org.stepwise.app.studio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stepwise.core.eval.Sweep;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;

public final class SweepJob {
    /** The name of the thread a sweep runs on. */
    public static final String THREAD_NAME = "stepwise-sweep";

    /** What the user typed that cannot be read: a bundle key and the offending text, for a readable message. */
    public static final class BadInput extends Exception {
        private final String key;
        private final String value;

        BadInput(String key, String value) {
            super(key + ": " + value);
            this.key = key;
            this.value = value;
        }

        public String key() {
            return key;
        }

        public String value() {
            return value;
        }
    }

    private final GraphDef graph;
    private final DataRef data;
    private final TrainingSettings settings;
    private final Sweep.Space space;
    private final int epochs;
    private volatile Sweep sweep;
    private volatile boolean cancelled;

    public SweepJob(GraphDef graph, DataRef data, TrainingSettings settings, Sweep.Space space, int epochs) {
        this.graph = graph;
        this.data = data;
        this.settings = settings;
        this.space = space;
        this.epochs = epochs;
    }

    /**
     * The space from the dialog's fields; the weight decay stays the settings' own. Empty widths keep the graph's
     * own, as the single width 0.
     *
     * @throws BadInput naming the field and the text that is not a value
     */
    public static Sweep.Space space(String rates, String widths, String batchSizes, List<String> optimizers,
                                    TrainingSettings settings) throws BadInput {
        List<Float> lr = new ArrayList<>();
        for (String part : parts(rates)) {
            try {
                float v = Float.parseFloat(part);
                if (!(v > 0) || Float.isInfinite(v)) {
                    throw new BadInput("sweep.bad.lr", part);
                }
                lr.add(v);
            } catch (NumberFormatException e) {
                throw new BadInput("sweep.bad.lr", part);
            }
        }
        List<Integer> batches = new ArrayList<>();
        for (String part : parts(batchSizes)) {
            try {
                int v = Integer.parseInt(part);
                if (v < 1) {
                    throw new BadInput("sweep.bad.batch", part);
                }
                batches.add(v);
            } catch (NumberFormatException e) {
                throw new BadInput("sweep.bad.batch", part);
            }
        }
        List<Integer> hidden = new ArrayList<>();
        for (String part : parts(widths)) {
            try {
                int v = Integer.parseInt(part);
                if (v < 1 || v > MAX_WIDTH) {
                    throw new BadInput("sweep.bad.width", part);
                }
                hidden.add(v);
            } catch (NumberFormatException e) {
                throw new BadInput("sweep.bad.width", part);
            }
        }
        if (hidden.isEmpty()) {
            hidden.add(KEEP_WIDTH);
        }
        if (lr.isEmpty()) {
            throw new BadInput("sweep.bad.lr", rates.strip());
        }
        if (batches.isEmpty()) {
            throw new BadInput("sweep.bad.batch", batchSizes.strip());
        }
        if (optimizers.isEmpty()) {
            throw new BadInput("sweep.bad.optimizer", "");
        }
        if (!(settings.validationFraction() > 0)) {
            throw new BadInput("sweep.bad.validation", "");
        }
        Object decay = settings.optimizerSettings().get("weight_decay");
        float weightDecay = decay instanceof Number n ? n.floatValue() : 0f;
        return new Sweep.Space(lr, hidden, batches, List.copyOf(optimizers), List.of(weightDecay));
    }

    /** The width of a point that keeps the graph's hidden layers as they are. */
    public static final int KEEP_WIDTH = 0;
    /** The widest hidden layer a sweep may try; wider ones would take minutes per run on this scale of data. */
    public static final int MAX_WIDTH = 4096;

    /** The graph a point trains: the document's own, with its hidden dense layers at the point's width. */
    public static GraphDef graphFor(GraphDef graph, Sweep.Point point) {
        return point.hiddenWidth() == KEEP_WIDTH ? graph : Sweep.withHiddenWidth(graph, point.hiddenWidth());
    }

    /** The settings with a run's learning rate, batch size and optimizer (its own settings kept when unchanged). */
    public static TrainingSettings apply(TrainingSettings settings, Sweep.Point point) {
        Map<String, Object> optimizerSettings = point.optimizer().equals(settings.optimizer())
                ? settings.optimizerSettings() : Map.of();
        return settings.withLearningRate(point.learningRate()).withBatchSize(point.batchSize())
                .withOptimizer(point.optimizer(), optimizerSettings);
    }

    public int planned() {
        return space.grid().size();
    }

    /**
     * Loads the data and trains every point of the grid, seeded from the settings' seed.
     *
     * @throws IllegalArgumentException when the data or the graph cannot train, in core's words
     * @throws java.io.IOException      when the data cannot be read
     */
    public Sweep.Result run(Sweep.Progress progress) throws java.io.IOException {
        Session session = Session.open(Project.create("sweep", graph, data, settings), 0);
        int outputs = session.stepper().network().output().size();
        Sweep s = new Sweep(point -> graphFor(graph, point), () -> Session.lossFor(settings.loss(), session.train(), outputs),
                session.train(), session.validation(), epochs, -1);
        sweep = s;
        if (cancelled) {
            s.cancel();
        }
        return s.run(space.grid(), settings.seed(), progress);
    }

    /** Stops the sweep within one batch; safe from any thread. */
    public void cancel() {
        cancelled = true;
        Sweep s = sweep;
        if (s != null) {
            s.cancel();
        }
    }

    /** Runs the job on a daemon thread; exactly one of the callbacks is told, on that thread. */
    public Thread start(Sweep.Progress progress, Consumer<Sweep.Result> done, Consumer<Exception> failed) {
        Thread t = new Thread(() -> {
            try {
                done.accept(run(progress));
            } catch (Exception e) {
                failed.accept(e);
            }
        }, THREAD_NAME);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Known optimizer ids, simplest first. */
    public static List<String> optimizers() {
        return Optimizers.IDS;
    }

    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split("[,;\\s，、；]+")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        return parts;
    }
}
