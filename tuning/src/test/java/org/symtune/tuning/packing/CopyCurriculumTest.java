package org.symtune.tuning.packing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.symtune.model.Batch;

class CopyCurriculumTest {
    private static final int[] VOCAB = {7, 3, 9, 11, 2, 5, 8, 13};

    @Test
    void copyWindowsRepeatSpansOfPoolTokensAtVaryingOffsets() {
        CopyCurriculum c = new CopyCurriculum(1, 1, 0, 0, 6, 6, 8, 32);
        Set<Integer> gaps = new HashSet<>();
        int repeats = 0, total = 0;
        for (long index = 0; index < 200; index++) {
            int[] out = new int[129];
            boolean[] repeat = new boolean[129];
            c.fill(11, index, VOCAB, 6, out, out.length, repeat);
            for (int t : out) assertTrue(t == 7 || t == 3 || t == 9 || t == 11 || t == 2 || t == 5, "token " + t + " outside the pool of 6");
            for (int i = 0; i < out.length; i++) {
                total++;
                if (!repeat[i]) continue;
                repeats++;
                // a repeated token and its predecessor occurred together earlier, at one offset per span
                boolean found = false;
                for (int d = 8; d < i && !found; d++) {
                    found = spanMatches(out, i, d);
                    if (found) gaps.add(d);
                }
                assertTrue(found, "window " + index + " position " + i + " repeats nothing");
            }
        }
        double share = (double) repeats / total;
        assertTrue(share > 0.2 && share < 0.45, "share of repeated tokens " + share);
        assertTrue(gaps.size() > 20, "repeats sit at " + gaps.size() + " distinct offsets only");
    }

    private static boolean spanMatches(int[] out, int i, int d) {
        return out[i - d] == out[i] && out[i - d - 1] == out[i - 1];
    }

    @Test
    void windowsDependOnSeedAndIndexAlone() {
        CopyCurriculum c = new CopyCurriculum(1, 1, 0, 0, 8, 8, 4, 8);
        int[] a = new int[65], b = new int[65], other = new int[65];
        c.fill(5, 42, VOCAB, 8, a, 65, null);
        c.fill(5, 41, VOCAB, 8, other, 65, null);
        c.fill(5, 42, VOCAB, 8, b, 65, null);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, other));
    }

    @Test
    void theShareAnnealsLinearlyByStep() {
        CopyCurriculum c = new CopyCurriculum(0.5, 0.1, 0, 100, 4, 64, 8, 32);
        assertEquals(0.5, c.fractionAt(0), 1e-12);
        assertEquals(0.3, c.fractionAt(50), 1e-12);
        assertEquals(0.1, c.fractionAt(100), 1e-12);
        assertEquals(0.1, c.fractionAt(5000), 1e-12);
        assertEquals(0.5, new CopyCurriculum(0.5, 0.1, 0, 0, 8, 8, 8, 32).fractionAt(5000), 1e-12);
        assertEquals(4, c.poolAt(0));
        assertEquals(16, c.poolAt(50));
        assertEquals(64, c.poolAt(100));
        assertEquals(64, c.poolAt(1000));
        CopyCurriculum held = new CopyCurriculum(1.0, 0.2, 300, 100, 16, 256, 8, 32);
        assertEquals(1.0, held.fractionAt(300), 1e-12);
        assertEquals(16, held.poolAt(300));
        assertEquals(0.6, held.fractionAt(350), 1e-12);
        assertEquals(64, held.poolAt(350));
        assertEquals(0.2, held.fractionAt(400), 1e-12);
        assertEquals(256, held.poolAt(10_000));
        int early = 0, late = 0;
        for (long w = 0; w < 16 * 20; w++) if (c.isCopyWindow(3, w, 16)) early++;
        for (long w = 16 * 200; w < 16 * 220; w++) if (c.isCopyWindow(3, w, 16)) late++;
        assertTrue(early > 120 && early < 200, "early copy windows " + early + " of 320");
        assertTrue(late > 10 && late < 60, "late copy windows " + late + " of 320");
        assertThrows(IllegalArgumentException.class, () -> new CopyCurriculum(1.5, 0, 0, 0, 8, 8, 8, 32));
        assertThrows(IllegalArgumentException.class, () -> new CopyCurriculum(0.5, 0, 0, 0, 8, 8, 9, 8));
    }

    @Test
    void frequentTokensAreRankedByCountWithoutTheExcludedId() {
        int[] stream = {4, 4, 4, 1, 1, 0, 0, 0, 0, 6, 2, 2, 2};
        assertArrayEquals(new int[] {2, 4, 1}, CopyCurriculum.frequentTokens(stream, 8, 3, 0));
        assertArrayEquals(new int[] {0, 2, 4, 1, 6}, CopyCurriculum.frequentTokens(stream, 8, 100, -1));
    }

    @Test
    void tokenWindowsInterleaveCopyWindowsWithoutSkippingTheCorpusAndResumeExactly() {
        int[] stream = new int[2000];
        for (int i = 0; i < stream.length; i++) stream[i] = 100 + i % 500;
        CopyCurriculum c = new CopyCurriculum(0.5, 0.5, 0, 0, 8, 8, 8, 16);
        TokenWindows w = TokenWindows.circular(stream, 32, 0, c, VOCAB, 4, 9);
        Batch first = w.next(40);
        int corpus = 0;
        int expectedStart = 100;
        for (int r = 0; r < 40; r++) {
            int id = first.inputIds()[r * 32];
            if (id >= 100) {
                // corpus windows continue where the last corpus window stopped
                assertEquals(expectedStart, id, "corpus window " + corpus);
                assertEquals(first.inputIds()[r * 32 + 1], first.targets()[r * 32]);
                expectedStart = 100 + (expectedStart - 100 + 32) % 500;
                corpus++;
            } else {
                for (int i = 0; i < 32; i++) assertTrue(first.inputIds()[r * 32 + i] < 100, "copy window holds a corpus token");
            }
        }
        assertTrue(corpus > 10 && corpus < 30, corpus + " corpus windows of 40");
        assertEquals(40 - corpus, w.copyWindows());

        Map<String, Object> state = w.state();
        Batch next = w.next(8);
        TokenWindows resumed = TokenWindows.circular(stream, 32, 0, c, VOCAB, 4, 9);
        resumed.restore(state);
        assertEquals(next, resumed.next(8));
    }
}
