// The vector half of the FMA calibration; loaded only when jdk.incubator.vector is present.
package org.stepwise.core.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

final class VectorFmaCalibration {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorFmaCalibration() {
    }

    static long run(int rounds) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-4f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.0f), c1 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.2f), c3 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.4f), c5 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.6f), c7 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.8f), c9 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.0f), c11 = FloatVector.broadcast(SPECIES, 1.1f);
        for (int r = 0; r < rounds; r++) {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        FmaCalibration.sink = sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        return 2L * FmaCalibration.CHAINS * SPECIES.length() * rounds;
    }
}
