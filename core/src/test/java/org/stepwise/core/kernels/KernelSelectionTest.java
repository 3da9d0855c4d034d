// How the kernels are chosen: forced scalar, vector when the module is present, readable fallbacks otherwise.
package org.stepwise.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void scalarSettingForcesTheReference() {
        KernelSelection selection = KernelSelection.choose("scalar");
        assertInstanceOf(ScalarKernels.class, selection.kernels());
        assertFalse(selection.vectorActive());
        assertEquals("forced by -Dstepwise.kernels=scalar", selection.reason());
    }

    @Test
    void autoPicksVectorKernelsWhenTheModuleIsPresent() {
        assumeTrue(vectorModulePresent(), "the tests run with --add-modules jdk.incubator.vector");
        KernelSelection selection = KernelSelection.choose("auto");
        assertInstanceOf(VectorKernels.class, selection.kernels());
        assertTrue(selection.kernels().lanes() > 1);
        assertTrue(selection.vectorActive());
    }

    @Test
    void settingIsTrimmedAndCaseInsensitive() {
        assumeTrue(vectorModulePresent(), "the tests run with --add-modules jdk.incubator.vector");
        assertEquals("vector", KernelSelection.choose(" Vector ").kernels().name());
        assertEquals("scalar", KernelSelection.choose("SCALAR").kernels().name());
    }

    @Test
    void unknownSettingFallsBackToScalarNamingTheBadValue() {
        KernelSelection selection = KernelSelection.choose("bogus");
        assertInstanceOf(ScalarKernels.class, selection.kernels());
        assertTrue(selection.reason().contains("bogus"), selection.reason());
    }

    @Test
    void activeKernelsFollowTheSystemProperty() {
        // Surefire runs the core tests twice: once with -Dstepwise.kernels=scalar, once with auto.
        boolean forcedScalar = "scalar".equals(System.getProperty(KernelSelection.PROPERTY));
        assumeTrue(forcedScalar || vectorModulePresent(), "the tests run with --add-modules jdk.incubator.vector");
        assertEquals(forcedScalar ? "scalar" : "vector", Kernels.active().name());
    }
}
