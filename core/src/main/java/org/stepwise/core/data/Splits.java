// Cuts a dataset into train, validation and test parts by seeded shuffling, stratified by class for classification.
//
// Each part keeps the samples in the dataset's own order: a split only chooses which samples go where, and shuffling
// for training is the batcher's job.
package org.stepwise.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

public final class Splits {
    /** The three parts; validation or test is null when its fraction leaves it no samples. Train is never null. */
    public record Split(Dataset train, Dataset validation, Dataset test) {
    }

    private Splits() {
    }

    /**
     * Splits {@code data} so that about {@code validationFraction} of it is validation and {@code testFraction} is
     * test. For classification each class is split on its own, with its part sizes rounded to the nearest whole
     * sample, so every part keeps the class proportions; every class keeps at least one sample in train, so the model
     * can see each class. Regression data is shuffled as a whole. The same seed always gives the same split.
     */
    public static Split split(Dataset data, double validationFraction, double testFraction, long seed) {
        if (data.n() == 0) {
            throw new IllegalArgumentException("Dataset '" + data.name() + "' has no samples to split");
        }
        requireFraction("validation", validationFraction);
        requireFraction("test", testFraction);
        if (!(validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("The validation fraction (" + validationFraction
                    + ") and the test fraction (" + testFraction + ") must leave something to train on: their sum is "
                    + (validationFraction + testFraction) + ", which must be below 1");
        }
        // part[i] is 0 for train, 1 for validation, 2 for test.
        int[] part = new int[data.n()];
        SplittableRandom rnd = new SplittableRandom(seed);
        if (data.labelsPerSample() > 1) {
            // Windows of a text overlap their neighbours: the text is cut in order, training first, so validation and
            // test windows come from text the model has not read.
            int validation = (int) Math.round(data.n() * validationFraction);
            int test = (int) Math.round(data.n() * testFraction);
            int train = data.n() - validation - test;
            for (int i = train; i < data.n(); i++) {
                part[i] = i < train + validation ? 1 : 2;
            }
        } else if (data.isClassification()) {
            for (int[] members : byClass(data)) {
                assign(members, validationFraction, testFraction, rnd, part);
            }
        } else {
            int[] all = new int[data.n()];
            Arrays.setAll(all, i -> i);
            assign(all, validationFraction, testFraction, rnd, part);
        }
        return new Split(select(data, part, 0, "train"), select(data, part, 1, "validation"),
                select(data, part, 2, "test"));
    }

    private static void requireFraction(String which, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("The " + which + " fraction must be at least 0 and below 1, not "
                    + fraction);
        }
    }

    private static int[][] byClass(Dataset data) {
        int[] counts = new int[data.classes()];
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= counts.length) {
                throw new IllegalArgumentException("Sample " + i + " of dataset '" + data.name() + "' has label "
                        + labels[i] + ", outside the " + counts.length + " classes 0.." + (counts.length - 1));
            }
            counts[labels[i]]++;
        }
        int[][] members = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            members[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        return members;
    }

    /** Shuffles one group and marks its first samples as test, the next as validation, the rest as train. */
    private static void assign(int[] group, double validationFraction, double testFraction, SplittableRandom rnd,
            int[] part) {
        int n = group.length;
        if (n == 0) {
            return;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = group[i];
            group[i] = group[j];
            group[j] = t;
        }
        int test = (int) Math.round(n * testFraction);
        int validation = (int) Math.round(n * validationFraction);
        // Rounding up both parts of a small group can leave train empty; take the missing sample from the larger part.
        while (test + validation > n - 1) {
            if (test > validation) {
                test--;
            } else {
                validation--;
            }
        }
        for (int i = 0; i < n; i++) {
            part[group[i]] = i < test ? 2 : i < test + validation ? 1 : 0;
        }
    }

    private static Dataset select(Dataset data, int[] part, int which, String suffix) {
        int count = 0;
        for (int p : part) {
            if (p == which) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        int[] indices = new int[count];
        int k = 0;
        for (int i = 0; i < part.length; i++) {
            if (part[i] == which) {
                indices[k++] = i;
            }
        }
        return data.subset(data.name() + "/" + suffix, indices);
    }
}
