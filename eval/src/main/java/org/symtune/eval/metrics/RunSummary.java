package org.symtune.eval.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statistics of one run: accuracy per task, the unweighted mean over tasks per (suite, setting)
 * and per category, each mean with its bootstrap interval, and chance levels.
 *
 * @param tasks per-task accuracies, ordered by suite, setting and task ({@link Ordering})
 * @param settings one summary per (suite, setting)
 * @param categories one summary per (suite, setting, category) for settings whose tasks carry categories
 */
public record RunSummary(String model, Map<String, Object> provenance, BootstrapConfig config,
                         List<TaskAccuracy> tasks, List<GroupSummary> settings, List<GroupSummary> categories) {

    public RunSummary {
        tasks = List.copyOf(tasks);
        settings = List.copyOf(settings);
        categories = List.copyOf(categories);
    }

    /** Computes the summary of {@code run} with the bootstrap settings {@code cfg}. */
    public static RunSummary of(RunResults run, BootstrapConfig cfg) {
        Objects.requireNonNull(cfg, "bootstrap config");
        List<TaskAccuracy> tasks = new ArrayList<>();
        List<GroupSummary> settings = new ArrayList<>();
        List<GroupSummary> categories = new ArrayList<>();
        for (Map.Entry<GroupKey, Map<String, List<ItemResult>>> group : run.bySettingAndTask().entrySet()) {
            GroupKey key = group.getKey();
            List<TaskAccuracy> groupTasks = new ArrayList<>();
            List<boolean[]> outcomes = new ArrayList<>();
            Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
            for (Map.Entry<String, List<ItemResult>> task : group.getValue().entrySet()) {
                TaskAccuracy acc = accuracy(key, task.getKey(), task.getValue());
                if (acc.category() != null) byCategory.computeIfAbsent(acc.category(), c -> new ArrayList<>()).add(groupTasks.size());
                groupTasks.add(acc);
                outcomes.add(outcomes(task.getValue()));
            }
            tasks.addAll(groupTasks);
            settings.add(summarise(key, groupTasks, outcomes, cfg));
            byCategory.keySet().stream().sorted(Ordering.CATEGORIES).forEach(c -> {
                List<TaskAccuracy> ct = new ArrayList<>();
                List<boolean[]> co = new ArrayList<>();
                for (int i : byCategory.get(c)) {
                    ct.add(groupTasks.get(i));
                    co.add(outcomes.get(i));
                }
                categories.add(summarise(new GroupKey(key.suite(), key.setting(), c), ct, co, cfg));
            });
        }
        return new RunSummary(run.model(), run.provenance(), cfg, tasks, settings, categories);
    }

    /** The summary of one (suite, setting), if the run has it. */
    public Optional<GroupSummary> setting(String suite, String setting) {
        return settings.stream().filter(s -> s.suite().equals(suite) && s.setting().equals(setting)).findFirst();
    }

    /** The settings of one suite, in {@link Ordering#SETTINGS} order. */
    public List<GroupSummary> settingsOf(String suite) {
        return settings.stream().filter(s -> s.suite().equals(suite)).toList();
    }

    /** The category summaries of one (suite, setting), in {@link Ordering#CATEGORIES} order. */
    public List<GroupSummary> categoriesOf(String suite, String setting) {
        return categories.stream().filter(s -> s.suite().equals(suite) && s.setting().equals(setting)).toList();
    }

    /** The per-task accuracies of one (suite, setting). */
    public List<TaskAccuracy> tasksOf(String suite, String setting) {
        return tasks.stream().filter(t -> t.suite().equals(suite) && t.setting().equals(setting)).toList();
    }

    private static TaskAccuracy accuracy(GroupKey key, String task, List<ItemResult> items) {
        int correct = 0, rank = 0, inSet = 0;
        boolean allRanked = true, allLabelled = true;
        for (ItemResult it : items) {
            if (it.correct()) correct++;
            if (it.rankCorrect() == null) allRanked = false;
            else if (it.rankCorrect()) rank++;
            if (it.inLabelSet() == null) allLabelled = false;
            else if (it.inLabelSet()) inSet++;
        }
        ItemResult first = items.get(0);
        return new TaskAccuracy(key.suite(), key.setting(), task, first.category(), items.size(), correct,
                allRanked ? rank : null, first.chance(), allLabelled ? inSet : null);
    }

    private static boolean[] outcomes(List<ItemResult> items) {
        boolean[] o = new boolean[items.size()];
        for (int i = 0; i < o.length; i++) o[i] = items.get(i).correct();
        return o;
    }

    private static GroupSummary summarise(GroupKey key, List<TaskAccuracy> tasks, List<boolean[]> outcomes, BootstrapConfig cfg) {
        int items = 0;
        double chance = 0, rank = 0, labelled = 0;
        boolean allRanked = true, allLabelled = true;
        for (TaskAccuracy t : tasks) {
            items += t.items();
            chance += t.chance();
            if (t.rankCorrect() == null) allRanked = false;
            else rank += t.rankAccuracy();
            if (t.inLabelSet() == null) allLabelled = false;
            else labelled += t.labelShare();
        }
        int n = tasks.size();
        return new GroupSummary(key.suite(), key.setting(), key.category(), n, items, Bootstrap.meanOverTasks(outcomes),
                Bootstrap.meanOverTasksInterval(outcomes, cfg, key.streamName()), chance / n, allRanked ? rank / n : null,
                allLabelled ? labelled / n : null);
    }
}
