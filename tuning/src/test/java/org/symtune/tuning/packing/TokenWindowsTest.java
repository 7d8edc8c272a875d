package org.symtune.tuning.packing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.model.Batch;

class TokenWindowsTest {

    @Test
    void documentsAreJoinedWithEos() {
        assertArrayEquals(new int[] {4, 5, 0, 6, 0, 0}, TokenWindows.concatenate(List.of(new int[] {4, 5}, new int[] {6}, new int[0]), 0));
    }

    @Test
    void windowsAreConsecutiveWithShiftedTargetsAndWrapAround() {
        int[] stream = {10, 11, 12, 13, 14, 15, 16};
        TokenWindows w = TokenWindows.circular(stream, 3);
        Batch b = w.next(2);
        assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15}, b.inputIds());
        assertArrayEquals(new int[] {11, 12, 13, 14, 15, 16}, b.targets());
        assertNull(b.weights());
        assertNull(b.segments());
        assertEquals(6, b.lossTokens());
        Batch wrapped = w.next(1);
        assertArrayEquals(new int[] {16, 10, 11}, wrapped.inputIds());
        assertArrayEquals(new int[] {10, 11, 12}, wrapped.targets());
        assertEquals(1.0, w.stats().efficiency());
        assertEquals(3, w.stats().sequences());
    }

    @Test
    void restoringTheStateContinuesWithTheSameWindows() {
        int[] stream = new int[101];
        for (int i = 0; i < stream.length; i++) stream[i] = (i * 7) % 13;
        TokenWindows a = TokenWindows.circular(stream, 8);
        a.next(5);
        Map<String, Object> state = a.state();
        TokenWindows b = TokenWindows.circular(stream, 8);
        b.restore(state);
        for (int i = 0; i < 6; i++) assertEquals(a.next(3), b.next(3));
        assertEquals(a.stats().toJson(), b.stats().toJson());
    }

    @Test
    void heldOutBatchesDoNotWrapAndEndWithWhatIsLeft() {
        int[] stream = new int[50];
        for (int i = 0; i < stream.length; i++) stream[i] = i;
        List<Batch> held = TokenWindows.heldOut(stream, 8, 2, 10);
        assertEquals(3, held.size()); // (50 - 1) / 8 = 6 windows = 3 batches of 2
        assertEquals(32, held.get(2).inputIds()[0]);
        assertEquals(40, held.get(2).inputIds()[8]);
        assertEquals(48, held.get(2).targets()[15]);
        List<Batch> short_ = TokenWindows.heldOut(stream, 30, 2, 5);
        assertEquals(1, short_.size());
        assertEquals(1, short_.get(0).batch(), "one window of 30 fits in 50 tokens; the batch has one row");
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.circular(new int[4], 4));
    }

    @Test
    void repeatedWindowsRepeatTheirStartFromAVaryingOffsetAndStayNextTokenBatches() {
        int[] stream = new int[100_000];
        for (int i = 0; i < stream.length; i++) stream[i] = i;
        for (int seqLen : new int[] {16, 17, 64}) {
            int rows = 200;
            Batch b = TokenWindows.circular(stream, seqLen, 1.0, 3).next(rows);
            java.util.Set<Integer> offsets = new java.util.TreeSet<>();
            for (int r = 0; r < rows; r++) {
                int start = r * seqLen;
                int[] z = new int[seqLen + 1];
                for (int i = 0; i < seqLen; i++) z[i] = b.inputIds()[r * seqLen + i];
                z[seqLen] = b.targets()[r * seqLen + seqLen - 1];
                for (int i = 0; i < seqLen; i++) assertEquals(z[i + 1], b.targets()[r * seqLen + i], "each target is the row's next token");
                int c = 1;
                while (z[c] == start + c) c++;
                for (int i = 0; i <= seqLen; i++) assertEquals(start + (i < c ? i : i - c), z[i], "seqLen " + seqLen + " row " + r);
                assertTrue(c >= Math.max(1, seqLen / 8) && c <= seqLen / 2, "offset " + c + " for seqLen " + seqLen);
                offsets.add(c);
            }
            assertEquals(seqLen / 2 - Math.max(1, seqLen / 8) + 1, offsets.size(), "every offset in range occurs: " + offsets);
        }
    }

    @Test
    void theShareOfRepeatedWindowsFollowsTheFractionAndSurvivesAResume() {
        int[] stream = new int[5000];
        for (int i = 0; i < stream.length; i++) stream[i] = i;
        TokenWindows plain = TokenWindows.circular(stream, 6);
        TokenWindows none = TokenWindows.circular(stream, 6, 0.0, 9);
        for (int i = 0; i < 20; i++) assertEquals(plain.next(5), none.next(5), "a fraction of 0 is the plain source");

        TokenWindows half = TokenWindows.circular(stream, 6, 0.5, 9);
        int repeated = 0;
        for (int w = 0; w < 2000; w++) {
            Batch b = half.next(1);
            if (b.inputIds()[5] != b.inputIds()[0] + 5) repeated++;
        }
        assertTrue(repeated > 900 && repeated < 1100, repeated + " of 2000 windows repeated at a fraction of 0.5");

        TokenWindows a = TokenWindows.circular(stream, 6, 0.5, 9);
        a.next(7);
        TokenWindows resumed = TokenWindows.circular(stream, 6, 0.5, 9);
        resumed.restore(a.state());
        for (int i = 0; i < 10; i++) assertEquals(a.next(3), resumed.next(3));
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.circular(stream, 6, 1.5, 0));
    }
}
