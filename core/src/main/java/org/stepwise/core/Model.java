// A trained model for use from Java programs: load a .stepwise project, give it raw feature values, get outputs.
//
//     Model model = Model.load(Path.of("iris.stepwise"));
//     float[] scores = model.predict(new float[] {5.1f, 3.5f, 1.4f, 0.2f});
//     String species = model.className(model.predictClass(new float[] {5.1f, 3.5f, 1.4f, 0.2f}));
//
// Inputs are the raw features, as in the training data: the project's normalization is applied here. Outputs are
// what the network's last node gives: logits for a classifier (use probabilities() for softmax), values for a
// regression. A language model (a tiny GPT trained on text) also writes text: generate(). One Model may be shared
// between threads; predictions are serialized.
package org.stepwise.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.graph.Network;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.text.Tokenizer;

public final class Model {
    private final Network network;
    private final Normalization normalization;
    private final List<String> classNames;
    private final int inputs;
    private final int outputs;
    /** The tokenizer of a language model, or null. */
    private final Tokenizer tokenizer;

    private Model(Project project) {
        this.network = project.network();
        this.normalization = project.normalization();
        this.classNames = project.classNames();
        this.inputs = network.input().size();
        this.outputs = network.output().size();
        boolean readsTokens = network.nodes().stream().anyMatch(n -> n instanceof TokenEmbedding);
        this.tokenizer = readsTokens && classNames != null ? Generation.tokenizerOf(project) : null;
    }

    /**
     * Loads a project file.
     *
     * @throws IOException when the file cannot be read
     * @throws org.stepwise.core.io.ModelFormatException when it is not a valid project (the message says why)
     */
    public static Model load(Path file) throws IOException {
        return new Model(ProjectFile.load(file).project());
    }

    /** A model of a project already in memory; it takes a copy, so the project may go on training. */
    public static Model of(Project project) {
        return new Model(project.copy());
    }

    /** Outputs for one sample of {@link #inputSize()} raw feature values. */
    public float[] predict(float[] features) {
        return predict(features, 1);
    }

    /** Outputs (rows × {@link #outputSize()}) for {@code rows} samples laid out one after another. */
    public synchronized float[] predict(float[] features, int rows) {
        if (rows < 1 || features.length != (long) rows * inputs) {
            throw new IllegalArgumentException("Expected " + rows + " × " + inputs + " = " + (long) rows * inputs
                    + " feature values, got " + features.length);
        }
        float[] x = features.clone();
        if (normalization != null) {
            normalization.applyInPlace(x, rows);
        }
        return java.util.Arrays.copyOf(network.predict(x, rows), rows * outputs);
    }

    /** The index of the largest output: the predicted class of a classifier. */
    public int predictClass(float[] features) {
        float[] out = predict(features);
        int best = 0;
        for (int i = 1; i < out.length; i++) {
            if (out[i] > out[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Softmax of the outputs, for a classifier trained on logits. */
    public float[] probabilities(float[] features) {
        float[] out = predict(features);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : out) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            e[i] = Math.exp(out[i] - max);
            sum += e[i];
        }
        float[] p = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /**
     * Continues {@code prompt} by {@code count} tokens, for a language model: each drawn with this temperature (0 for
     * the likeliest) from the top {@code topK} (0 for all), reproducibly for a seed.
     *
     * @throws IllegalArgumentException when the model does not read and write tokens, or the prompt has characters
     *                                  its vocabulary lacks
     */
    public synchronized String generate(String prompt, int count, double temperature, int topK, long seed) {
        if (tokenizer == null) {
            throw new IllegalArgumentException("This model was not trained on text, so it cannot write any");
        }
        StringBuilder text = new StringBuilder(prompt);
        new Generation(network, tokenizer, seed).generate(prompt, count, temperature, topK)
                .forEach(step -> text.append(step.text()));
        return text.toString();
    }

    /** The name of a class index, or the index as text when the project has no names. */
    public String className(int index) {
        return classNames != null && index >= 0 && index < classNames.size() ? classNames.get(index)
                : Integer.toString(index);
    }

    public int inputSize() {
        return inputs;
    }

    public int outputSize() {
        return outputs;
    }

    /** Class names in index order, or null for regression. */
    public List<String> classNames() {
        return classNames;
    }
}
