// The system properties that put JavaFX on Monocle's headless software renderer, for the hand-run mains in this
// package (the shots and the benchmark); surefire sets the same ones for the tests.
package org.stepwise.app.studio.canvas;

final class Headless {
    private Headless() {
    }

    static void configure() {
        if (Boolean.getBoolean("stepwise.windowed")) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
    }
}
