// The stepper's time-travel memory: snapshots of everything a step changes, taken at step starts, in a ring
// buffer capped in bytes. Slots are allocated once and reused, so keeping history allocates nothing per step.
//
// A snapshot is the parameters, the nodes' non-learned state and the optimizer's state, flattened in a fixed order.
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
    private final long[] slotOptimizerSteps;
    private int next;
    private int count;

    /**
     * @param sources  the live buffers to snapshot, in order
     * @param maxBytes the memory the ring may use; at least one snapshot is always kept
     * @param every    keep one snapshot every this many steps
     */
    History(List<float[]> sources, long maxBytes, int every) {
        this.sources = List.copyOf(sources);
        this.floats = sources.stream().mapToInt(a -> a.length).sum();
        this.every = Math.max(1, every);
        long perSlot = Math.max(1L, (long) floats * Float.BYTES);
        int capacity = (int) Math.max(1, Math.min(100_000, maxBytes / perSlot));
        this.slots = new float[capacity][];
        this.slotStep = new long[capacity];
        this.slotOptimizerSteps = new long[capacity];
    }

    /** Records the state at the start of {@code step} if this step is one to keep. */
    void record(long step, long optimizerSteps) {
        if (step % every != 0) {
            return;
        }
        // Steps only move forward between rewinds, and a rewind drops the future first, so slots stay in order.
        if (slots[next] == null) {
            slots[next] = new float[floats];
        }
        copyOut(slots[next]);
        slotStep[next] = step;
        slotOptimizerSteps[next] = optimizerSteps;
        next = (next + 1) % slots.length;
        count = Math.min(count + 1, slots.length);
    }

    /** Restores the latest snapshot at or before {@code step}; returns its step, or -1 when none is that old. */
    long restoreAtOrBefore(long step, OptimizerSteps optimizer) {
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
        optimizer.set(slotOptimizerSteps[best]);
        return slotStep[best];
    }

    /** Forgets snapshots taken after {@code step}: after a rewind, they describe a future that will be redone. */
    void dropAfter(long step) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (slotStep[index(i)] <= step) {
                keep.add(index(i));
            }
        }
        float[][] kept = new float[keep.size()][];
        long[] keptStep = new long[keep.size()];
        long[] keptOpt = new long[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            kept[i] = slots[keep.get(i)];
            keptStep[i] = slotStep[keep.get(i)];
            keptOpt[i] = slotOptimizerSteps[keep.get(i)];
        }
        // Re-lay the kept ones from slot 0; the freed slots keep their arrays for reuse.
        List<float[]> spare = new ArrayList<>();
        for (float[] s : slots) {
            if (s != null && !containsIdentity(kept, s)) {
                spare.add(s);
            }
        }
        java.util.Arrays.fill(slots, null);
        for (int i = 0; i < kept.length; i++) {
            slots[i] = kept[i];
            slotStep[i] = keptStep[i];
            slotOptimizerSteps[i] = keptOpt[i];
        }
        for (int i = kept.length, j = 0; i < slots.length && j < spare.size(); i++, j++) {
            slots[i] = spare.get(j);
        }
        count = kept.length;
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
        for (float[] s : slots) {
            if (s != null) {
                allocated += (long) s.length * Float.BYTES;
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

    private static boolean containsIdentity(float[][] arrays, float[] a) {
        for (float[] x : arrays) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    /** The optimizer's step counter, which Adam's bias correction needs restored with the state. */
    interface OptimizerSteps {
        void set(long steps);
    }
}
