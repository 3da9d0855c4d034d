// Why training stopped by itself: a loss, output or gradient that became NaN or infinite, and where.
package org.stepwise.core.stepper;

/**
 * @param step  the step in which it happened
 * @param phase the phase that produced the first non-finite value
 * @param node  the first node (in the order the values were computed) with a non-finite value, or null for the loss
 * @param what  "output", "gradient" or "loss"
 */
public record Halt(long step, String phase, String node, String what) {
    public String message() {
        String where = node == null ? "the loss" : "the " + what + " of '" + node + "'";
        return "Training stopped at step " + step + ": " + where + " became NaN or infinite during the " + phase
                + " phase. Lower the learning rate, clip gradients, or check the data for extreme values.";
    }
}
