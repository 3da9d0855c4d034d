// The studio as a lesson's goals see it: the document being edited, the training controller's latest snapshot and
// curves, the selection, and the events views reported. Read on the FX thread, from copies only; nothing here
// touches the training thread's buffers. The previous-token head is measured off the FX thread (AttentionProbe).
package org.stepwise.app.studio.lessons;

import java.util.List;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Phase;
import org.stepwise.lessons.goal.StudioState;

public final class StudioLessonState implements StudioState {
    private final Workspace workspace;
    private final TrainingController training;
    private final AttentionProbe probe = new AttentionProbe();

    public StudioLessonState(Workspace workspace, TrainingController training) {
        this.workspace = workspace;
        this.training = training;
    }

    @Override
    public GraphDef graph() {
        return workspace.document().graph().toGraphDef();
    }

    @Override
    public TrainingSettings settings() {
        return workspace.document().settings();
    }

    @Override
    public String dataset() {
        var data = workspace.document().data();
        return data == null ? null : data.spec();
    }

    @Override
    public long step() {
        StepSnapshot s = training.snapshot();
        return s != null ? s.step() : training.progress().step();
    }

    @Override
    public int epoch() {
        StepSnapshot s = training.snapshot();
        return s != null ? s.epoch() : training.progress().epoch();
    }

    @Override
    public Phase lastPhase() {
        StepSnapshot s = training.snapshot();
        return s == null ? null : s.lastPhase();
    }

    @Override
    public float loss() {
        StepSnapshot s = training.snapshot();
        return s == null ? Float.NaN : s.loss();
    }

    private History.Epoch lastEpoch() {
        List<History.Epoch> epochs = training.curves().epochs();
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    @Override
    public Metrics trainMetrics() {
        History.Epoch e = lastEpoch();
        return e == null ? null : e.train();
    }

    @Override
    public Metrics validationMetrics() {
        History.Epoch e = lastEpoch();
        return e == null ? null : e.validation();
    }

    @Override
    public boolean halted() {
        return training.progress().state() == TrainingController.State.HALTED;
    }

    @Override
    public String selectedNode() {
        var selection = workspace.selection();
        return selection.size() == 1 ? selection.iterator().next() : null;
    }

    @Override
    public float[] parameter(String node, String param) {
        StepSnapshot s = training.snapshot();
        if (s != null && s.node(node) != null) {
            for (StepSnapshot.ParamState p : s.node(node).params()) {
                if (p.name().equals(param)) {
                    return p.value().clone();
                }
            }
        }
        // Before training has started, the document's own network holds the weights.
        var net = workspace.document().network();
        if (net == null) {
            return null;
        }
        for (Node n : net.nodes()) {
            if (n.name().equals(node)) {
                for (Param p : n.params()) {
                    if (p.name().equals(param)) {
                        return java.util.Arrays.copyOf(p.value(), p.size());
                    }
                }
            }
        }
        return null;
    }

    @Override
    public double gradientNorm(String node) {
        StepSnapshot s = training.snapshot();
        if (s == null || s.node(node) == null) {
            return Double.NaN;
        }
        for (StepSnapshot.ParamState p : s.node(node).params()) {
            if (p.name().equals("weight") && p.grad() != null) {
                double sum = 0;
                for (float g : p.grad()) {
                    sum += (double) g * g;
                }
                return Math.sqrt(sum);
            }
        }
        return Double.NaN;
    }

    @Override
    public float[] output(String node) {
        StepSnapshot s = training.snapshot();
        if (s == null || s.node(node) == null || s.node(node).output() == null) {
            return null;
        }
        StepSnapshot.NodeState n = s.node(node);
        return java.util.Arrays.copyOf(n.output(), n.shape().size());
    }

    @Override
    public Inference inference() {
        return training.signals().inference();
    }

    @Override
    public org.stepwise.core.eval.InferenceProfile inferenceProfile() {
        return training.signals().profile();
    }

    @Override
    public org.stepwise.core.precision.ZeroMemory zeroMemory() {
        return training.signals().zeroMemory();
    }

    @Override
    public org.stepwise.core.workflow.ContinualTraining.Result continual() {
        return training.signals().continual();
    }

    @Override
    public org.stepwise.core.workflow.PretrainingRecipe.Result pretrainingRecipe() {
        return training.signals().recipe();
    }

    @Override
    public org.stepwise.core.gpt.TransformerTrace.HeadScore previousTokenHead() {
        var d = workspace.document();
        return probe.read(d.graph().toGraphDef(), d.data(), d.settings(), training.snapshot(), d.network());
    }

    @Override
    public long eventCount(String name, String argument) {
        return training.signals().count(name, argument);
    }
}
