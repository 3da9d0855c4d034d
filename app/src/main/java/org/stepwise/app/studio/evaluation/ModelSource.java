// What the evaluation and inference tabs work on: a copy of the current weights with the project's data, split and
// normalized as training sees it. The copy is taken on the FX thread; the data is loaded on a worker thread, once
// per data reference and seed.
package org.stepwise.app.studio.evaluation;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;

public final class ModelSource {
    /** Which part of the data an evaluation runs over. */
    public enum Split { VALIDATION, TRAINING, TEST }

    /**
     * A network of its own with the data as training sees it.
     *
     * @param classNames class index → name, or null for regression or when the data names none
     * @param dataSpec   the project's data as its reference names it (a built-in's name or a path)
     */
    public record Prepared(Network network, Normalization normalization, List<String> classNames, Dataset train,
                           Dataset validation, Dataset test, String dataSpec) {

        /** The split's data, or null when the project has none (no test fraction, say). */
        public Dataset split(Split s) {
            Dataset d = switch (s) {
                case VALIDATION -> validation;
                case TRAINING -> train;
                case TEST -> test;
            };
            return d == null || d.n() == 0 ? null : d;
        }

        public boolean classifies() {
            return train.isClassification();
        }

        public String className(int index) {
            return classNames != null && index >= 0 && index < classNames.size() ? classNames.get(index)
                    : Integer.toString(index);
        }

        /** Raw feature values (as in the data file) from normalized ones, for thumbnails and the drawing pad. */
        public float[] raw(float[] x, int offset) {
            int f = network.input().size();
            float[] r = java.util.Arrays.copyOfRange(x, offset, offset + f);
            if (normalization != null) {
                float[] shift = normalization.offset();
                float[] scale = normalization.divisor();
                for (int j = 0; j < f; j++) {
                    r[j] = r[j] * scale[j] + shift[j];
                }
            }
            return r;
        }
    }

    /** Why there is nothing to prepare, as a key of the evaluation bundle. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String key) {
            super(key);
        }
    }

    /** One worker for the application, so views rebuilt on a language switch leave no idle threads behind. */
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepwise-evaluation");
        t.setDaemon(true);
        return t;
    });
    /** The data last loaded; touched only on the worker. */
    private static DataRef loadedRef;
    private static long loadedSeed;
    private static DataRef.Resolved loaded;

    private final TrainingController training;

    public ModelSource(TrainingController training) {
        this.training = training;
    }

    /** Copies the weights now (on the FX thread; this pauses training), then loads the data on the worker. */
    public CompletableFuture<Prepared> prepare() {
        Project p;
        try {
            p = training.snapshotProject();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (p == null) {
            return CompletableFuture.failedFuture(new Unavailable("evaluation.noNetwork"));
        }
        if (p.data() == null) {
            return CompletableFuture.failedFuture(new Unavailable("evaluation.noData"));
        }
        return CompletableFuture.supplyAsync(() -> open(p), WORKER);
    }

    /** The thread that prepares, evaluates and profiles, one task after another. */
    public java.util.concurrent.Executor worker() {
        return WORKER;
    }

    private static Prepared open(Project p) {
        long seed = p.settings().seed();
        try {
            if (loaded == null || !p.data().equals(loadedRef) || seed != loadedSeed) {
                loaded = p.data().load(seed);
                loadedRef = p.data();
                loadedSeed = seed;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Session s = Session.open(p, 0, loaded);
        return new Prepared(p.network(), s.normalization(), s.data().classNames(), s.train(), s.validation(),
                s.test(), p.data().spec());
    }

    /** The message of a failed preparation or run, for people. */
    public static String reason(Throwable failure, org.stepwise.app.studio.I18n i18n) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.io.UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Unavailable u) {
            return i18n.text(u.getMessage());
        }
        return i18n.text("evaluation.failed", t.getMessage() == null ? t.toString() : t.getMessage());
    }
}
