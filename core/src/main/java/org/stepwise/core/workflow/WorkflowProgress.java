// What a workflow tells its caller while it runs: each training batch, and each measurement as it is taken.
//
// Both are called on the workflow's own thread, between training steps, so they should be quick: a GUI copies the
// numbers and draws them at frame time.
package org.stepwise.core.workflow;

@FunctionalInterface
public interface WorkflowProgress {

    /** Ignores everything. */
    WorkflowProgress NONE = (stage, epoch, batch, batches, loss) -> { };

    /**
     * @param stage   which training of the workflow: "pretrain", "fine-tune", "scratch", "task A", "task B", …
     * @param epoch   0-based epoch of that stage
     * @param batch   0-based batch within the epoch
     * @param batches batches per epoch of that stage
     * @param loss    the batch's loss
     */
    void batchDone(String stage, int epoch, int batch, int batches, float loss);

    /** A new point of the curve named {@code curve}: a chart can append it at once. */
    default void measured(String curve, Curve.Point point) {
    }
}
