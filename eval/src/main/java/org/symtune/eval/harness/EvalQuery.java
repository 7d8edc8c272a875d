package org.symtune.eval.harness;

import java.util.Objects;
import org.symtune.eval.metrics.ItemResult;

/**
 * One question put to a model: where its result goes (suite, setting, task, item id, category, chance
 * level), the generation that answers it, the expected answer, and optionally a rank classification.
 *
 * @param category the task's category, or {@code null}
 * @param generation the prompt and answer budget for greedy generation
 * @param ranking the candidates for rank classification, or {@code null} when the suite has none
 * @param expected the expected answer (compared after stripping whitespace)
 * @param expectedIndex the position of the expected answer among the ranking's candidates (ignored
 *     without a ranking)
 */
public record EvalQuery(String suite, String setting, String task, String itemId, String category, double chance,
                        GenerationRequest generation, RankRequest ranking, String expected, int expectedIndex) {
    public EvalQuery {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(expected, "expected");
        if (ranking != null && (expectedIndex < 0 || expectedIndex >= ranking.candidates().size()
                || !ranking.candidates().get(expectedIndex).equals(expected))) {
            throw new IllegalArgumentException(suite + "/" + setting + "/" + task + "/" + itemId + ": expected answer '" + expected
                    + "' is not candidate " + expectedIndex + " of " + ranking.candidates());
        }
    }

    /** Exact match: the answer and the expected string are equal once surrounding whitespace is removed. */
    public static boolean matches(String expected, String answer) {
        return answer.strip().equals(expected.strip());
    }

    /** The result of this query given the model's answer and, where ranked, the index of its best candidate. */
    public ItemResult result(String answer, Integer bestCandidate) {
        String prediction = answer.strip();
        Boolean rankCorrect = ranking == null ? null : bestCandidate == expectedIndex;
        Boolean inLabelSet = ranking == null ? null : ranking.candidates().stream().anyMatch(c -> matches(c, prediction));
        return new ItemResult(suite, setting, task, itemId, category, prediction, expected, matches(expected, prediction), rankCorrect, chance,
                inLabelSet);
    }
}
