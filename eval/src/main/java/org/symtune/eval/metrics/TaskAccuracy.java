package org.symtune.eval.metrics;

/**
 * Exact-match accuracy of one task in one setting.
 *
 * @param category the task's category, {@code null} when it has none
 * @param rankCorrect items right by rank classification, {@code null} unless every item was scored so
 * @param chance the task's chance level in [0, 1]
 * @param inLabelSet items answered with one of the prompt's labels, {@code null} unless every item has a label set
 */
public record TaskAccuracy(String suite, String setting, String task, String category,
                           int items, int correct, Integer rankCorrect, double chance, Integer inLabelSet) {

    public TaskAccuracy {
        if (items < 1) throw new IllegalArgumentException("task " + task + " needs at least one item, got " + items);
        if (correct < 0 || correct > items) {
            throw new IllegalArgumentException("task " + task + ": correct count " + correct + " outside 0.." + items);
        }
        if (rankCorrect != null && (rankCorrect < 0 || rankCorrect > items)) {
            throw new IllegalArgumentException("task " + task + ": rank-correct count " + rankCorrect + " outside 0.." + items);
        }
        if (inLabelSet != null && (inLabelSet < 0 || inLabelSet > items)) {
            throw new IllegalArgumentException("task " + task + ": in-label-set count " + inLabelSet + " outside 0.." + items);
        }
    }

    /** A task without label sets. */
    public TaskAccuracy(String suite, String setting, String task, String category, int items, int correct, Integer rankCorrect,
                        double chance) {
        this(suite, setting, task, category, items, correct, rankCorrect, chance, null);
    }

    /** Share of answers that are one of the prompt's labels, or {@code null} where there are no label sets. */
    public Double labelShare() {
        return inLabelSet == null ? null : inLabelSet / (double) items;
    }

    public double accuracy() {
        return correct / (double) items;
    }

    /** Rank-classification accuracy, or {@code null} where not scored. */
    public Double rankAccuracy() {
        return rankCorrect == null ? null : rankCorrect / (double) items;
    }
}
