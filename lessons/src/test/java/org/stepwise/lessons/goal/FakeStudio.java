// Test helper: a StudioState whose every answer a test sets directly, to evaluate goals without the core running.
package org.stepwise.lessons.goal;

import java.util.HashMap;
import java.util.Map;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Phase;

public final class FakeStudio implements StudioState {
    public GraphDef graph = Templates.find("mlp-2-8-8-1").orElseThrow().graph();
    public TrainingSettings settings = TrainingSettings.defaults();
    public String dataset = "spiral";
    public long step;
    public int epoch;
    public Phase lastPhase;
    public float loss = Float.NaN;
    public Metrics train;
    public Metrics validation;
    public boolean halted;
    public String selected;
    public final Map<String, float[]> parameters = new HashMap<>();
    public final Map<String, float[]> outputs = new HashMap<>();
    public final Map<String, Double> gradientNorms = new HashMap<>();
    public Inference inference;
    private final EventLog events = new EventLog();

    public void emit(String event, String argument) {
        events.record(event, argument);
    }

    @Override
    public GraphDef graph() {
        return graph;
    }

    @Override
    public TrainingSettings settings() {
        return settings;
    }

    @Override
    public String dataset() {
        return dataset;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public Phase lastPhase() {
        return lastPhase;
    }

    @Override
    public float loss() {
        return loss;
    }

    @Override
    public Metrics trainMetrics() {
        return train;
    }

    @Override
    public Metrics validationMetrics() {
        return validation;
    }

    @Override
    public boolean halted() {
        return halted;
    }

    @Override
    public String selectedNode() {
        return selected;
    }

    @Override
    public float[] parameter(String node, String param) {
        return parameters.get(node + "." + param);
    }

    @Override
    public double gradientNorm(String node) {
        return gradientNorms.getOrDefault(node, Double.NaN);
    }

    @Override
    public float[] output(String node) {
        return outputs.get(node);
    }

    @Override
    public Inference inference() {
        return inference;
    }

    @Override
    public long eventCount(String event, String argument) {
        return events.count(event, argument);
    }
}
