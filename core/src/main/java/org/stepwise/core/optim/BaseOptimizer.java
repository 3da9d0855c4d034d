// What every optimizer shares: per-parameter state found by identity, the step count, and checked hyperparameters.
package org.stepwise.core.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;

abstract class BaseOptimizer implements Optimizer {
    protected final Kernels kernels;
    private final Map<Param, float[][]> stateByParam = new IdentityHashMap<>();
    private final List<float[]> state = new ArrayList<>();
    private long steps;

    /** Allocates {@code buffersPerParam} zeroed buffers per parameter; by identity, since Param has no equals. */
    BaseOptimizer(List<Param> params, Kernels kernels, int buffersPerParam) {
        this.kernels = kernels;
        for (Param p : params) {
            float[][] buffers = new float[buffersPerParam][];
            for (int b = 0; b < buffersPerParam; b++) {
                buffers[b] = new float[p.size()];
                state.add(buffers[b]);
            }
            if (stateByParam.put(p, buffers) != null) {
                throw new IllegalArgumentException("The parameter '" + p.name() + "' " + p.shape()
                        + " is listed twice; an optimizer needs each parameter once");
            }
        }
    }

    /** One update of one parameter with its buffers; {@link #steps()} already counts this update. */
    protected abstract void update(Param p, float[][] buffers, float learningRate);

    @Override
    public final void update(List<Param> params, float learningRate) {
        update(params, learningRate, null);
    }

    /** {@code rateScales} may be null: every parameter then moves at {@code learningRate}. */
    @Override
    public final void update(List<Param> params, float learningRate, float[] rateScales) {
        if (!(learningRate >= 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be a finite number ≥ 0, not " + learningRate);
        }
        if (rateScales != null && rateScales.length != params.size()) {
            throw new IllegalArgumentException("One learning-rate scale per parameter is needed: " + params.size()
                    + " parameters but " + rateScales.length + " scales");
        }
        // Every parameter is looked up before any changes, so a stranger in the list leaves the network untouched.
        // Indexed loops and a second lookup instead of a list of buffers, so the bookkeeping allocates nothing.
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (!stateByParam.containsKey(p)) {
                throw new IllegalArgumentException("The parameter '" + p.name() + "' " + p.shape()
                        + " is not one this optimizer was made for; make it from the network's parameters");
            }
        }
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            update(p, stateByParam.get(p), rateScales == null ? learningRate : learningRate * rateScales[i]);
        }
    }

    /** Per parameter in construction order, that parameter's buffers in the order the subclass names them. */
    @Override
    public final List<float[]> state() {
        return Collections.unmodifiableList(state);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("An optimizer's step count cannot be negative: " + steps);
        }
        this.steps = steps;
    }

    /** Weight decay reaches weights only: decaying biases or normalisation scales only pulls them off their job. */
    protected static float decayOf(Param p, float weightDecay) {
        return p.isWeight() ? weightDecay : 0f;
    }

    // ---- hyperparameter checks, with messages naming the optimizer and the setting ----------------------------

    protected static float requireFraction(String optimizer, String setting, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw invalid(optimizer, setting, value, "lie in [0, 1)");
        }
        return value;
    }

    protected static float requirePositive(String optimizer, String setting, float value) {
        if (!(value > 0f) || Float.isInfinite(value)) {
            throw invalid(optimizer, setting, value, "be a finite number > 0");
        }
        return value;
    }

    protected static float requireNonNegative(String optimizer, String setting, float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw invalid(optimizer, setting, value, "be a finite number ≥ 0");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String optimizer, String setting, float value, String rule) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s's %s must %s, not %s", optimizer, setting,
                rule, value));
    }
}
