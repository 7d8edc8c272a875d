package org.symtune.tuning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.symtune.tuning.data.europarl.Europarl;
import org.symtune.tuning.data.suite.BuiltInSuite;
import org.symtune.tuning.task.Example;
import org.symtune.tuning.task.Role;
import org.symtune.tuning.task.Split;
import org.symtune.tuning.task.Task;

/**
 * No text an evaluation task is built from enters pretraining: the built-in pretraining corpus (Europarl, every
 * language) holds none of the evaluation tasks' inputs. An input counts as contained when every run of eight
 * words in it occurs in the corpus (shorter inputs: when the corpus text contains it outright).
 */
class PretrainingContaminationTest {
    private static final int N = 8;

    @Test
    void noEvaluationInputOccursInThePretrainingCorpus() throws Exception {
        List<String> docs = Corpus.europarl(false).documents();
        Set<String> grams = new HashSet<>();
        StringBuilder all = new StringBuilder();
        for (String d : docs) {
            List<String> w = words(d);
            for (int i = 0; i + N <= w.size(); i++) grams.add(String.join(" ", w.subList(i, i + N)));
            all.append(String.join(" ", w)).append('\n');
        }
        String corpus = all.toString();
        List<String> contained = new ArrayList<>();
        int checked = 0;
        for (Task t : BuiltInSuite.registry().tasks(Role.EVALUATION)) {
            for (Split s : Split.values()) {
                for (Example e : t.examples(s)) {
                    for (String field : e.fields()) {
                        List<String> w = words(field);
                        if (w.size() < 3) continue; // a word or two (a name, a label) says nothing about shared text
                        checked++;
                        if (contained(w, grams, corpus)) contained.add(t.name() + ": " + field);
                    }
                }
            }
        }
        assertTrue(checked > 1000, "only " + checked + " evaluation inputs were checked");
        assertEquals(List.of(), contained.subList(0, Math.min(10, contained.size())),
                contained.size() + " evaluation inputs occur in the pretraining corpus");
    }

    @Test
    void europarlDocumentsAreSplitBetweenEvaluationAndPretraining() throws Exception {
        int reserved = 0, total = 0;
        for (Europarl.Document d : Europarl.documents()) {
            total++;
            if (d.reservedForEvaluation()) reserved++;
        }
        double share = reserved / (double) total;
        assertTrue(share > 0.4 && share < 0.6, "share reserved for evaluation " + share);
        int pretraining = Corpus.europarl(false).documents().size();
        assertEquals(total - reserved, pretraining, "pretraining reads exactly the documents not reserved");
    }

    private static boolean contained(List<String> w, Set<String> grams, String corpus) {
        if (w.size() < N) return corpus.contains(String.join(" ", w));
        for (int i = 0; i + N <= w.size(); i++) if (!grams.contains(String.join(" ", w.subList(i, i + N)))) return false;
        return true;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }
}
