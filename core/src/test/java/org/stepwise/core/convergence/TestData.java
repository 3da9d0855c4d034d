// Test-side readers for the datasets bundled in assets, plus seeded splits and standardisation.
//
// Deliberately minimal: the production loaders (with their user-facing errors) come later; these only need to read
// the files the repository ships, and fail loudly if one is not what they expect.
package org.stepwise.core.convergence;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

final class TestData {
    private static final int IDX_IMAGES = 0x803;
    private static final int IDX_LABELS = 0x801;

    private TestData() {
    }

    /** A train/held-out pair cut from one dataset. */
    record Split(Dataset train, Dataset test) {
    }

    /**
     * A CSV with a header whose last column is a string label; every other column is a numeric feature. Classes are
     * numbered in sorted label order so the numbering does not depend on row order. A ".gz" name is gunzipped.
     */
    static Dataset csv(String resource) {
        List<float[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int features;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            features = in.readLine().split(",").length - 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != features + 1) {
                    throw new IllegalStateException(resource + " has a row of " + cells.length + " cells after a "
                            + "header of " + (features + 1) + ": " + line);
                }
                float[] row = new float[features];
                for (int j = 0; j < features; j++) {
                    row[j] = Float.parseFloat(cells[j].trim());
                }
                rows.add(row);
                names.add(cells[features].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> classes = List.copyOf(new TreeSet<>(names));
        float[] x = new float[rows.size() * features];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * features, features);
            labels[i] = classes.indexOf(names.get(i));
        }
        return Dataset.classification(resource, Shape.of(features), x, labels, classes.size());
    }

    /** Gzipped IDX images (0x803, n × h × w unsigned bytes) and labels (0x801), pixels scaled to [0, 1]. */
    static Dataset idx(String images, String labelFile, int classes) {
        try (DataInputStream im = new DataInputStream(open(images));
             DataInputStream lb = new DataInputStream(open(labelFile))) {
            requireMagic(images, im.readInt(), IDX_IMAGES);
            int n = im.readInt();
            int height = im.readInt();
            int width = im.readInt();
            requireMagic(labelFile, lb.readInt(), IDX_LABELS);
            int labelCount = lb.readInt();
            if (labelCount != n) {
                throw new IllegalStateException(images + " holds " + n + " images but " + labelFile + " holds "
                        + labelCount + " labels");
            }
            byte[] pixels = new byte[n * height * width];
            im.readFully(pixels);
            byte[] raw = new byte[n];
            lb.readFully(raw);
            float[] x = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                x[i] = (pixels[i] & 0xff) / 255f;
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return Dataset.classification(images, Shape.of(1, height, width), x, labels, classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shuffles each class separately and holds out {@code testFraction} of it, so both parts keep the class mix. */
    static Split stratified(Dataset data, double testFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < data.classes(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < data.n(); i++) {
                if (data.labels()[i] == c) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                members.set(j, members.set(i, members.get(j)));
            }
            int held = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        return new Split(data.subset(data.name() + " train", sorted(train)),
                data.subset(data.name() + " test", sorted(test)));
    }

    /** Scales every feature of both parts by {@code factor} (e.g. digits' 0..16 pixels by 1/16). */
    static Split scaled(Split split, float factor) {
        return new Split(map(split.train(), (j, v) -> v * factor), map(split.test(), (j, v) -> v * factor));
    }

    /** Standardises each feature to zero mean and unit variance with the training part's statistics only. */
    static Split standardized(Split split) {
        Dataset train = split.train();
        int f = train.features();
        double[] mean = new double[f];
        double[] var = new double[f];
        for (int i = 0; i < train.n(); i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += train.x()[i * f + j] / train.n();
            }
        }
        for (int i = 0; i < train.n(); i++) {
            for (int j = 0; j < f; j++) {
                double d = train.x()[i * f + j] - mean[j];
                var[j] += d * d / train.n();
            }
        }
        double[] std = Arrays.stream(var).map(v -> Math.max(Math.sqrt(v), 1e-8)).toArray();
        FeatureMap standardize = (j, v) -> (float) ((v - mean[j]) / std[j]);
        return new Split(map(train, standardize), map(split.test(), standardize));
    }

    private interface FeatureMap {
        float apply(int feature, float value);
    }

    private static Dataset map(Dataset data, FeatureMap f) {
        int features = data.features();
        float[] x = new float[data.x().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = f.apply(i % features, data.x()[i]);
        }
        return Dataset.classification(data.name(), data.featureShape(), x, data.labels(), data.classes());
    }

    private static int[] sorted(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static void requireMagic(String resource, int magic, int expected) {
        if (magic != expected) {
            throw new IllegalStateException(resource + " starts with magic 0x" + Integer.toHexString(magic)
                    + ", not the IDX 0x" + Integer.toHexString(expected));
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = TestData.class.getResourceAsStream("/org/stepwise/assets/datasets/" + resource);
        if (in == null) {
            throw new IllegalStateException("No bundled dataset " + resource);
        }
        return resource.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
