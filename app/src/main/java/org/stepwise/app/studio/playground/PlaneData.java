// The data as training sees it, prepared for drawing in the input plane: loaded, split and normalized exactly as
// core's Session.open does, with the raw points kept for drawing in the data's own units.
//
// Loading is cached (one entry), so the view and supports() can ask again every time the document changes.
package org.stepwise.app.studio.playground;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.stepwise.app.editor.Text;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.data.Splits;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

/**
 * @param trainRaw      the training split in raw units, as drawn
 * @param validationRaw the validation split in raw units, or null when the settings hold none out
 * @param train         the training split as the network sees it (normalized)
 * @param validation    the validation split as the network sees it, or null
 * @param normalization what training applies to every input, or null for none
 * @param plane         the part of the plane drawn, in raw units
 */
record PlaneData(LoadedData loaded, Dataset trainRaw, Dataset validationRaw, Dataset train, Dataset validation,
                 Normalization normalization, Plane plane) {
    static final Shape PLANE_SHAPE = Shape.of(2);

    /** The data the view can draw, or why not. Exactly one of the two is null. */
    record Reading(PlaneData data, Text reason) {
    }

    private record Key(DataRef data, long seed, long splitSeed, double validation, double test,
                       String normalization, Normalization given) {
    }

    private record Loaded(Key key, PlaneData data, Text reason) {
    }

    private static Loaded last;

    boolean classification() {
        return trainRaw.isClassification();
    }

    int classes() {
        return trainRaw.classes();
    }

    List<String> featureNames() {
        List<String> names = loaded.featureNames();
        return names != null && names.size() == 2 ? names : List.of("x1", "x2");
    }

    String className(int c) {
        List<String> names = loaded.classNames();
        return names != null && c < names.size() ? names.get(c) : Integer.toString(c);
    }

    /** Reads the workspace's network and data; loads the data the first time it is asked for. */
    static Reading read(Workspace workspace) {
        Network network = workspace.document().network();
        if (network == null) {
            return new Reading(null, Text.of("playground.reason.graph"));
        }
        Shape input = network.input().shape();
        if (!input.equals(PLANE_SHAPE)) {
            return new Reading(null, Text.of("playground.reason.input", input.toString()));
        }
        DataRef ref = workspace.document().data();
        if (ref == null) {
            return new Reading(null, Text.of("playground.reason.noData"));
        }
        TrainingSettings s = workspace.document().settings();
        GraphDef graph = network.def();
        Project base = workspace.projectProperty().get();
        // The session keeps the project's normalization when the graph is the one it was saved with.
        Normalization given = base != null && base.graph().equals(graph) ? base.normalization() : null;
        Key key = new Key(ref, s.seed(), s.splitSeed(), s.validationFraction(), s.testFraction(), s.normalization(),
                given);
        Loaded loaded = load(key);
        if (loaded.reason() != null) {
            return new Reading(null, loaded.reason());
        }
        Text misfit = outputMisfit(loaded.data().trainRaw(), network.output().size());
        return misfit != null ? new Reading(null, misfit) : new Reading(loaded.data(), null);
    }

    private static synchronized Loaded load(Key key) {
        if (last != null && last.key().equals(key)) {
            return last;
        }
        Loaded fresh;
        try {
            fresh = new Loaded(key, prepare(key), null);
        } catch (NotPlanar e) {
            fresh = new Loaded(key, null, Text.of("playground.reason.data", e.shape.toString()));
        } catch (IOException | RuntimeException e) {
            fresh = new Loaded(key, null, Text.of("playground.reason.load",
                    Objects.requireNonNullElse(e.getMessage(), e.toString())));
        }
        last = fresh;
        return fresh;
    }

    private static final class NotPlanar extends Exception {
        final Shape shape;

        NotPlanar(Shape shape) {
            super(null, null, false, false);
            this.shape = shape;
        }
    }

    /** The steps of Session.open that concern the data: load with the seed, split, fit on train, apply. */
    private static PlaneData prepare(Key key) throws IOException, NotPlanar {
        LoadedData loaded = key.data().load(key.seed()).data();
        Dataset all = loaded.dataset();
        if (!all.featureShape().equals(PLANE_SHAPE)) {
            throw new NotPlanar(all.featureShape());
        }
        Splits.Split split = Splits.split(all, key.validation(), key.test(), key.splitSeed());
        Normalization norm = key.given();
        if (norm == null || norm.features() != all.features()) {
            norm = switch (key.normalization()) {
                case "minmax" -> Normalization.fit(split.train(), Normalization.Kind.MIN_MAX);
                case "none" -> null;
                default -> Normalization.fit(split.train(), Normalization.Kind.STANDARDIZE);
            };
        }
        Dataset test = loaded.test() != null ? loaded.test() : split.test();
        Plane plane = Plane.around(all, test);
        return new PlaneData(loaded, split.train(), split.validation(), apply(norm, split.train()),
                apply(norm, split.validation()), norm, plane);
    }

    private static Dataset apply(Normalization norm, Dataset d) {
        return norm == null || d == null ? d : norm.apply(d);
    }

    /** Why the network's output cannot be read against this data (as Session.open would refuse it), or null. */
    private static Text outputMisfit(Dataset data, int outputs) {
        if (data.isOneLogitBinary(outputs)) {
            return null;
        }
        int wanted = data.isClassification() ? data.classes() : data.outputs();
        return outputs == wanted ? null : Text.of("playground.reason.output", outputs, wanted);
    }

    /** Normalizes raw points (rows, 2) in place, as training normalizes its inputs. */
    void toNetwork(float[] xy, int rows) {
        if (normalization != null) {
            normalization.applyInPlace(xy, rows);
        }
    }
}
