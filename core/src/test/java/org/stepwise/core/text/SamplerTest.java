// Checks Sampler: greedy and top-1 pick the argmax, draws follow softmax(logits / T), candidates are sorted and
// normalized, a seed fixes the sequence, and bad arguments are named.
package org.stepwise.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.text.Sampler.Candidate;

class SamplerTest {
    private static final float[] LOGITS = {0.5f, 2f, -1f, 1.5f, 0f};

    private static double[] softmax(float[] logits, double temperature) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            sum += p[i];
        }
        for (int i = 0; i < logits.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void temperatureZeroIsGreedyWithProbabilityOne() {
        Sampler.Choice choice = new Sampler(1).next(LOGITS, 0, 5, 0, 0);
        assertEquals(1, choice.token());
        assertEquals(List.of(new Candidate(1, 1.0)), choice.candidates());
    }

    @Test
    void topOneAlwaysPicksTheArgmax() {
        Sampler sampler = new Sampler(2);
        for (int i = 0; i < 200; i++) {
            assertEquals(1, sampler.next(LOGITS, 0, 5, 5.0, 1).token());
        }
    }

    @Test
    void drawsFollowSoftmaxAtTheTemperature() {
        double temperature = 0.8;
        double[] expected = softmax(LOGITS, temperature);
        int[] counts = new int[5];
        Sampler sampler = new Sampler(42);
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(LOGITS, 0, 5, temperature, 0).token()]++;
        }
        for (int t = 0; t < 5; t++) {
            assertEquals(expected[t], counts[t] / (double) draws, 0.01, "token " + t);
        }
    }

    @Test
    void candidatesAreSortedAndSumToOneOverTheKeptTokens() {
        List<Candidate> all = new Sampler(3).next(LOGITS, 0, 5, 1.0, 0).candidates();
        double[] p = softmax(LOGITS, 1.0);
        assertEquals(List.of(1, 3, 0, 4, 2), all.stream().map(Candidate::token).toList());
        for (Candidate c : all) {
            assertEquals(p[c.token()], c.probability(), 1e-12);
        }
        assertEquals(1.0, all.stream().mapToDouble(Candidate::probability).sum(), 1e-12);

        List<Candidate> topTwo = new Sampler(3).next(LOGITS, 0, 5, 1.0, 2).candidates();
        double kept = Math.exp(2) + Math.exp(1.5);
        assertEquals(List.of(1, 3), topTwo.stream().map(Candidate::token).toList());
        assertEquals(Math.exp(2) / kept, topTwo.get(0).probability(), 1e-12);
        assertEquals(Math.exp(1.5) / kept, topTwo.get(1).probability(), 1e-12);
    }

    @Test
    void topKNeverDrawsACutToken() {
        Sampler sampler = new Sampler(4);
        for (int i = 0; i < 500; i++) {
            int token = sampler.next(LOGITS, 0, 5, 10.0, 2).token();
            assertTrue(token == 1 || token == 3, "drew " + token);
        }
    }

    @Test
    void showsFiveCandidatesOrTopKAndReadsAtTheOffset() {
        float[] twoPositions = new float[20];
        twoPositions[10 + 7] = 3f;
        Sampler sampler = new Sampler(5);
        assertEquals(7, sampler.next(twoPositions, 10, 10, 0, 0).token());
        assertEquals(5, sampler.next(twoPositions, 10, 10, 1.0, 0).candidates().size());
        assertEquals(8, sampler.next(twoPositions, 10, 10, 1.0, 8).candidates().size());
        assertEquals(2, sampler.next(twoPositions, 10, 10, 1.0, 0, 2).candidates().size());
        assertEquals(7, sampler.next(twoPositions, 10, 10, 1.0, 0).candidates().get(0).token());
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        Sampler a = new Sampler(99);
        Sampler b = new Sampler(99);
        Sampler c = new Sampler(100);
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sa.append(a.next(LOGITS, 0, 5, 1.5, 0).token());
            sb.append(b.next(LOGITS, 0, 5, 1.5, 0).token());
            sc.append(c.next(LOGITS, 0, 5, 1.5, 0).token());
        }
        assertEquals(sa.toString(), sb.toString());
        assertNotEquals(sa.toString(), sc.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 5 | -0.5 | 0  | The temperature must be 0 (greedy) or more, and finite, not -0.5
            0 | 5 | NaN  | 0  | The temperature must be 0 (greedy) or more, and finite, not NaN
            0 | 5 | 1.0  | -1 | Top-k must be 0 (no cut) or more, not -1
            1 | 5 | 1.0  | 0  | Logits 1..5 do not fit in the 5 logits given
            0 | 0 | 1.0  | 0  | The vocabulary must have at least 1 token, not 0
            """)
    void namesBadArguments(int offset, int vocabularySize, double temperature, int topK, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new Sampler(0).next(LOGITS, offset, vocabularySize, temperature, topK)).getMessage());
    }

    @Test
    void rejectsNonFiniteLogits() {
        assertEquals("The logit of token 2 is NaN: sampling needs finite logits",
                assertThrows(IllegalArgumentException.class,
                        () -> new Sampler(0).next(new float[] {0, 1, Float.NaN}, 0, 3, 1.0, 0)).getMessage());
    }
}
