// Cuts tasks out of a labelled dataset: some of its classes, and a few labelled samples of each, for the workflows
// that train on one task and then another (pretraining and fine-tuning, continual training).
package org.stepwise.core.workflow;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.stepwise.core.data.Dataset;

public final class Tasks {
    private Tasks() {
    }

    /**
     * The samples of {@code classes}, in the dataset's order.
     *
     * @param relabel true to number the chosen classes 0, 1, … in the order given (a task with its own small head);
     *                false to keep the labels and the class count (tasks that share one head)
     */
    public static Dataset ofClasses(Dataset data, int[] classes, boolean relabel) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("Dataset '" + data.name() + "' has numeric targets; a task is made "
                    + "of classes");
        }
        if (classes.length == 0) {
            throw new IllegalArgumentException("A task needs at least one class");
        }
        int[] newLabel = new int[data.classes()];
        Arrays.fill(newLabel, -1);
        for (int i = 0; i < classes.length; i++) {
            int c = classes[i];
            if (c < 0 || c >= data.classes()) {
                throw new IllegalArgumentException("Dataset '" + data.name() + "' has classes 0 to "
                        + (data.classes() - 1) + "; there is no class " + c);
            }
            if (newLabel[c] >= 0) {
                throw new IllegalArgumentException("Class " + c + " is listed twice");
            }
            newLabel[c] = relabel ? i : c;
        }
        int[] indices = IntStream.range(0, data.n())
                .filter(i -> newLabel[data.labels()[i]] >= 0).toArray();
        Dataset subset = data.subset(data.name() + " " + describe(classes), indices);
        if (!relabel) {
            return subset;
        }
        int[] labels = subset.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = newLabel[labels[i]];
        }
        return Dataset.classification(subset.name(), subset.featureShape(), subset.x(), labels, classes.length);
    }

    /**
     * The indices of at most {@code perClass} samples of each of {@code classes}, chosen by seeded shuffling, in the
     * dataset's order: a small labelled set, balanced between the classes.
     */
    public static int[] sample(Dataset data, int[] classes, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("A labelled subset needs at least 1 sample per class, not " + perClass);
        }
        int[] labels = data.labels();
        boolean[] chosen = new boolean[data.n()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int klass : classes) {
            int[] members = IntStream.range(0, data.n()).filter(i -> labels[i] == klass).toArray();
            shuffle(members, random);
            for (int i = 0; i < Math.min(perClass, members.length); i++) {
                chosen[members[i]] = true;
            }
        }
        return IntStream.range(0, data.n()).filter(i -> chosen[i]).toArray();
    }

    /** Every sample but those at {@code indices}, in the dataset's order. */
    public static Dataset without(Dataset data, int[] indices) {
        boolean[] left = new boolean[data.n()];
        Arrays.fill(left, true);
        for (int i : indices) {
            left[i] = false;
        }
        return data.subset(data.name(), IntStream.range(0, data.n()).filter(i -> left[i]).toArray());
    }

    /** Every class of the dataset, 0 to classes − 1. */
    public static int[] all(Dataset data) {
        return IntStream.range(0, data.classes()).toArray();
    }

    /** Fisher–Yates, in place. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** "classes 0–4" for a run of consecutive classes, else "classes 0, 6". */
    public static String describe(int[] classes) {
        boolean run = classes.length > 2;
        for (int i = 1; i < classes.length && run; i++) {
            run = classes[i] == classes[i - 1] + 1;
        }
        if (run) {
            return "classes " + classes[0] + "–" + classes[classes.length - 1];
        }
        return (classes.length == 1 ? "class " : "classes ")
                + String.join(", ", Arrays.stream(classes).mapToObj(Integer::toString).toList());
    }
}
