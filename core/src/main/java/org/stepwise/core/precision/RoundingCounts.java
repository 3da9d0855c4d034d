// What rounding into a low-precision format did to a run of values: how many it rounded, how many finite values
// overflowed to ±Inf, and how many non-zero values underflowed to ±0. Loss scaling exists for the last two.
package org.stepwise.core.precision;

public final class RoundingCounts {
    private long values;
    private long overflows;
    private long underflows;

    void add(long rounded, long overflowed, long underflowed) {
        values += rounded;
        overflows += overflowed;
        underflows += underflowed;
    }

    public long values() {
        return values;
    }

    public long overflows() {
        return overflows;
    }

    public long underflows() {
        return underflows;
    }

    public void clear() {
        values = 0;
        overflows = 0;
        underflows = 0;
    }

    @Override
    public String toString() {
        return values + " values, " + overflows + " overflowed, " + underflows + " underflowed";
    }
}
