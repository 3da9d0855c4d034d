// The projects the studio starts from: the default (the spiral and a 2-8-8-1 tanh net, ready to train) and one per
// template, each paired with data its input fits.
package org.stepwise.app.studio;

import org.stepwise.core.io.Templates;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

public final class DefaultProjects {
    public static final String DEFAULT_TEMPLATE = "mlp-2-8-8-1";
    /** Templates offered in the File ▸ New from template menu, in menu order. */
    public static final java.util.List<String> MENU = java.util.List.of("perceptron", "mlp-2-8-8-1", "deep-mlp",
            "lenet", "residual-mlp", "mlp-784-128-10");

    private DefaultProjects() {
    }

    /** The spiral with a 2-8-8-1 tanh net, Adam at 0.03 in batches of 16: Play works at once and learns the spiral. */
    public static Project standard() {
        return fromTemplate(DEFAULT_TEMPLATE);
    }

    /** A project of the template with data that fits its input: 2-D toy data for the small nets, images for LeNet. */
    public static Project fromTemplate(String name) {
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
        return Project.create(name.equals(DEFAULT_TEMPLATE) ? "spiral" : name, template.graph(),
                DataRef.builtIn(data), settings);
    }
}
