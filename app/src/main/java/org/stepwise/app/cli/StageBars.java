// A progress bar for each stage of a workflow (pretraining, fine-tuning, task A, …), one after another on stderr, at
// a terminal only; a workflow's measurements are printed afterwards, so they are not shown here.
package org.stepwise.app.cli;

import org.stepwise.core.workflow.WorkflowProgress;

final class StageBars implements WorkflowProgress {
    private final boolean wanted;
    private String stage;
    private ProgressBar bar = ProgressBar.forTerminal(false, 1);

    StageBars(boolean wanted) {
        this.wanted = wanted;
    }

    @Override
    public void batchDone(String name, int epoch, int batch, int batches, float loss) {
        // One bar per epoch of each stage: how many epochs a stage runs is the workflow's business.
        if (!name.equals(stage) || batch == 0) {
            bar.clear();
            stage = name;
            bar = ProgressBar.forTerminal(wanted, batches, name + ", epoch " + (epoch + 1) + " ");
        }
        bar.advance();
    }

    void clear() {
        bar.clear();
    }
}
