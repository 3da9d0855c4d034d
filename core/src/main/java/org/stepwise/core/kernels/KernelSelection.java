// Chooses the kernels once per JVM: the Vector-API ones when jdk.incubator.vector is present, else the scalar ones.
//
// -Dstepwise.kernels=scalar forces the reference; =vector asks for the vector path and falls back with a reason.
package org.stepwise.core.kernels;

import java.util.Locale;

public record KernelSelection(Kernels kernels, String reason) {

    public static final String PROPERTY = "stepwise.kernels";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.stepwise.core.kernels.VectorKernels";

    private static final class Holder {
        static final KernelSelection ACTIVE = choose(System.getProperty(PROPERTY, "auto"));
    }

    public static KernelSelection active() {
        return Holder.ACTIVE;
    }

    public boolean vectorActive() {
        return kernels.lanes() > 1;
    }

    /** Chooses kernels for the given setting ("auto", "vector" or "scalar"); never throws for a missing module. */
    public static KernelSelection choose(String setting) {
        String wanted = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "scalar":
                return new KernelSelection(new ScalarKernels(), "forced by -D" + PROPERTY + "=scalar");
            case "auto", "", "vector":
                break;
            default:
                return new KernelSelection(new ScalarKernels(),
                        "unknown -D" + PROPERTY + "=" + setting + " (use auto, vector or scalar); using scalar");
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return new KernelSelection(new ScalarKernels(),
                    VECTOR_MODULE + " is not in this JVM (start it with --add-modules " + VECTOR_MODULE + ")");
        }
        try {
            Kernels vector = (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
            return new KernelSelection(vector, VECTOR_MODULE + " is present");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new KernelSelection(new ScalarKernels(),
                    "the vector kernels could not start (" + e + "); using scalar");
        }
    }
}
