// The ZeRO calculator against two cases worked by hand: the paper's 7.5B-parameter model on 64 GPUs with Adam in
// mixed precision (its Figure 1: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB), and a small fp32 model with momentum.
package org.stepwise.core.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ZeroMemoryTest {

    @Test
    void thePapersSevenAndAHalfBillionParametersOnSixtyFourGpus() {
        ZeroMemory z = new ZeroMemory(7_500_000_000L, 64, Precision.FP16, "adam");
        assertEquals(12, z.optimizerBytes(), "fp32 master copy, momentum and variance");
        assertEquals(120e9, z.bytesPerWorker(0), 1);
        assertEquals(4 * 7.5e9 + 12 * 7.5e9 / 64, z.bytesPerWorker(1), 1); // 31.41 GB
        assertEquals(2 * 7.5e9 + 14 * 7.5e9 / 64, z.bytesPerWorker(2), 1); // 16.64 GB
        assertEquals(16 * 7.5e9 / 64, z.bytesPerWorker(3), 1); // 1.875 GB
        assertEquals(31.4, z.bytesPerWorker(1) / 1e9, 0.05);
        assertEquals(16.6, z.bytesPerWorker(2) / 1e9, 0.05);
        assertEquals("2Ψ + 2Ψ + 12Ψ/N", z.formula(1));
    }

    @Test
    void aThousandFp32ParametersWithMomentumOnFourWorkers() {
        ZeroMemory z = new ZeroMemory(1000, 4, Precision.FP32, "momentum");
        assertEquals(4, z.optimizerBytes());
        assertEquals(12_000, z.bytesPerWorker(0));
        assertEquals(8_000 + 1_000, z.bytesPerWorker(1));
        assertEquals(4_000 + 2_000, z.bytesPerWorker(2));
        assertEquals(3_000, z.bytesPerWorker(3));
        assertEquals("(4 + 4 + 4)Ψ/N", z.formula(3));
    }

    @Test
    void badInputIsExplained() {
        assertEquals("No optimizer \"lion\": use sgd, momentum, rmsprop, adam or adamw",
                assertThrows(IllegalArgumentException.class,
                        () -> new ZeroMemory(10, 1, Precision.FP32, "lion")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZeroMemory(10, 0, Precision.FP32, "sgd"));
        assertThrows(IllegalArgumentException.class, () -> new ZeroMemory(10, 2, Precision.FP32, "sgd")
                .bytesPerWorker(4));
    }
}
