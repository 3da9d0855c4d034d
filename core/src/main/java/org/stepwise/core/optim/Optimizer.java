// Updates parameters from their gradients. Implementations, simplest first: SGD, Momentum, RMSProp, Adam, AdamW.
//
// An optimizer is made for a network's full parameter list (its state is allocated once, per parameter, in that
// order); each update receives the subset to change, which leaves out frozen nodes' parameters. State (velocities,
// moments) lives in flat buffers that the stepper snapshots for time travel.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;

public interface Optimizer {

    /** "sgd", "momentum", "rmsprop", "adam", "adamw". */
    String id();

    /** One update of each parameter in {@code params} (a subset of the construction list) at this learning rate. */
    void update(List<Param> params, float learningRate);

    /**
     * One update in which parameter i moves at {@code learningRate · rateScales[i]}: discriminative fine-tuning, where
     * a body trains more gently than a fresh head. The step count still grows by one, as for a single rate.
     */
    void update(List<Param> params, float learningRate, float[] rateScales);

    /** The live state buffers, in a stable order, for snapshots; empty for plain SGD. */
    List<float[]> state();

    /** Updates done so far (Adam's bias correction counts them). */
    long steps();

    /** Restores the step count after the stepper copied a snapshot back into {@link #state()}. */
    void setSteps(long steps);
}
