package org.symtune.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.FlipSetting;
import org.symtune.eval.metrics.GroupSummary;
import org.symtune.eval.metrics.IclSetting;
import org.symtune.eval.metrics.Ordering;
import org.symtune.eval.metrics.PairedComparison;
import org.symtune.eval.metrics.PairedDifference;
import org.symtune.eval.metrics.RunSummary;
import org.symtune.eval.metrics.Suites;
import org.symtune.eval.metrics.TaskAccuracy;

/**
 * The Markdown report of one or more runs: the in-context-learning table in the layout of the
 * reference study's Table 1 (rows: models; columns: the four settings, chance marked), flipped
 * labels, list functions by category, simple Turing concepts by program length, other suites, a
 * paired comparison, charts, the reference study's published numbers beside ours, and per-task
 * accuracy. Sections without data are left out. Numbers are percentages with one decimal.
 */
public final class MarkdownReport {
    private static final String NONE = "—";

    private final List<RunSummary> runs;
    private final PairedComparison comparison;
    private final ReferenceStudy reference;
    private final List<ChartLink> charts;

    /** A chart to embed: its title and its path relative to the report. */
    public record ChartLink(String title, String path) {
    }

    private MarkdownReport(List<RunSummary> runs, PairedComparison comparison, ReferenceStudy reference, List<ChartLink> charts) {
        this.runs = runs;
        this.comparison = comparison;
        this.reference = reference;
        this.charts = charts;
    }

    /** A report of {@code runs}, one row per run; all runs must share one bootstrap configuration. */
    public static MarkdownReport of(List<RunSummary> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a report needs at least one run");
        Set<String> names = new LinkedHashSet<>();
        for (RunSummary r : runs) {
            if (!names.add(r.model())) throw new IllegalArgumentException("two runs are named '" + r.model() + "'");
            if (!r.config().equals(runs.get(0).config())) {
                throw new IllegalArgumentException("runs '" + runs.get(0).model() + "' and '" + r.model() + "' were summarised with different bootstrap settings");
            }
        }
        return new MarkdownReport(List.copyOf(runs), null, null, List.of());
    }

    public MarkdownReport withComparison(PairedComparison c) {
        return new MarkdownReport(runs, Objects.requireNonNull(c), reference, charts);
    }

    public MarkdownReport withReference(ReferenceStudy r) {
        return new MarkdownReport(runs, comparison, Objects.requireNonNull(r), charts);
    }

    public MarkdownReport withChart(String title, String relativePath) {
        List<ChartLink> more = new ArrayList<>(charts);
        more.add(new ChartLink(title, relativePath));
        return new MarkdownReport(runs, comparison, reference, List.copyOf(more));
    }

    /** The report text. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        BootstrapConfig cfg = runs.get(0).config();
        sb.append("# Evaluation report\n\n");
        sb.append("Accuracy is exact match after whitespace stripping, in percent: the unweighted mean over tasks of per-task accuracy. ")
                .append("Brackets give the ").append(percentWord(cfg.confidence()))
                .append(" percentile-bootstrap interval (").append(cfg.resamples())
                .append(" resamples of the items within each task, seed ").append(cfg.seed()).append(").\n\n");
        runsSection(sb);
        iclSection(sb);
        flippedSection(sb);
        categorySection(sb, Suites.LIST_FUNCTIONS, "List functions by category");
        categorySection(sb, Suites.TURING, "Simple Turing concepts by program length");
        otherSuitesSection(sb);
        comparisonSection(sb);
        chartsSection(sb);
        referenceSection(sb);
        perTaskSection(sb);
        return sb.toString();
    }

    // ------------------------------------------------------------------ sections

    private void runsSection(StringBuilder sb) {
        sb.append("## Runs\n\n");
        for (RunSummary r : runs) {
            sb.append("- **").append(escape(r.model())).append("**");
            List<String> facts = new ArrayList<>();
            for (Map.Entry<String, Object> e : r.provenance().entrySet()) {
                Object v = e.getValue();
                facts.add(e.getKey() + ": " + (v instanceof String s ? s : Json.write(v)));
            }
            if (!facts.isEmpty()) sb.append(": ").append(escape(String.join(", ", facts)));
            sb.append('\n');
        }
        sb.append('\n');
    }

    private void iclSection(StringBuilder sb) {
        if (runs.stream().noneMatch(r -> !r.settingsOf(Suites.ICL).isEmpty())) return;
        sb.append("## In-context learning on held-out tasks\n\n");
        sb.append("Columns as in Table 1 of the reference study: natural-language labels or held-out symbols, each with and without the task instruction.\n\n");
        List<String> header = new ArrayList<>(List.of("Model"));
        List<String> ids = new ArrayList<>();
        for (IclSetting s : IclSetting.values()) {
            header.add(s.label());
            ids.add(s.id());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(chanceRow(Suites.ICL, ids));
        for (RunSummary r : runs) {
            List<String> row = new ArrayList<>(List.of(escape(r.model())));
            for (String id : ids) row.add(r.setting(Suites.ICL, id).map(g -> pctCi(g.mean(), g)).orElse(NONE));
            rows.add(row);
        }
        rows.add(sizeRow(Suites.ICL, ids));
        table(sb, 1, header, rows);
        secondaryIclTable(sb, header, ids, GroupSummary::rankMean, "Rank classification over the prompt's label set (secondary metric):");
        secondaryIclTable(sb, header, ids, GroupSummary::labelShare, "Answers that are one of the prompt's labels, right or wrong "
                + "(the format followed; a model that copies any label of its context scores 100% here and chance by exact match):");
    }

    /** A table of one secondary measure per ICL setting, when some run has it. */
    private void secondaryIclTable(StringBuilder sb, List<String> header, List<String> ids, Function<GroupSummary, Double> measure,
                                   String caption) {
        if (runs.stream().noneMatch(r -> r.settingsOf(Suites.ICL).stream().anyMatch(g -> measure.apply(g) != null))) return;
        sb.append(caption).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary r : runs) {
            List<String> row = new ArrayList<>(List.of(escape(r.model())));
            for (String id : ids) row.add(r.setting(Suites.ICL, id).map(measure).map(MarkdownReport::pct).orElse(NONE));
            rows.add(row);
        }
        table(sb, 1, header, rows);
    }

    private void flippedSection(StringBuilder sb) {
        TreeSet<String> all = settingsOf(Suites.FLIPPED);
        if (all.isEmpty()) return;
        sb.append("## Flipped labels\n\n");
        List<String> full = new ArrayList<>(), other = new ArrayList<>();
        TreeSet<Integer> percents = new TreeSet<>();
        Set<Boolean> curveConditions = new LinkedHashSet<>();
        for (String s : all) {
            FlipSetting f = FlipSetting.parse(s);
            if (f != null && f.queryFlipped() && f.exemplarPercent() == 100) full.add(s);
            else if (f != null && !f.queryFlipped()) {
                percents.add(f.exemplarPercent());
                curveConditions.add(f.instructions());
            } else other.add(s);
        }
        if (!full.isEmpty()) {
            sb.append("Labels of the exemplars and of the query flipped; accuracy against the flipped label, so higher means the model follows the context over its prior:\n\n");
            List<String> header = new ArrayList<>(List.of("Model"));
            for (String s : full) header.add(FlipSetting.parse(s).instructions() ? "instructions" : "no instructions");
            List<List<String>> rows = new ArrayList<>();
            rows.add(chanceRow(Suites.FLIPPED, full));
            for (RunSummary r : runs) {
                List<String> row = new ArrayList<>(List.of(escape(r.model())));
                for (String s : full) row.add(r.setting(Suites.FLIPPED, s).map(g -> pctCi(g.mean(), g)).orElse(NONE));
                rows.add(row);
            }
            rows.add(sizeRow(Suites.FLIPPED, full));
            table(sb, 1, header, rows);
        }
        if (!percents.isEmpty()) {
            sb.append("Share of exemplar labels flipped, query label not flipped; accuracy against the true label:\n\n");
            List<String> header = new ArrayList<>(List.of("Model", "Instructions"));
            for (int p : percents) header.add(p + "%");
            List<List<String>> rows = new ArrayList<>();
            for (RunSummary r : runs) {
                for (boolean instructions : new boolean[] {true, false}) {
                    if (!curveConditions.contains(instructions)) continue;
                    List<String> row = new ArrayList<>(List.of(escape(r.model()), instructions ? "yes" : "no"));
                    for (int p : percents) {
                        row.add(r.setting(Suites.FLIPPED, FlipSetting.exemplarsOnly(p, instructions).id())
                                .map(g -> pctCi(g.mean(), g)).orElse(NONE));
                    }
                    rows.add(row);
                }
            }
            table(sb, 2, header, rows);
        }
        if (!other.isEmpty()) settingRows(sb, Suites.FLIPPED, other);
    }

    private void categorySection(StringBuilder sb, String suite, String title) {
        TreeSet<String> settings = settingsOf(suite);
        if (settings.isEmpty()) return;
        sb.append("## ").append(title).append("\n\n");
        TreeSet<String> categories = new TreeSet<>(Ordering.CATEGORIES);
        for (RunSummary r : runs) for (String s : settings) r.categoriesOf(suite, s).forEach(c -> categories.add(c.category()));
        List<String> header = new ArrayList<>(List.of("Model"));
        header.addAll(categories);
        header.add("all tasks");
        List<List<String>> rows = new ArrayList<>();
        boolean anyChance = false;
        for (RunSummary r : runs) {
            for (String s : settings) {
                Optional<GroupSummary> whole = r.setting(suite, s);
                if (whole.isEmpty()) continue;
                anyChance |= whole.get().chance() > 0;
                List<String> row = new ArrayList<>(List.of(escape(settings.size() > 1 ? r.model() + " (" + s + ")" : r.model())));
                for (String c : categories) {
                    row.add(r.categoriesOf(suite, s).stream().filter(g -> g.category().equals(c)).findFirst()
                            .map(g -> pctCi(g.mean(), g)).orElse(NONE));
                }
                row.add(pctCi(whole.get().mean(), whole.get()));
                rows.add(row);
            }
        }
        // Task counts per category, from the first run that has the suite.
        RunSummary first = runs.stream().filter(r -> !r.settingsOf(suite).isEmpty()).findFirst().orElseThrow();
        String s0 = first.settingsOf(suite).get(0).setting();
        List<String> sizes = new ArrayList<>(List.of("*tasks*"));
        for (String c : categories) {
            sizes.add(first.categoriesOf(suite, s0).stream().filter(g -> g.category().equals(c)).findFirst()
                    .map(g -> Integer.toString(g.tasks())).orElse(NONE));
        }
        sizes.add(Integer.toString(first.settingsOf(suite).get(0).tasks()));
        if (anyChance) {
            List<String> chance = new ArrayList<>(List.of("*chance*"));
            for (String c : categories) {
                chance.add(first.categoriesOf(suite, s0).stream().filter(g -> g.category().equals(c)).findFirst()
                        .map(g -> pct(g.chance())).orElse(NONE));
            }
            chance.add(pct(first.settingsOf(suite).get(0).chance()));
            rows.add(0, chance);
        }
        rows.add(sizes);
        table(sb, 1, header, rows);
    }

    private void otherSuitesSection(StringBuilder sb) {
        Set<String> known = Set.of(Suites.ICL, Suites.FLIPPED, Suites.LIST_FUNCTIONS, Suites.TURING);
        TreeSet<String> suites = new TreeSet<>(Ordering.SUITES);
        for (RunSummary r : runs) r.settings().forEach(g -> suites.add(g.suite()));
        suites.removeAll(known);
        for (String suite : suites) {
            sb.append("## Suite ").append(escape(suite)).append("\n\n");
            settingRows(sb, suite, new ArrayList<>(settingsOf(suite)));
        }
    }

    private void comparisonSection(StringBuilder sb) {
        if (comparison == null) return;
        String a = escape(comparison.modelA()), b = escape(comparison.modelB());
        sb.append("## Paired comparison: ").append(b).append(" − ").append(a).append("\n\n");
        BootstrapConfig cfg = comparison.config();
        sb.append("Both runs were scored on the same queries. Δ is in points; its interval is a paired ")
                .append(percentWord(cfg.confidence())).append(" percentile bootstrap (").append(cfg.resamples())
                .append(" resamples of the shared items within each task). Disagreements count the items only one run got right; ")
                .append("p is the exact two-sided sign test on them.\n\n");
        List<String> header = List.of("Suite", "Setting", a, b, "Δ [" + percentWord(cfg.confidence()) + " CI]", "only " + a + " / only " + b, "p");
        List<List<String>> rows = new ArrayList<>();
        List<PairedDifference> all = new ArrayList<>();
        for (PairedDifference d : comparison.settings()) {
            all.add(d);
            comparison.categories().stream().filter(c -> c.suite().equals(d.suite()) && c.setting().equals(d.setting())).forEach(all::add);
        }
        for (PairedDifference d : all) {
            String setting = settingLabel(d.setting()) + (d.category() == null ? "" : ": " + d.category());
            rows.add(List.of(escape(d.suite()), escape(setting), pct(d.meanA()), pct(d.meanB()),
                    signedCi(d.difference(), d.ci().lo(), d.ci().hi()), d.onlyA() + " / " + d.onlyB(), pValue(d.pValue())));
        }
        table(sb, 2, header, rows);
    }

    private void chartsSection(StringBuilder sb) {
        if (charts.isEmpty()) return;
        sb.append("## Charts\n\n");
        for (ChartLink c : charts) sb.append("![").append(c.title()).append("](").append(c.path()).append(")\n\n");
    }

    private void referenceSection(StringBuilder sb) {
        if (reference == null) return;
        sb.append("## Reference study, for context\n\n");
        sb.append("Published results of Wei et al. (EMNLP 2023) for Flan-PaLM models of 8B to 540B parameters. ")
                .append("Models of that size are far from ours, so compare the direction and rough size of the effects, not the levels. ")
                .append(reference.sourceNote()).append("\n\n");
        sb.append(reference.table1Caption()).append("\n\n");
        List<String> header = new ArrayList<>(List.of("Model"));
        for (IclSetting s : IclSetting.values()) header.add(s.label());
        List<List<String>> rows = new ArrayList<>();
        List<String> chance = new ArrayList<>(List.of("*random guessing*"));
        for (double c : reference.chance()) chance.add(points(c));
        rows.add(chance);
        for (ReferenceStudy.Table1Row r : reference.table1()) {
            List<String> base = new ArrayList<>(List.of(r.model()));
            List<String> tuned = new ArrayList<>(List.of(r.model() + " + symbol tuning"));
            for (int i = 0; i < r.baseline().length; i++) {
                base.add(points(r.baseline()[i]));
                tuned.add(points(r.symbolTuned()[i]) + " (" + signedPoints(r.publishedDifference()[i]) + ")");
            }
            rows.add(base);
            rows.add(tuned);
        }
        table(sb, 1, header, rows);

        String ours = comparison == null ? "ours" : "ours: " + escape(comparison.modelB()) + " − " + escape(comparison.modelA());
        sb.append("Gain from symbol tuning in points, ours beside the published ones:\n\n");
        List<String> gainHeader = new ArrayList<>(List.of("Measure", ours));
        gainHeader.addAll(reference.models());
        List<List<String>> gains = new ArrayList<>();
        for (int i = 0; i < IclSetting.values().length; i++) {
            IclSetting s = IclSetting.values()[i];
            List<String> row = new ArrayList<>(List.of("ICL: " + s.label(), ourDifference(Suites.ICL, List.of(s.id()))));
            for (ReferenceStudy.Table1Row r : reference.table1()) row.add(signedPoints(r.publishedDifference()[i]));
            gains.add(row);
        }
        for (ReferenceStudy.Improvement imp : reference.improvements()) {
            List<String> ourSettings = switch (imp.measure()) {
                case "flipped" -> settingsOf(Suites.FLIPPED).stream().filter(s -> {
                    FlipSetting f = FlipSetting.parse(s);
                    return f != null && f.queryFlipped() && f.exemplarPercent() == 100;
                }).toList();
                default -> new ArrayList<>(settingsOf(imp.measure()));
            };
            List<String> row = new ArrayList<>(List.of(imp.label(), ourDifference(imp.measure(), ourSettings)));
            for (String m : reference.models()) {
                Double v = imp.points().get(m);
                row.add(v == null ? "not stated" : signedPoints(v));
            }
            gains.add(row);
        }
        table(sb, 1, gainHeader, gains);
        sb.append("Where the published gains come from:\n\n");
        for (ReferenceStudy.Improvement imp : reference.improvements()) sb.append("- ").append(imp.label()).append(": ").append(imp.where()).append(".\n");
        sb.append("- Table 1 columns: ").append(reference.columnNote()).append("\n\n");
        sb.append("Not found in the paper's text, so not shown:\n\n");
        for (String n : reference.notFound()) sb.append("- ").append(n).append('\n');
        sb.append("\nSource: ").append(reference.citation()).append("\n\n");
    }

    private void perTaskSection(StringBuilder sb) {
        Map<String, TaskAccuracy> firstSeen = new LinkedHashMap<>();
        TreeSet<String[]> keys = new TreeSet<>((x, y) -> {
            int c = Ordering.SUITES.compare(x[0], y[0]);
            if (c == 0) c = Ordering.SETTINGS.compare(x[1], y[1]);
            if (c == 0) c = Ordering.NATURAL.compare(x[2], y[2]);
            return c;
        });
        for (RunSummary r : runs) {
            for (TaskAccuracy t : r.tasks()) {
                keys.add(new String[] {t.suite(), t.setting(), t.task()});
                firstSeen.putIfAbsent(t.suite() + "\u0000" + t.setting() + "\u0000" + t.task(), t);
            }
        }
        if (keys.isEmpty()) return;
        sb.append("## Per-task accuracy\n\n");
        List<String> header = new ArrayList<>(List.of("Suite", "Setting", "Task", "Items", "Chance"));
        for (RunSummary r : runs) header.add(escape(r.model()));
        List<List<String>> rows = new ArrayList<>();
        for (String[] k : keys) {
            TaskAccuracy first = firstSeen.get(k[0] + "\u0000" + k[1] + "\u0000" + k[2]);
            List<String> row = new ArrayList<>(List.of(escape(k[0]), escape(settingLabel(k[1])), escape(k[2]),
                    Integer.toString(first.items()), pct(first.chance())));
            for (RunSummary r : runs) {
                row.add(r.tasksOf(k[0], k[1]).stream().filter(t -> t.task().equals(k[2])).findFirst()
                        .map(t -> pct(t.accuracy())).orElse(NONE));
            }
            rows.add(row);
        }
        table(sb, 3, header, rows);
    }

    // ------------------------------------------------------------------ pieces

    /** Rows "model | setting | accuracy | chance | tasks" for settings without a dedicated layout. */
    private void settingRows(StringBuilder sb, String suite, List<String> settings) {
        List<List<String>> rows = new ArrayList<>();
        for (String s : settings) {
            for (RunSummary r : runs) {
                r.setting(suite, s).ifPresent(g -> rows.add(List.of(escape(r.model()), escape(settingLabel(s)),
                        pctCi(g.mean(), g), pct(g.chance()), Integer.toString(g.tasks()))));
            }
        }
        table(sb, 2, List.of("Model", "Setting", "Accuracy", "Chance", "Tasks"), rows);
    }

    private String ourDifference(String suite, List<String> settings) {
        if (comparison == null || settings.isEmpty()) return NONE;
        List<String> parts = new ArrayList<>();
        for (String s : settings) {
            comparison.settings().stream().filter(d -> d.suite().equals(suite) && d.setting().equals(s)).findFirst()
                    .ifPresent(d -> parts.add((settings.size() > 1 ? settingLabel(s) + ": " : "")
                            + signedCi(d.difference(), d.ci().lo(), d.ci().hi())));
        }
        return parts.isEmpty() ? NONE : escape(String.join("; ", parts));
    }

    private List<String> chanceRow(String suite, List<String> settings) {
        List<String> row = new ArrayList<>(List.of("*chance*"));
        for (String s : settings) {
            row.add(runs.stream().map(r -> r.setting(suite, s)).flatMap(Optional::stream).findFirst()
                    .map(g -> pct(g.chance())).orElse(NONE));
        }
        return row;
    }

    private List<String> sizeRow(String suite, List<String> settings) {
        List<String> row = new ArrayList<>(List.of("*tasks (items)*"));
        for (String s : settings) {
            row.add(runs.stream().map(r -> r.setting(suite, s)).flatMap(Optional::stream).findFirst()
                    .map(g -> g.tasks() + " (" + g.items() + ")").orElse(NONE));
        }
        return row;
    }

    private TreeSet<String> settingsOf(String suite) {
        TreeSet<String> set = new TreeSet<>(Ordering.SETTINGS);
        for (RunSummary r : runs) r.settingsOf(suite).forEach(g -> set.add(g.setting()));
        return set;
    }

    private static String settingLabel(String setting) {
        return Formats.settingLabel(setting);
    }

    /** A table whose first {@code textColumns} columns are left-aligned text and the rest right-aligned numbers. */
    private static void table(StringBuilder sb, int textColumns, List<String> header, List<List<String>> rows) {
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append('|');
        for (int i = 0; i < header.size(); i++) sb.append(i < textColumns ? "---|" : "---:|");
        sb.append('\n');
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        sb.append('\n');
    }

    private static String pct(double fraction) {
        return Formats.pct(fraction);
    }

    private static String points(double v) {
        return Formats.points(v);
    }

    private static String signedPoints(double v) {
        return Formats.signedPoints(v);
    }

    private static String pctCi(double mean, GroupSummary g) {
        return pct(mean) + " [" + pct(g.ci().lo()) + ", " + pct(g.ci().hi()) + "]";
    }

    private static String signedCi(double d, double lo, double hi) {
        return Formats.signedCi(d, lo, hi);
    }

    private static String pValue(double p) {
        return Formats.pValue(p);
    }

    private static String percentWord(double confidence) {
        return Formats.percentWord(confidence);
    }

    /** Keeps names from breaking tables: pipes escaped, line breaks flattened. */
    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
