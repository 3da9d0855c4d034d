// One network trained the same way four times, in fp32, bf16, fp16 and fp16 with dynamic loss scaling, from the same
// seed and batches, recording the loss at every step and what rounding did. The loss can be weakened by a power of
// two with the learning rate raised by the same factor: plain SGD in fp32 then trains bit for bit as without it,
// while fp16's gradients start to underflow, which is the case loss scaling exists for.
package org.stepwise.core.precision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.stepper.PrecisionReport;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.ScaledLoss;

public final class PrecisionComparison {

    /** One way of training: the storage precision and whether the loss is scaled dynamically. */
    public record Setting(Precision precision, boolean lossScaling) {
        /** fp32, bf16, fp16, fp16 with loss scaling: the four the comparison runs. */
        public static final List<Setting> ALL = List.of(new Setting(Precision.FP32, false),
                new Setting(Precision.BF16, false), new Setting(Precision.FP16, false),
                new Setting(Precision.FP16, true));
    }

    /**
     * One setting's run.
     *
     * @param loss   the loss after each step, divided back by the signal factor so every run reads on one scale
     * @param halted why the run stopped early (a non-finite value), or null
     */
    public record Run(Setting setting, float[] loss, PrecisionReport report, String halted) {
        public float finalLoss() {
            return loss.length == 0 ? Float.NaN : loss[loss.length - 1];
        }
    }

    /** Told after each step of each run, on the thread that runs the comparison. */
    @FunctionalInterface
    public interface Progress {
        void step(int run, int step, int steps);
    }

    private final GraphDef graph;
    private final long seed;
    private final Dataset train;
    private final Supplier<Loss> loss;
    private final int batchSize;
    private final float learningRate;

    /**
     * @param loss         a fresh loss per run (losses keep per-batch buffers)
     * @param learningRate plain SGD's rate at full signal; a weakened signal divides it back
     */
    public PrecisionComparison(GraphDef graph, long seed, Dataset train, Supplier<Loss> loss, int batchSize,
                               float learningRate) {
        this.graph = graph;
        this.seed = seed;
        this.train = train;
        this.loss = loss;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
    }

    /**
     * Trains each setting for {@code steps} steps with the loss multiplied by {@code signal}; stops between steps
     * when {@code cancelled} says so, returning the runs finished so far.
     */
    public List<Run> run(List<Setting> settings, int steps, float signal, Progress progress,
                         BooleanSupplier cancelled) {
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < settings.size() && !cancelled.getAsBoolean(); r++) {
            Setting setting = settings.get(r);
            Network net = Network.build(graph, seed);
            Stepper stepper = new Stepper(net, new Batcher(train, batchSize, seed, true),
                    new ScaledLoss(loss.get(), signal), new Sgd(net.params(), net.kernels()), new ConstantSchedule(),
                    Stepper.Settings.of(learningRate / signal).withoutHistory());
            stepper.usePrecision(setting.precision(), setting.lossScaling() ? LossScaler.standard() : null);
            float[] curve = new float[steps];
            int done = 0;
            String halted = null;
            while (done < steps) {
                if (cancelled.getAsBoolean()) {
                    return runs;
                }
                if (!stepper.finishStep()) {
                    halted = stepper.halt() == null ? "stopped" : stepper.halt().message();
                    break;
                }
                curve[done++] = stepper.loss() / signal;
                progress.step(r, done, steps);
            }
            runs.add(new Run(setting, java.util.Arrays.copyOf(curve, done), stepper.precisionReport(), halted));
        }
        return runs;
    }
}
