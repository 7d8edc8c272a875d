package org.symtune.eval.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefix-matching score of every attention head (Olsson et al. 2022): on a random sequence shown twice, the
 * mean attention that a token of the second copy pays to the token that followed its earlier occurrence. An
 * induction head scores near 1; a head that attends anywhere else scores near 0 (uniform attention over a context
 * of t tokens gives about 1/t).
 *
 * @param score {@code [layer][head]}, averaged over the second copy's tokens and the probe's sequences
 * @param sequences how many sequences it was averaged over
 */
public record PrefixMatching(double[][] score, int sequences) {

    /** The best head's score. */
    public double max() {
        double best = 0;
        for (double[] layer : score) for (double v : layer) best = Math.max(best, v);
        return best;
    }

    /** The layer and head of the best score, as {@code "L.H"}. */
    public String argmax() {
        int bl = 0, bh = 0;
        for (int l = 0; l < score.length; l++) {
            for (int h = 0; h < score[l].length; h++) {
                if (score[l][h] > score[bl][bh]) {
                    bl = l;
                    bh = h;
                }
            }
        }
        return bl + "." + bh;
    }

    /** JSON-ready fields: the best score, where it is, and every head's score by layer. */
    public Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("prefix_matching", max());
        o.put("prefix_matching_head", argmax());
        List<Object> layers = new ArrayList<>();
        for (double[] layer : score) {
            List<Object> heads = new ArrayList<>();
            for (double v : layer) heads.add(v);
            layers.add(heads);
        }
        o.put("prefix_matching_per_head", layers);
        return o;
    }
}
