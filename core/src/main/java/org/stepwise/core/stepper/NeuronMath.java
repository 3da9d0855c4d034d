// "Show the math" for one neuron of a dense node: every term of its forward, backward, gradient and update, with
// the actual numbers of the current step. Structured data: the GUI and the lessons render it, this never formats.
package org.stepwise.core.stepper;

import java.util.List;

/**
 * @param node     the dense node
 * @param unit     the neuron (output column)
 * @param sample   the row of the batch the per-sample numbers come from
 * @param forward  z = Σ wᵢ·aᵢ + b, a = f(z)
 * @param backward δ = f′(z)·∂L/∂a, with ∂L/∂a = Σ w·δ_next over dense consumers, or straight from the loss
 * @param weights  per input i: ∂L/∂wᵢ's term for this sample (δ·aᵢ), the batch gradient, and the update Δwᵢ
 * @param bias     the same for the bias
 */
public record NeuronMath(String node, int unit, int sample, Forward forward, Backward backward,
                         List<WeightStep> weights, WeightStep bias) {

    /** One product of a sum: {@code factor · value = product}, e.g. wᵢ · aᵢ or w_k · δ_k. */
    public record Term(String source, int index, double factor, double value, double product) {
    }

    public record Forward(List<Term> terms, double bias, double z, String activation, double a) {
    }

    /**
     * @param fromLoss   true when the node is the output, so ∂L/∂a comes from the loss directly
     * @param downstream the products w_k·δ_k from each dense consumer k (empty when fromLoss or when a consumer is not
     *                   dense; dLda is the total either way)
     */
    public record Backward(double dLda, List<Term> downstream, boolean fromLoss, double fPrime, double delta) {
    }

    /**
     * @param sampleTerm δ·aᵢ for the chosen sample
     * @param gradient   ∂L/∂wᵢ over the whole batch (the loss is a mean, so δ already carries the 1/batch)
     * @param before     the value at the start of the step
     * @param after      the value now (equal to before until the update phase has run)
     */
    public record WeightStep(int input, double activation, double sampleTerm, double gradient, double before,
                             double after) {
        public double delta() {
            return after - before;
        }
    }
}
