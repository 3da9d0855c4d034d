// Where the packed GEMM panels of B start, so that their full-width vector loads never straddle two cache lines.
//
// Java gives no address of a heap array, but with -XX:ObjectAlignmentInBytes=64 (the launcher sets it) every
// object starts on a cache line, so element 0 of every float[] sits at the array base offset mod 64 and stays
// there when the GC moves the array. Skipping (64 − base) bytes then aligns the panels. Without the flag,
// alignment is left to chance: the results are the same, only slower by up to 2× on some runs (measured on
// AVX-512, where a 64-byte load is a whole cache line).
package org.stepwise.core.kernels;

import java.lang.management.ManagementFactory;

public final class PanelAlignment {
    static final int CACHE_LINE = 64;
    private static final int DEFAULT_FLOAT_ARRAY_BASE = 16;

    private PanelAlignment() {
    }

    /** Floats to skip at the start of a packed buffer; 0 when object alignment does not pin the offset. */
    static int padFloats() {
        if (objectAlignment() % CACHE_LINE != 0) {
            return 0;
        }
        int base = floatArrayBase();
        return ((CACHE_LINE - base % CACHE_LINE) % CACHE_LINE) / Float.BYTES;
    }

    /** One line for `stepwise info`. */
    public static String describe() {
        int alignment = objectAlignment();
        return alignment % CACHE_LINE == 0
                ? "cache-line aligned (ObjectAlignmentInBytes=" + alignment + ", skip " + padFloats() + " floats)"
                : "left to chance (ObjectAlignmentInBytes=" + alignment + "; the launcher sets 64)";
    }

    private static int objectAlignment() {
        try {
            var diagnostics = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return diagnostics == null ? 8
                    : Integer.parseInt(diagnostics.getVMOption("ObjectAlignmentInBytes").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 8;
        }
    }

    // The layout constant is read reflectively; nothing else of sun.misc.Unsafe is used.
    private static int floatArrayBase() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return DEFAULT_FLOAT_ARRAY_BASE;
        }
    }
}
