// What emulated low-precision training has done: the format, the loss scale, and what rounding into the format
// cost, in the current step and since training began. A copy; reading it changes nothing.
package org.stepwise.core.stepper;

import org.stepwise.core.precision.Precision;

/**
 * @param precision   the format the nodes compute in; fp32 means training runs as it always has, and counts nothing
 * @param lossScaling whether the loss is scaled dynamically
 * @param lossScale   what the next backward pass multiplies the loss gradient by (1 without loss scaling)
 * @param step        the step in progress, or the one just finished at a step boundary
 * @param total       every step since training began, the current one included
 */
public record PrecisionReport(Precision precision, boolean lossScaling, float lossScale, Counts step, Counts total) {

    /** What training in fp32 reports. */
    static final PrecisionReport FP32 = new PrecisionReport(Precision.FP32, false, 1f, Counts.NONE, Counts.NONE);

    /** Values rounded into the format, and how many of them became ±0 from non-zero and ±Inf from finite. */
    public record Tally(long values, long underflows, long overflows) {
        static final Tally NONE = new Tally(0, 0, 0);
    }

    /**
     * @param forward      the weights rounded from the fp32 master copy, and every node's output
     * @param backward     the scaled loss gradient, and every backward's input and parameter gradients
     * @param skippedSteps updates skipped because a scaled gradient overflowed (the scale was lowered instead)
     */
    public record Counts(Tally forward, Tally backward, long skippedSteps) {
        static final Counts NONE = new Counts(Tally.NONE, Tally.NONE, 0);

        public long values() {
            return forward.values() + backward.values();
        }

        public long underflows() {
            return forward.underflows() + backward.underflows();
        }

        public long overflows() {
            return forward.overflows() + backward.overflows();
        }
    }
}
