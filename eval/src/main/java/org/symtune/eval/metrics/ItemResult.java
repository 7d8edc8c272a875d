package org.symtune.eval.metrics;

import java.util.Objects;

/**
 * The outcome of one evaluation query.
 *
 * @param suite the suite, one of {@link Suites} or another name
 * @param setting the condition within the suite ({@link IclSetting#id()}, {@link FlipSetting#id()}, or
 *     a free name such as {@code "4-shot"})
 * @param task the task (dataset, list-function concept, Turing concept)
 * @param itemId identifies the query within the task; the same id must denote the same query in every
 *     run that is compared with this one
 * @param category an optional grouping of tasks for reports ({@code listfn.Category#label()} for list
 *     functions, {@link Suites#programLength} for Turing concepts), {@code null} when there is none
 * @param prediction the model's answer after whitespace stripping (may be empty)
 * @param expected the label string the answer is compared with (may be empty)
 * @param correct exact match of prediction and expected
 * @param rankCorrect rank classification over the prompt's label set, {@code null} where not scored
 * @param chance the accuracy of random guessing on this task, in [0, 1]: 1/|label set| for
 *     classification, 1/2 for the binary flipped-label tasks, 0 for generation tasks
 * @param inLabelSet whether the answer is one of the prompt's labels (the format was followed, whether or not
 *     the label is right), {@code null} where the query has no label set
 */
public record ItemResult(String suite, String setting, String task, String itemId, String category,
                         String prediction, String expected, boolean correct, Boolean rankCorrect, double chance,
                         Boolean inLabelSet) {

    public ItemResult {
        requireName(suite, "suite");
        requireName(setting, "setting");
        requireName(task, "task");
        requireName(itemId, "item id");
        if (category != null && category.isBlank()) {
            throw new IllegalArgumentException("category of item " + itemId + " is blank; use null for none");
        }
        Objects.requireNonNull(prediction, "prediction of item " + itemId);
        Objects.requireNonNull(expected, "expected of item " + itemId);
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException("chance level of task " + task + " must be in [0, 1], got " + chance);
        }
    }

    /** An item without a label set (see the canonical constructor). */
    public ItemResult(String suite, String setting, String task, String itemId, String category,
                      String prediction, String expected, boolean correct, Boolean rankCorrect, double chance) {
        this(suite, setting, task, itemId, category, prediction, expected, correct, rankCorrect, chance, null);
    }

    /** An item scored by exact match only, with no category and no rank classification. */
    public static ItemResult of(String suite, String setting, String task, String itemId,
                                String prediction, String expected, double chance) {
        return new ItemResult(suite, setting, task, itemId, null, prediction, expected,
                prediction.equals(expected), null, chance);
    }

    /** The key that identifies this query across runs. */
    public ItemKey key() {
        return new ItemKey(suite, setting, task, itemId);
    }

    private static void requireName(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must be a non-blank string, got " + s);
    }

    /** Identifies one query across runs: suite, setting, task and item id. */
    public record ItemKey(String suite, String setting, String task, String itemId) {
        @Override
        public String toString() {
            return suite + "/" + setting + "/" + task + "/" + itemId;
        }
    }
}
