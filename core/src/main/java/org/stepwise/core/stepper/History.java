// The stepper's time-travel memory: snapshots of everything a step changes, taken at step starts, in a ring
// buffer capped in bytes. Slots are allocated once and reused, so keeping history allocates nothing per step.
//
// A snapshot is the parameters, the nodes' non-learned state and the optimizer's state, flattened in a fixed order,
// plus a few counters that are not floats (the optimizer's step count, the loss scaler's state).
// Steps between kept snapshots are reached by replaying from the nearest earlier one (training is deterministic).
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.List;

public final class History {
    private final List<float[]> sources;
    private final int floats;
    private final int every;
    private final float[][] slots;
    private final long[] slotStep;
    private final int counters;
    private final long[][] slotCounters;
    private int next;
    private int count;

    /**
     * @param sources  the live buffers to snapshot, in order
     * @param counters how many counters each snapshot keeps besides the buffers
     * @param maxBytes the memory the ring may use; at least one snapshot is always kept
     * @param every    keep one snapshot every this many steps
     */
    History(List<float[]> sources, int counters, long maxBytes, int every) {
        this.sources = List.copyOf(sources);
        this.floats = sources.stream().mapToInt(a -> a.length).sum();
        this.every = Math.max(1, every);
        long perSlot = Math.max(1L, (long) floats * Float.BYTES + (long) counters * Long.BYTES);
        int capacity = (int) Math.max(1, Math.min(100_000, maxBytes / perSlot));
        this.slots = new float[capacity][];
        this.slotStep = new long[capacity];
        this.counters = counters;
        this.slotCounters = new long[capacity][];
    }

    /** Records the state at the start of {@code step} if this step is one to keep. */
    void record(long step, long[] counterValues) {
        if (step % every != 0) {
            return;
        }
        // Steps only move forward between rewinds, and a rewind drops the future first, so slots stay in order.
        if (slots[next] == null) {
            slots[next] = new float[floats];
            slotCounters[next] = new long[counters];
        }
        copyOut(slots[next]);
        slotStep[next] = step;
        System.arraycopy(counterValues, 0, slotCounters[next], 0, counters);
        next = (next + 1) % slots.length;
        count = Math.min(count + 1, slots.length);
    }

    /**
     * Restores the latest snapshot at or before {@code step}, its counters into {@code counterValues}; returns its
     * step, or -1 when none is that old.
     */
    long restoreAtOrBefore(long step, long[] counterValues) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            int slot = index(i);
            if (slotStep[slot] <= step && (best < 0 || slotStep[slot] > slotStep[best])) {
                best = slot;
            }
        }
        if (best < 0) {
            return -1;
        }
        copyIn(slots[best]);
        System.arraycopy(slotCounters[best], 0, counterValues, 0, counters);
        return slotStep[best];
    }

    /** Forgets snapshots taken after {@code step}: after a rewind, they describe a future that will be redone. */
    void dropAfter(long step) {
        // Re-lay the kept slots from 0, in age order, then the others; freed slots keep their arrays for reuse.
        List<Integer> order = new ArrayList<>();
        boolean[] placed = new boolean[slots.length];
        for (int i = 0; i < count; i++) {
            if (slotStep[index(i)] <= step) {
                order.add(index(i));
                placed[index(i)] = true;
            }
        }
        int kept = order.size();
        for (int slot = 0; slot < slots.length; slot++) {
            if (!placed[slot]) {
                order.add(slot);
            }
        }
        float[][] oldSlots = slots.clone();
        long[][] oldCounters = slotCounters.clone();
        long[] oldStep = slotStep.clone();
        for (int i = 0; i < order.size(); i++) {
            slots[i] = oldSlots[order.get(i)];
            slotCounters[i] = oldCounters[order.get(i)];
            slotStep[i] = oldStep[order.get(i)];
        }
        count = kept;
        next = count % slots.length;
    }

    /** The earliest step that can still be reached. */
    public long oldestStep() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            oldest = Math.min(oldest, slotStep[index(i)]);
        }
        return count == 0 ? -1 : oldest;
    }

    public int snapshots() {
        return count;
    }

    public int capacity() {
        return slots.length;
    }

    /** Bytes held by allocated snapshot slots. */
    public long bytes() {
        long allocated = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                allocated += (long) slots[i].length * Float.BYTES + (long) slotCounters[i].length * Long.BYTES;
            }
        }
        return allocated;
    }

    public int every() {
        return every;
    }

    void copyOut(float[] target) {
        int at = 0;
        for (float[] src : sources) {
            System.arraycopy(src, 0, target, at, src.length);
            at += src.length;
        }
    }

    void copyIn(float[] from) {
        int at = 0;
        for (float[] dst : sources) {
            System.arraycopy(from, at, dst, 0, dst.length);
            at += dst.length;
        }
    }

    int floats() {
        return floats;
    }

    private int index(int i) {
        // The i-th oldest slot.
        return (next - count + i + slots.length * 2) % slots.length;
    }
}
