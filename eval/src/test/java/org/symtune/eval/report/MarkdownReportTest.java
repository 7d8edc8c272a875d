package org.symtune.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.IclSetting;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.PairedComparison;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.RunSummary;

class MarkdownReportTest {

    /**
     * Two runs in which every task's items are all right or all wrong, so every bootstrap replicate
     * equals the estimate and the intervals are known by hand.
     */
    static RunResults run(String model, Map<String, Object> provenance, boolean tuned) {
        List<ItemResult> items = new ArrayList<>();
        String natural = IclSetting.INSTRUCTIONS_NATURAL.id(), symbols = IclSetting.NO_INSTRUCTIONS_SYMBOLS.id();
        for (int i = 0; i < 2; i++) {
            items.add(item("icl", natural, "sst2", i, null, true, 0.5));
            items.add(item("icl", natural, "trec", i, null, tuned, 0.25));
            items.add(item("icl", symbols, "sst2", i, null, tuned, 0.5));
            items.add(item("icl", symbols, "trec", i, null, false, 0.25));
        }
        items.add(item("list-functions", "4-shot", "c001", 0, "remove elements", tuned, 0));
        items.add(item("list-functions", "4-shot", "c002", 0, "modify the list", true, 0));
        return new RunResults(model, provenance, items);
    }

    private static ItemResult item(String suite, String setting, String task, int i, String category, boolean right, double chance) {
        return new ItemResult(suite, setting, task, "q" + i, category, right ? "yes" : "no", "yes", right, null, chance);
    }

    @Test
    void showsTheShareOfAnswersInTheLabelSetWhenItemsCarryIt() {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // 3 of 4 answers are prompt labels on sst2, 1 of 4 on trec: a mean over tasks of 50%
            items.add(new ItemResult("icl", "no-instructions+symbols", "sst2", "q" + i, null, "x", "y", false, false, 0.5, i < 3));
            items.add(new ItemResult("icl", "no-instructions+symbols", "trec", "q" + i, null, "x", "y", false, false, 0.25, i < 1));
        }
        RunSummary summary = RunSummary.of(new RunResults("m", Map.of(), items), BootstrapConfig.DEFAULT);
        assertEquals(0.5, summary.setting("icl", "no-instructions+symbols").orElseThrow().labelShare(), 1e-12);
        String md = MarkdownReport.of(List.of(summary)).render();
        assertTrue(md.contains("Answers that are one of the prompt's labels") && md.contains("| m | — | — | — | 50.0 |"), md);
        String without = MarkdownReport.of(List.of(RunSummary.of(run("base", Map.of(), false), BootstrapConfig.DEFAULT))).render();
        assertFalse(without.contains("Answers that are one of the prompt's labels"), "runs without label sets show no such table");
    }

    @Test
    void rendersTheHandMadeReportExactly() {
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("seed", 1L);
        prov.put("commit", "abc");
        RunResults base = run("base", prov, false);
        RunResults tuned = run("tuned", Map.of(), true);
        BootstrapConfig cfg = BootstrapConfig.DEFAULT;
        String md = MarkdownReport.of(List.of(RunSummary.of(base, cfg), RunSummary.of(tuned, cfg)))
                .withComparison(PairedComparison.of(base, tuned, cfg))
                .withChart("ICL accuracy", "charts/icl.png")
                .render();
        String expected = """
                # Evaluation report

                Accuracy is exact match after whitespace stripping, in percent: the unweighted mean over tasks of per-task accuracy. Brackets give the 95% percentile-bootstrap interval (1000 resamples of the items within each task, seed 20230517).

                ## Runs

                - **base**: seed: 1, commit: abc
                - **tuned**

                ## In-context learning on held-out tasks

                Columns as in Table 1 of the reference study: natural-language labels or held-out symbols, each with and without the task instruction.

                | Model | instructions + natural labels | no instructions + natural labels | instructions + symbols | no instructions + symbols |
                |---|---:|---:|---:|---:|
                | *chance* | 37.5 | — | — | 37.5 |
                | base | 50.0 [50.0, 50.0] | — | — | 0.0 [0.0, 0.0] |
                | tuned | 100.0 [100.0, 100.0] | — | — | 50.0 [50.0, 50.0] |
                | *tasks (items)* | 2 (4) | — | — | 2 (4) |

                ## List functions by category

                | Model | remove elements | modify the list | all tasks |
                |---|---:|---:|---:|
                | base | 0.0 [0.0, 0.0] | 100.0 [100.0, 100.0] | 50.0 [50.0, 50.0] |
                | tuned | 100.0 [100.0, 100.0] | 100.0 [100.0, 100.0] | 100.0 [100.0, 100.0] |
                | *tasks* | 1 | 1 | 2 |

                ## Paired comparison: tuned − base

                Both runs were scored on the same queries. Δ is in points; its interval is a paired 95% percentile bootstrap (1000 resamples of the shared items within each task). Disagreements count the items only one run got right; p is the exact two-sided sign test on them.

                | Suite | Setting | base | tuned | Δ [95% CI] | only base / only tuned | p |
                |---|---|---:|---:|---:|---:|---:|
                | icl | instructions + natural labels | 50.0 | 100.0 | +50.0 [+50.0, +50.0] | 0 / 2 | 0.500 |
                | icl | no instructions + symbols | 0.0 | 50.0 | +50.0 [+50.0, +50.0] | 0 / 2 | 0.500 |
                | list-functions | 4-shot | 50.0 | 100.0 | +50.0 [+50.0, +50.0] | 0 / 1 | 1.000 |
                | list-functions | 4-shot: remove elements | 0.0 | 100.0 | +100.0 [+100.0, +100.0] | 0 / 1 | 1.000 |
                | list-functions | 4-shot: modify the list | 100.0 | 100.0 | 0.0 [0.0, 0.0] | 0 / 0 | 1.000 |

                ## Charts

                ![ICL accuracy](charts/icl.png)

                ## Per-task accuracy

                | Suite | Setting | Task | Items | Chance | base | tuned |
                |---|---|---|---:|---:|---:|---:|
                | icl | instructions + natural labels | sst2 | 2 | 50.0 | 100.0 | 100.0 |
                | icl | instructions + natural labels | trec | 2 | 25.0 | 0.0 | 100.0 |
                | icl | no instructions + symbols | sst2 | 2 | 50.0 | 0.0 | 100.0 |
                | icl | no instructions + symbols | trec | 2 | 25.0 | 0.0 | 0.0 |
                | list-functions | 4-shot | c001 | 1 | 0.0 | 0.0 | 100.0 |
                | list-functions | 4-shot | c002 | 1 | 0.0 | 100.0 | 100.0 |

                """;
        assertEquals(expected, md);
    }

    @Test
    void referenceSectionShowsPublishedNumbersBesideOurs() {
        BootstrapConfig cfg = BootstrapConfig.DEFAULT;
        RunResults base = run("base", Map.of(), false);
        RunResults tuned = run("tuned", Map.of(), true);
        String md = MarkdownReport.of(List.of(RunSummary.of(base, cfg), RunSummary.of(tuned, cfg)))
                .withComparison(PairedComparison.of(base, tuned, cfg))
                .withReference(ReferenceStudy.load())
                .render();
        assertTrue(md.contains("| *random guessing* | 42.4 | 42.4 | 42.4 | 42.4 |"), md);
        assertTrue(md.contains("| Flan-PaLM-62B-cont + symbol tuning | 78.9 (+1.6) | 74.5 (+4.2) | 71.8 (+15.5) | 62.1 (+11.1) |"), md);
        assertTrue(md.contains("| Measure | ours: tuned − base | Flan-PaLM-8B | Flan-PaLM-62B | Flan-PaLM-62B-cont | Flan-PaLM-540B |"), md);
        assertTrue(md.contains("| ICL: no instructions + symbols | +50.0 [+50.0, +50.0] | +8.6 | +9.8 | +11.1 | +5.5 |"), md);
        assertTrue(md.contains("| List functions (average over tasks) | +50.0 [+50.0, +50.0] | +18.2 | +11.1 | +15.5 | +3.6 |"), md);
        assertTrue(md.contains("| Flipped labels (exemplar and query labels flipped) | — | +26.5 | +33.7 | not stated | +34.0 |"), md);
        assertTrue(md.contains("Not found in the paper's text"), md);
    }

    @Test
    void runsMustShareTheBootstrapSettings() {
        RunResults base = run("base", Map.of(), false);
        RunResults tuned = run("tuned", Map.of(), true);
        assertThrows(IllegalArgumentException.class, () -> MarkdownReport.of(List.of(
                RunSummary.of(base, BootstrapConfig.DEFAULT), RunSummary.of(tuned, BootstrapConfig.DEFAULT.withSeed(3)))));
    }

    @Test
    void numbersAreFormattedWithOneDecimalAndSigns() {
        assertEquals("0.0", Formats.pct(-1e-12));
        assertEquals("0.0", Formats.signedPoints(-0.01));
        assertEquals("+15.8", Formats.signedPoints(15.8));
        assertEquals("-6.3", Formats.signedPoints(57.6 - 63.9));
        assertEquals("<0.001", Formats.pValue(0.0004));
        assertEquals("0.048", Formats.pValue(0.048));
    }
}
