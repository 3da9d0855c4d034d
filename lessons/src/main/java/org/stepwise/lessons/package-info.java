/**
 * Guided lessons: the lesson format, the engine that runs a lesson, and the course content itself.
 *
 * <p>A lesson is declarative data: a sealed family of step records parsed from files under this module's
 * resources, never executed as code. Each step may carry a goal, a predicate over a read-only view of the studio
 * (the graph, the dataset, the stepper's state), and the lesson runner advances when the goal holds.
 *
 * <p>This module depends on {@code org.stepwise.core} only. It never sees JavaFX or the app: the app adapts its
 * own state to the lesson interfaces, so the same lessons run from the GUI, the CLI and the tests.
 */
package org.stepwise.lessons;
