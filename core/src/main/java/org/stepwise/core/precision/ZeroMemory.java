// The ZeRO memory calculator: how many bytes of model state each of N data-parallel workers holds at each ZeRO
// stage (Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", 2020).
//
// For Ψ parameters, weights of w bytes, gradients of g bytes and K bytes of optimizer state a parameter:
//   stage 0 (plain data parallelism)      (w + g + K)·Ψ
//   stage 1 (optimizer states sharded)    (w + g)·Ψ + K·Ψ/N
//   stage 2 (and gradients)               w·Ψ + (g + K)·Ψ/N
//   stage 3 (and weights)                 (w + g + K)·Ψ/N
// K counts an fp32 master copy of the weights (4 bytes) when training in bf16 or fp16, plus the optimizer's own
// fp32 state: none for SGD, one buffer for momentum and RMSprop, two for Adam and AdamW. Adam in mixed precision
// gives the paper's K = 12. Activations and buffers are not model state and are not counted.
package org.stepwise.core.precision;

import java.util.Locale;

public record ZeroMemory(long parameters, int workers, Precision precision, String optimizer) {
    public ZeroMemory {
        if (parameters < 0 || workers < 1) {
            throw new IllegalArgumentException("ZeRO needs a parameter count of 0 or more and at least one worker");
        }
        stateBuffers(optimizer); // checks the name
    }

    /** Bytes a weight takes. */
    public int weightBytes() {
        return precision.bytes();
    }

    /** Bytes a gradient takes. */
    public int gradientBytes() {
        return precision.bytes();
    }

    /** Bytes of optimizer state a parameter: the fp32 master copy in mixed precision, then 4 per state buffer. */
    public int optimizerBytes() {
        return (precision == Precision.FP32 ? 0 : 4) + 4 * stateBuffers(optimizer);
    }

    private static int stateBuffers(String optimizer) {
        return switch (optimizer) {
            case "sgd" -> 0;
            case "momentum", "rmsprop" -> 1;
            case "adam", "adamw" -> 2;
            default -> throw new IllegalArgumentException("No optimizer \"" + optimizer
                    + "\": use sgd, momentum, rmsprop, adam or adamw");
        };
    }

    /** Bytes of model state on each worker at ZeRO stage 0 to 3. */
    public double bytesPerWorker(int stage) {
        double psi = parameters;
        double n = workers;
        int w = weightBytes();
        int g = gradientBytes();
        int k = optimizerBytes();
        return switch (stage) {
            case 0 -> (w + g + k) * psi;
            case 1 -> (w + g) * psi + k * psi / n;
            case 2 -> w * psi + (g + k) * psi / n;
            case 3 -> (w + g + k) * psi / n;
            default -> throw new IllegalArgumentException("ZeRO has stages 0 to 3, not " + stage);
        };
    }

    /** The stage's formula with this case's byte counts, e.g. "2Ψ + 2Ψ + 12Ψ/N". */
    public String formula(int stage) {
        int w = weightBytes();
        int g = gradientBytes();
        int k = optimizerBytes();
        return switch (stage) {
            case 0 -> String.format(Locale.ROOT, "%dΨ + %dΨ + %dΨ", w, g, k);
            case 1 -> String.format(Locale.ROOT, "%dΨ + %dΨ + %dΨ/N", w, g, k);
            case 2 -> String.format(Locale.ROOT, "%dΨ + (%d + %d)Ψ/N", w, g, k);
            case 3 -> String.format(Locale.ROOT, "(%d + %d + %d)Ψ/N", w, g, k);
            default -> throw new IllegalArgumentException("ZeRO has stages 0 to 3, not " + stage);
        };
    }
}
