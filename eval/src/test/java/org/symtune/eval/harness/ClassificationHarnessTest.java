package org.symtune.eval.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.FlipSetting;
import org.symtune.eval.metrics.IclSetting;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.PairedComparison;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.Suites;
import org.symtune.tuning.task.Example;
import org.symtune.tuning.task.Task;

/**
 * The classification suites validated with scripted models: every item's answer and score is predicted
 * here from the planned items (exemplars, classes, flip order, symbols), without the prompt text, and
 * compared with what the harness recorded from the models' answers to the text.
 */
class ClassificationHarnessTest {
    private static final List<Task> TASKS = SyntheticTasks.suite();
    private static final IclOptions OPTIONS = IclOptions.DEFAULT.withQueriesPerTask(40);
    private static final EvalHarness.Config CONFIG = EvalHarness.Config.DEFAULT.withSuites(List.of(Suites.ICL, Suites.FLIPPED)).withIcl(OPTIONS);

    static EvalHarness.Inputs inputs(List<Task> tasks) {
        return new EvalHarness.Inputs(() -> tasks, SyntheticTasks::symbolPool, () -> {
            throw new AssertionError("list functions are not asked for");
        });
    }

    static RunResults run(EvalHarness.Config config, ModelUnderTest model) {
        return new EvalHarness(config).run(model, inputs(TASKS), Map.of("test", "classification"), Progress.NONE);
    }

    /** The planned items by task and item id, planned afresh here. */
    static Map<String, IclItem> items(IclOptions options, ModelUnderTest model) {
        IclPlanner planner = new IclPlanner(options, SyntheticTasks.symbolPool());
        Map<String, IclItem> out = new HashMap<>();
        for (Task t : TASKS) for (IclItem item : planner.plan(t, model).items()) out.put(t.name() + "/" + item.itemId(), item);
        return out;
    }

    static Map<String, PromptCondition> conditions() {
        List<PromptCondition> all = new ArrayList<>(IclConditions.icl());
        all.addAll(IclConditions.flipped(OPTIONS.flipPercents()));
        return all.stream().collect(Collectors.toMap(PromptCondition::setting, Function.identity()));
    }

    /** What the labels of an item are under a condition, worked out from the item's fields. */
    record Expectation(List<String> shown, String expected, List<String> candidates) {
        static Expectation of(IclItem item, PromptCondition c) {
            List<String> names = c.symbols() ? item.symbols() : item.task().labelNames();
            int flips = (int) Math.round(c.exemplarFlipPercent() / 100.0 * item.exemplars().size());
            List<Integer> flipped = item.flipOrder().subList(0, flips);
            List<String> shown = new ArrayList<>();
            for (int j = 0; j < item.exemplars().size(); j++) {
                int y = item.exemplars().get(j).label();
                shown.add(names.get(flipped.contains(j) ? 1 - y : y));
            }
            int q = item.query().label();
            List<String> candidates = c.queryFlipped() ? List.of(names.get(1), names.get(0)) : names;
            return new Expectation(shown, candidates.get(q), candidates);
        }
    }

    private static Map<String, Double> accuracyBySetting(RunResults run, boolean rank) {
        Map<String, List<ItemResult>> by = new LinkedHashMap<>();
        for (ItemResult r : run.items()) by.computeIfAbsent(r.suite() + " " + r.setting(), k -> new ArrayList<>()).add(r);
        Map<String, Double> out = new LinkedHashMap<>();
        by.forEach((k, v) -> out.put(k, v.stream().filter(r -> rank ? r.rankCorrect() : r.correct()).count() / (double) v.size()));
        return out;
    }

    private static void print(String model, RunResults run) {
        Map<String, Double> em = accuracyBySetting(run, false);
        Map<String, Double> rc = accuracyBySetting(run, true);
        System.out.println(model + ": exact match / rank classification per setting");
        em.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-48s %5.1f  %5.1f%n", k, 100 * v, 100 * rc.get(k)));
    }

    private static ItemResult result(RunResults run, String suite, String setting, String task, String id) {
        for (ItemResult r : run.items()) {
            if (r.suite().equals(suite) && r.setting().equals(setting) && r.task().equals(task) && r.itemId().equals(id)) return r;
        }
        throw new AssertionError("no result " + suite + "/" + setting + "/" + task + "/" + id);
    }

    @Test
    void nearestExemplarModelScoresAsPredictedInEverySetting() {
        NearestExemplarModel model = new NearestExemplarModel("nearest");
        RunResults run = run(CONFIG, model);
        Map<String, IclItem> items = items(OPTIONS, model);
        Map<String, PromptCondition> conditions = conditions();
        int binaryItems = 0;
        for (Task t : TASKS) if (t.isBinary()) binaryItems += 40;
        assertEquals(4 * TASKS.size() * 40 + (conditions.size() - 4) * binaryItems, run.items().size());
        for (ItemResult r : run.items()) {
            IclItem item = items.get(r.task() + "/" + r.itemId());
            Expectation e = Expectation.of(item, conditions.get(r.setting()));
            List<String> inputs = item.exemplars().stream().map(Example::text).toList();
            String predicted = e.shown().get(Overlap.nearest(item.query().text(), inputs));
            String where = r.key().toString();
            assertEquals(e.expected(), r.expected(), where);
            assertEquals(predicted, r.prediction(), where);
            assertEquals(predicted.equals(e.expected()), r.correct(), where);
            assertEquals(predicted.equals(e.expected()), r.rankCorrect(), where);
            assertEquals(1.0 / item.task().numClasses(), r.chance(), where);
        }
        // The labels do not matter to a model that copies the nearest exemplar's label: the four ICL
        // settings and the full flips agree item by item, and flipping exemplars only costs accuracy.
        for (ItemResult r : run.items()) {
            ItemResult natural = result(run, Suites.ICL, IclSetting.INSTRUCTIONS_NATURAL.id(), r.task(), r.itemId());
            FlipSetting f = FlipSetting.parse(r.setting());
            if (f == null || f.queryFlipped() || f.exemplarPercent() == 0) assertEquals(natural.correct(), r.correct(), r.key().toString());
        }
        Map<String, Double> acc = accuracyBySetting(run, false);
        double natural = acc.get("icl " + IclSetting.INSTRUCTIONS_NATURAL.id());
        assertTrue(natural > 0.6 && natural < 0.95, "the tasks are learnable but not trivially: " + natural);
        assertTrue(acc.get("flipped " + FlipSetting.exemplarsOnly(100, false).id()) < 0.3, acc.toString());
        print("nearest-exemplar model", run);
    }

    @Test
    void priorModelScoresChanceOnSymbolsAndNearZeroUnderFullFlips() {
        IclOptions all = OPTIONS.withQueriesPerTask(1000);
        EvalHarness.Config config = CONFIG.withIcl(all);
        Map<String, String> beliefs = SyntheticTasks.beliefs(TASKS);
        RunResults run = run(config, new PriorModel(beliefs));
        Map<String, IclItem> items = items(all, new PriorModel(beliefs));
        Map<String, PromptCondition> conditions = conditions();
        double chanceSum = 0;
        int symbolItems = 0, symbolRankCorrect = 0;
        for (ItemResult r : run.items()) {
            IclItem item = items.get(r.task() + "/" + r.itemId());
            PromptCondition c = conditions.get(r.setting());
            Expectation e = Expectation.of(item, c);
            String belief = beliefs.get(item.query().text());
            int best = e.candidates().indexOf(belief);
            if (best < 0) {
                best = 0;
                for (int i = 1; i < e.candidates().size(); i++) {
                    if (PriorModel.arbitraryScore(e.candidates().get(i)) > PriorModel.arbitraryScore(e.candidates().get(best))) best = i;
                }
            }
            String where = r.key().toString();
            assertEquals(belief, r.prediction(), where);
            assertEquals(belief.equals(e.expected()), r.correct(), where);
            // its natural-label belief is one of the prompt's labels exactly when the prompt's labels are natural ones
            assertEquals(e.candidates().contains(belief), r.inLabelSet(), where);
            if (c.symbols()) assertFalse(r.inLabelSet(), where);
            assertEquals(e.candidates().get(best).equals(e.expected()), r.rankCorrect(), where);
            if (c.symbols()) {
                assertFalse(r.correct(), "a natural label never equals a symbol: " + where);
                symbolItems++;
                if (r.rankCorrect()) symbolRankCorrect++;
                chanceSum += r.chance();
            }
        }
        // Chance on symbols: rank accuracy within four standard errors of the mean chance level.
        double chance = chanceSum / symbolItems;
        double rankAccuracy = symbolRankCorrect / (double) symbolItems;
        double se = Math.sqrt(chance * (1 - chance) / (symbolItems / 2.0)); // the two symbol settings repeat each item
        assertTrue(Math.abs(rankAccuracy - chance) < 4 * se, "rank accuracy on symbols " + rankAccuracy + " vs chance " + chance);

        Map<String, Double> exact = accuracyBySetting(run, false);
        Map<String, Double> rank = accuracyBySetting(run, true);
        for (boolean instructions : new boolean[] {true, false}) {
            String full = "flipped " + FlipSetting.full(instructions).id();
            assertTrue(exact.get(full) < 0.15 && rank.get(full) < 0.15, "near 0% under full flips: " + exact.get(full));
            String naturalSetting = (instructions ? IclSetting.INSTRUCTIONS_NATURAL : IclSetting.NO_INSTRUCTIONS_NATURAL).id();
            List<ItemResult> binaryNatural = run.items().stream()
                    .filter(r -> r.setting().equals(naturalSetting) && !r.task().equals("colour")).toList();
            double natural = binaryNatural.stream().filter(ItemResult::correct).count() / (double) binaryNatural.size();
            assertTrue(natural > 0.85, "natural labels: " + natural);
            for (int p : all.flipPercents()) {
                assertEquals(natural, exact.get("flipped " + FlipSetting.exemplarsOnly(p, instructions).id()), 1e-12,
                        "a model that ignores the context ignores flipped exemplars");
            }
        }
        print("prior model", run);
    }

    @Test
    void itemsArePairedAcrossSettingsAndModels() {
        RunResults a = run(CONFIG, new NearestExemplarModel("a"));
        RunResults b = run(CONFIG, new PriorModel(SyntheticTasks.beliefs(TASKS)));
        Map<ItemResult.ItemKey, String> expectedA = a.items().stream().collect(Collectors.toMap(ItemResult::key, ItemResult::expected));
        Map<ItemResult.ItemKey, String> expectedB = b.items().stream().collect(Collectors.toMap(ItemResult::key, ItemResult::expected));
        assertEquals(expectedA, expectedB, "the same items with the same expected answers for both models");
        PairedComparison.of(a, b, BootstrapConfig.DEFAULT.withResamples(50));

        // Within a run every setting of a task asks the same item ids.
        Map<String, List<String>> idsBySetting = new HashMap<>();
        for (ItemResult r : a.items()) idsBySetting.computeIfAbsent(r.suite() + "|" + r.setting() + "|" + r.task(), k -> new ArrayList<>()).add(r.itemId());
        for (Task t : TASKS) {
            List<String> reference = idsBySetting.get(Suites.ICL + "|" + IclSetting.INSTRUCTIONS_NATURAL.id() + "|" + t.name());
            idsBySetting.forEach((k, v) -> {
                if (k.endsWith("|" + t.name())) assertEquals(reference, v, k);
            });
        }
        // And every setting shows the same exemplars in the same order; only the labels change.
        for (IclItem item : items(OPTIONS, new NearestExemplarModel("a")).values()) {
            List<PromptCondition> cs = new ArrayList<>(IclConditions.icl());
            if (item.task().isBinary()) cs.addAll(IclConditions.flipped(OPTIONS.flipPercents()));
            for (PromptCondition c : cs) {
                IclPrompt p = item.prompt(c);
                assertEquals(item.exemplars(), p.exemplars().stream().map(s -> s.example()).toList());
                assertTrue(p.text().endsWith(item.template().renderQuery(item.query().text())));
                assertEquals(c.instruction(), p.text().startsWith(item.task().instruction()));
            }
        }
    }

    @Test
    void fewerQueriesAskASubsetOfTheSameItems() {
        IclPlanner small = new IclPlanner(OPTIONS.withQueriesPerTask(10), SyntheticTasks.symbolPool());
        IclPlanner large = new IclPlanner(OPTIONS, SyntheticTasks.symbolPool());
        NearestExemplarModel model = new NearestExemplarModel("m");
        for (Task t : TASKS) {
            List<IclItem> few = small.plan(t, model).items();
            Map<Integer, IclItem> many = large.plan(t, model).items().stream().collect(Collectors.toMap(IclItem::queryIndex, Function.identity()));
            assertEquals(10, few.size());
            for (IclItem i : few) assertEquals(many.get(i.queryIndex()), i);
        }
    }

    @Test
    void runsAreDeterminedByTheSeed() {
        NearestExemplarModel model = new NearestExemplarModel("m");
        RunResults first = run(CONFIG, model);
        RunResults second = run(CONFIG, model);
        assertEquals(first.items(), second.items());
        assertEquals(first.provenance(), second.provenance());
        RunResults other = run(CONFIG.withIcl(OPTIONS.withSeed(OPTIONS.seed() + 1)), model);
        assertNotEquals(first.items().stream().map(r -> r.key().toString()).sorted().toList(),
                other.items().stream().map(r -> r.key().toString()).sorted().toList(), "another seed asks other queries");
        Map<String, IclItem> a = items(OPTIONS, model);
        Map<String, IclItem> b = items(OPTIONS.withSeed(OPTIONS.seed() + 1), model);
        long sameExemplars = a.keySet().stream().filter(b::containsKey).filter(k -> a.get(k).exemplars().equals(b.get(k).exemplars())).count();
        assertEquals(0, sameExemplars, "another seed draws other exemplars for the queries both ask");
    }
}
