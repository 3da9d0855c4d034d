// How a session picks and checks its loss: "auto" follows the data and the output's width, and a named loss that
// cannot train on them is refused when the session opens, saying what to choose instead.
package org.stepwise.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

class SessionTest {

    private static Project spiral(GraphDef graph, String loss) {
        TrainingSettings settings = TrainingSettings.defaults().withLoss(loss).withLearningRate(0.03f)
                .withBatchSize(16);
        return Project.create("spiral", graph, DataRef.builtIn("spiral"), settings);
    }

    private static GraphDef oneLogit() {
        return Templates.find("mlp-2-8-8-1").orElseThrow().graph();
    }

    private static GraphDef outputs(int units) {
        return new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden", new Dense.Spec(8, Activation.TANH), "input"),
                new NodeDef("output", new Dense.Spec(units, Activation.IDENTITY), "hidden")));
    }

    @Test
    void autoLossOnTwoClassesWithOneOutputIsBinaryCrossEntropyAndTrains() throws IOException {
        Session session = Session.open(spiral(oneLogit(), "auto"), 0);
        assertEquals("bce_with_logits", session.loss().id());

        History.Epoch epoch = session.train(2).history().epochs().get(1);
        ClassificationMetrics train = (ClassificationMetrics) epoch.train();
        assertEquals(2, train.classes());
        assertEquals(session.train().n(), train.samples());
        assertTrue(Double.isFinite(train.loss()) && train.loss() > 0, "the loss is measured: " + train.loss());
        assertTrue(epoch.validation() instanceof ClassificationMetrics, "validation is measured as classes too");
    }

    @Test
    void aOneLogitProjectKeepsAutoInItsFileAndReopensWithBinaryCrossEntropy(@TempDir Path dir) throws IOException {
        Session session = Session.open(spiral(oneLogit(), "auto"), 0);
        session.train(1);
        Path file = dir.resolve("spiral.stepwise");
        ProjectFile.save(file, session.snapshot());

        Project back = ProjectFile.load(file).project();
        assertEquals("auto", back.settings().loss());
        ClassificationMetrics saved = (ClassificationMetrics) back.history().get(0).train();
        assertEquals(2, saved.confusion().length, "the history keeps the 2×2 confusion matrix");
        Session reopened = Session.open(back, 0);
        assertEquals("bce_with_logits", reopened.loss().id());
        assertEquals(1, reopened.train(1).history().size());
    }

    @Test
    void autoLossWithOneOutputPerClassIsSoftmaxCrossEntropy() throws IOException {
        assertEquals("softmax_cross_entropy", Session.open(spiral(outputs(2), "auto"), 0).loss().id());
    }

    @Test
    void bceNamedExplicitlyTrainsOneLogitOnTwoClasses() throws IOException {
        Session session = Session.open(spiral(oneLogit(), "bce_with_logits"), 0);
        assertEquals("bce_with_logits", session.loss().id());
        assertEquals(1, session.train(1).history().size(), "one epoch ran");
    }

    @Test
    void softmaxOverOneOutputIsRefusedNamingTheLossToUse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Session.open(spiral(oneLogit(), "softmax_cross_entropy"), 0));
        assertEquals("softmax_cross_entropy needs one output unit per class, but the network's output has 1 unit: "
                + "a softmax over one value is always 1; use bce_with_logits or auto", e.getMessage());
    }

    @Test
    void bceOverOneScorePerClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Session.open(spiral(outputs(2), "bce_with_logits"), 0));
        assertEquals("bce_with_logits on classes needs two classes and one output unit, but the data has 2 classes "
                + "and the output 2 units; use softmax_cross_entropy or auto", e.getMessage());
    }

    @Test
    void anOutputThatFitsNeitherWayIsRefusedOfferingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Session.open(spiral(outputs(3), "auto"), 0));
        assertEquals("The network's output 'output' gives 3 values but the data has 2 classes; give it 1 unit "
                + "(one logit) or 2 units", e.getMessage());
    }
}
