// The projects the studio starts from: the default (the spiral and a 2-8-8-1 tanh net, ready to train) and one per
// template, each paired with data its input fits; the tiny GPTs are sized to their text's vocabulary.
package org.stepwise.app.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

public final class DefaultProjects {
    public static final String DEFAULT_TEMPLATE = "mlp-2-8-8-1";
    /** Templates offered in the File ▸ New from template menu, in menu order. */
    public static final List<String> MENU = List.of("perceptron", "mlp-2-8-8-1", "deep-mlp",
            "lenet", "residual-mlp", "mlp-784-128-10", "gpt-moby-dick", "gpt-tang-poems");
    /** The tiny GPT templates and the text each learns to continue. */
    private static final Map<String, String> GPT_TEXTS = Map.of(
            "gpt-moby-dick", DataSources.MOBY_DICK,
            "gpt-tang-poems", DataSources.TANG_POEMS);

    private DefaultProjects() {
    }

    /** The spiral with a 2-8-8-1 tanh net, Adam at 0.03 in batches of 16: Play works at once and learns the spiral. */
    public static Project standard() {
        return fromTemplate(DEFAULT_TEMPLATE);
    }

    /** A project of the template with data that fits its input: 2-D toy data for the small nets, images for LeNet. */
    public static Project fromTemplate(String name) {
        if (GPT_TEXTS.containsKey(name)) {
            return tinyGpt(name, GPT_TEXTS.get(name));
        }
        Templates.Template template = Templates.find(name).orElseThrow(
                () -> new IllegalArgumentException("No template " + name));
        String data = switch (name) {
            case "perceptron" -> "gaussians";
            case "lenet", "mlp-784-128-10" -> "fashion-mnist-small";
            default -> "spiral";
        };
        boolean images = data.equals("fashion-mnist-small");
        TrainingSettings settings = TrainingSettings.defaults()
                .withLearningRate(images ? 0.001f : 0.03f)
                .withBatchSize(images ? 32 : 16)
                .withEpochs(images ? 5 : 200);
        return Project.create(name.equals(DEFAULT_TEMPLATE) ? "spiral" : name, forImages(template.graph(), images),
                DataRef.builtIn(data), settings);
    }

    /**
     * GptConfig.small over the text's characters, trained as the bench trains it: AdamW at 1e-3 in batches of 32,
     * with the last tenth of the text held out for validation.
     */
    private static Project tinyGpt(String name, String text) {
        int vocabulary;
        try {
            vocabulary = DataSources.load(text, null, 0, 1, 0).classNames().size();
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in text " + text + " cannot be read", e);
        }
        TrainingSettings settings = TrainingSettings.defaults()
                .withOptimizer("adamw", Map.of())
                .withLearningRate(0.001f)
                .withBatchSize(32)
                .withSplit(0.1, 0.0)
                .withEpochs(5);
        return Project.create(name, GptConfig.small(vocabulary).graph(), DataRef.builtIn(text), settings);
    }

    /** A template that reads flat 784-value vectors gets the images' (1, 28, 28) input and a Flatten before it. */
    private static GraphDef forImages(GraphDef graph, boolean images) {
        NodeDef input = graph.nodes().get(0);
        if (!images || !(input.spec() instanceof Input.Spec spec) || spec.shape().rank() != 1) {
            return graph;
        }
        List<NodeDef> nodes = new ArrayList<>();
        nodes.add(new NodeDef(input.name(), new Input.Spec(Shape.of(1, 28, 28))));
        nodes.add(new NodeDef("flatten", new Flatten.Spec(), input.name()));
        for (NodeDef n : graph.nodes().subList(1, graph.nodes().size())) {
            List<String> inputs = n.inputs().stream().map(in -> in.equals(input.name()) ? "flatten" : in).toList();
            nodes.add(new NodeDef(n.name(), n.spec(), inputs, n.frozen()));
        }
        return new GraphDef(nodes);
    }
}
