// The inference profile's structure; timings themselves are never asserted, since machines are noisy.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.Network;

class InferenceProfileTest {

    @Test
    void sizesAreExactAndTimingsAreOrderedAndPositive() {
        // 2 → 8 → 3: (2·8 + 8) + (8·3 + 3) = 51 parameters.
        InferenceProfile profile = InferenceProfile.measure(Network.build(Blobs.mlp(8), 1), 20, 50, 8, 5);
        assertEquals(51, profile.parameters());
        assertEquals(4 * 51, profile.bytes());
        assertTrue(profile.medianNanos() > 0);
        assertTrue(profile.p95Nanos() >= profile.medianNanos());
        assertEquals(8, profile.batchSize());
        assertTrue(profile.samplesPerSecond() > 0);
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] sorted = new long[20];
        for (int i = 0; i < 20; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(10, InferenceProfile.percentile(sorted, 50));
        assertEquals(19, InferenceProfile.percentile(sorted, 95));
        assertEquals(7, InferenceProfile.percentile(new long[] {7}, 95));
    }
}
