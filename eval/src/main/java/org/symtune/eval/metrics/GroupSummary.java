package org.symtune.eval.metrics;

/**
 * The summary statistic of a group of tasks: a whole (suite, setting), or one category within it.
 *
 * @param category {@code null} for a whole setting
 * @param tasks number of tasks averaged
 * @param items number of items over those tasks
 * @param mean unweighted mean over tasks of exact-match accuracy, in [0, 1]
 * @param ci percentile-bootstrap interval for {@code mean}
 * @param chance mean over tasks of the chance level
 * @param rankMean mean over tasks of rank-classification accuracy, {@code null} unless every task has it
 * @param labelShare mean over tasks of the share of answers that are one of the prompt's labels (the format
 *     followed, right or wrong), {@code null} unless every task has label sets
 */
public record GroupSummary(String suite, String setting, String category, int tasks, int items,
                           double mean, Interval ci, double chance, Double rankMean, Double labelShare) {

    /** A summary without label shares. */
    public GroupSummary(String suite, String setting, String category, int tasks, int items, double mean, Interval ci, double chance,
                        Double rankMean) {
        this(suite, setting, category, tasks, items, mean, ci, chance, rankMean, null);
    }
}
