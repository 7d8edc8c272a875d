package org.symtune.cli.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.FlipSetting;
import org.symtune.eval.metrics.IclSetting;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.PairedComparison;
import org.symtune.eval.metrics.PairedDifference;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.RunSummary;
import org.symtune.eval.report.Formats;
import org.symtune.eval.report.ReferenceStudy;
import org.symtune.eval.report.ReportWriter;
import org.symtune.eval.report.ResultsJson;

/**
 * The study's report: the baseline and the symbol-tuned model side by side, pooled over seeds.
 *
 * <p>Pooling keeps every seed's items as distinct items of the same task (their ids get the seed as a
 * prefix), so the paired bootstrap resamples the items of all seeds within each task. Exact match is the
 * primary measure, as in the evaluation reports; rank classification over the prompt's label set is shown
 * beside it for the classification suites, since small models often rank the right label first long
 * before they write it out exactly. The reference study's published gains sit in the last column, as the
 * range over its Flan-PaLM sizes.
 */
public final class StudyReport {
    /** The model names in the evaluation runs and the report. */
    public static final String BASELINE = "baseline (instruction-tuned)";
    public static final String SYMBOL = "symbol-tuned";
    /** The file with the headline table in the report folder. */
    public static final String STUDY_FILE = "study.md";
    /** The headline rows as tab-separated values, for research scripts that collect ablations. */
    public static final String HEADLINE_FILE = "headline.tsv";
    /** The copying probe of every model of the study, one JSON object per model in a list. */
    public static final String COPYING_FILE = "copying.json";

    /** The evaluation folders of one seed. */
    public record SeedRuns(int index, long seed, Path baseline, Path symbol) {
    }

    /** One headline row: a suite and setting under one measure. */
    public record Row(String measure, String suite, String setting, PairedDifference difference, String reference) {
    }

    /** What the report holds: the headline rows, and the headline and the copying probe as terminal tables. */
    public record Outcome(Path dir, List<Row> rows, String table, String copying) {
    }

    private StudyReport() {
    }

    /** Pools the seeds' runs, writes the report folder and returns the headline. */
    public static Outcome write(Path dir, StudyConfig config, List<SeedRuns> seeds, List<StudyProbe.Entry> copying, List<String> notes)
            throws IOException {
        RunResults baseline = pool(BASELINE, seeds, true);
        RunResults symbol = pool(SYMBOL, seeds, false);
        BootstrapConfig cfg = BootstrapConfig.DEFAULT;
        Files.createDirectories(dir);
        ResultsJson.write(dir.resolve("results-baseline.json"), baseline, RunSummary.of(baseline, cfg));
        ResultsJson.write(dir.resolve("results-symbol.json"), symbol, RunSummary.of(symbol, cfg));
        ReportWriter.writeComparison(dir, baseline, symbol, cfg);

        List<Row> rows = rows(PairedComparison.of(baseline, symbol, cfg), PairedComparison.of(rankView(baseline), rankView(symbol), cfg),
                labelComparison(baseline, symbol, cfg));
        String table = table(rows, cfg);
        writeAtomically(dir.resolve(HEADLINE_FILE), tsv(rows));
        writeAtomically(dir.resolve(COPYING_FILE), Json.writePretty(copying.stream().map(e -> e.toJson(dir.toAbsolutePath().getParent())).toList()));
        writeAtomically(dir.resolve(STUDY_FILE), markdown(config, seeds, rows, cfg, StudyProbe.markdown(copying), notes));
        return new Outcome(dir, rows, table, StudyProbe.console(copying));
    }

    /** Prints the headline table and where the report is. */
    public static void print(Outcome o, PrintStream out) {
        out.println();
        out.println(o.table());
        out.println("In-context copying (repeated random tokens; loss in nats/token, gain = first - second copy):");
        out.println(o.copying());
        out.println("report: " + o.dir().resolve(STUDY_FILE) + " (headline), " + o.dir().resolve(ReportWriter.REPORT_FILE)
                + " (every suite, setting and category, with charts)");
    }

    static RunResults pool(String model, List<SeedRuns> seeds, boolean baseline) throws IOException {
        List<ItemResult> items = new ArrayList<>();
        Map<String, Object> provenance = new LinkedHashMap<>();
        List<Object> sources = new ArrayList<>();
        for (SeedRuns s : seeds) {
            Path dir = baseline ? s.baseline() : s.symbol();
            RunResults run = ResultsJson.read(ResultsJson.locate(dir));
            for (ItemResult it : run.items()) {
                items.add(new ItemResult(it.suite(), it.setting(), it.task(), "s" + s.seed() + "/" + it.itemId(), it.category(),
                        it.prediction(), it.expected(), it.correct(), it.rankCorrect(), it.chance(), it.inLabelSet()));
            }
            Map<String, Object> src = new LinkedHashMap<>();
            src.put("seed", s.seed());
            src.put("results", dir.resolve(ResultsJson.FILE_NAME).toString());
            sources.add(src);
        }
        provenance.put("pooled_over_seeds", sources);
        return new RunResults(model, provenance, items);
    }

    /** The items that were rank-classified, scored by rank classification. */
    static RunResults rankView(RunResults run) {
        List<ItemResult> items = new ArrayList<>();
        for (ItemResult it : run.items()) {
            if (it.rankCorrect() == null) continue;
            items.add(new ItemResult(it.suite(), it.setting(), it.task(), it.itemId(), it.category(), it.prediction(), it.expected(),
                    it.rankCorrect(), it.rankCorrect(), it.chance()));
        }
        return new RunResults(run.model(), run.provenance(), items);
    }

    /**
     * The items that have a label set, scored by whether the answer is one of the prompt's labels: the format was
     * followed (a model that copies any label of its context scores 100% here and chance by exact match).
     */
    static RunResults labelView(RunResults run) {
        List<ItemResult> items = new ArrayList<>();
        for (ItemResult it : run.items()) {
            if (it.inLabelSet() == null) continue;
            items.add(new ItemResult(it.suite(), it.setting(), it.task(), it.itemId(), it.category(), it.prediction(), it.expected(),
                    it.inLabelSet(), null, 0.0, it.inLabelSet()));
        }
        return new RunResults(run.model(), run.provenance(), items);
    }

    private static List<Row> rows(PairedComparison exact, PairedComparison rank, PairedComparison labels) {
        ReferenceStudy ref = ReferenceStudy.load();
        List<Row> rows = new ArrayList<>();
        for (PairedDifference d : exact.settings()) {
            if (!headline(d)) continue;
            rows.add(new Row("exact match", d.suite(), d.setting(), d, reference(ref, d)));
        }
        for (PairedDifference d : rank.settings()) {
            if (!headline(d)) continue;
            rows.add(new Row("rank classification", d.suite(), d.setting(), d, ""));
        }
        for (PairedDifference d : labels == null ? List.<PairedDifference>of() : labels.settings()) {
            if (!headline(d)) continue;
            rows.add(new Row("answer in label set", d.suite(), d.setting(), d, ""));
        }
        return rows;
    }

    /** The label-set comparison, or null when the runs predate the measure (their items carry no label sets). */
    private static PairedComparison labelComparison(RunResults baseline, RunResults symbol, BootstrapConfig cfg) {
        RunResults a = labelView(baseline), b = labelView(symbol);
        if (a.items().isEmpty() || b.items().isEmpty()) return null;
        return PairedComparison.of(a, b, cfg);
    }

    /** The settings of the reference study's headline results; the flip curve stays in the full report. */
    private static boolean headline(PairedDifference d) {
        if (!d.suite().equals("flipped")) return true;
        FlipSetting f = FlipSetting.parse(d.setting());
        return f.queryFlipped() && f.exemplarPercent() == 100;
    }

    private static String reference(ReferenceStudy ref, PairedDifference d) {
        switch (d.suite()) {
            case "icl" -> {
                int col = -1;
                for (IclSetting s : IclSetting.values()) if (s.id().equals(d.setting())) col = s.ordinal();
                if (col < 0) return "";
                List<Double> values = new ArrayList<>();
                for (ReferenceStudy.Table1Row r : ref.table1()) values.add(r.publishedDifference()[col]);
                return range(values);
            }
            case "flipped", "list-functions", "turing" -> {
                ReferenceStudy.Improvement i = ref.improvement(d.suite());
                return i == null ? "" : range(i.points().values());
            }
            default -> {
                return "";
            }
        }
    }

    private static String range(Collection<Double> values) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return Formats.signedPoints(lo) + " to " + Formats.signedPoints(hi);
    }

    private static String table(List<Row> rows, BootstrapConfig cfg) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("measure", "suite", "setting", "items", "baseline", "symbol-tuned", "Δ [" + Formats.percentWord(cfg.confidence()) + " CI]",
                "p", "reference Δ"));
        for (Row r : rows) {
            PairedDifference d = r.difference();
            cells.add(List.of(r.measure(), r.suite(), Formats.settingLabel(r.setting()), Integer.toString(d.items()), Formats.pct(d.meanA()),
                    Formats.pct(d.meanB()), Formats.signedCi(d.difference(), d.ci().lo(), d.ci().hi()), Formats.pValue(d.pValue()), r.reference()));
        }
        int[] width = new int[cells.get(0).size()];
        for (List<String> r : cells) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> r : cells) {
            for (int i = 0; i < width.length; i++) {
                if (i > 0) sb.append("  ");
                boolean text = i < 3;
                String cell = r.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(text ? cell + pad : pad + cell);
            }
            sb.setLength(sb.toString().stripTrailing().length());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String tsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("measure\tsuite\tsetting\titems\tbaseline\tsymbol\tdelta\tci_lo\tci_hi\tp\n");
        for (Row r : rows) {
            PairedDifference d = r.difference();
            sb.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4g%n", r.measure(), r.suite(), r.setting(), d.items(),
                    100 * d.meanA(), 100 * d.meanB(), 100 * d.difference(), 100 * d.ci().lo(), 100 * d.ci().hi(), d.pValue()));
        }
        return sb.toString();
    }

    private static String markdown(StudyConfig config, List<SeedRuns> seeds, List<Row> rows, BootstrapConfig cfg, String copying,
                                   List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Study ").append(config.name()).append(": symbol tuning against its instruction-tuned baseline\n\n");
        if (!config.description().isEmpty()) sb.append(config.description()).append("\n\n");
        sb.append("Seeds: ").append(String.join(", ", seeds.stream().map(s -> Long.toString(s.seed())).toList()))
                .append(". Items of every seed are pooled; Δ = symbol-tuned − baseline in points, with a paired ")
                .append(Formats.percentWord(cfg.confidence())).append(" percentile-bootstrap interval (")
                .append(cfg.resamples()).append(" resamples of the items within each task) and the exact sign test p. ")
                .append("The reference column is the range of the published gains over Flan-PaLM 8B to 540B (Wei et al., 2023).\n\n");
        sb.append("| Measure | Suite | Setting | Items | Baseline | Symbol-tuned | Δ [CI] | p | Reference Δ |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            PairedDifference d = r.difference();
            sb.append("| ").append(r.measure()).append(" | ").append(r.suite()).append(" | ").append(Formats.settingLabel(r.setting()))
                    .append(" | ").append(d.items()).append(" | ").append(Formats.pct(d.meanA())).append(" | ").append(Formats.pct(d.meanB()))
                    .append(" | ").append(Formats.signedCi(d.difference(), d.ci().lo(), d.ci().hi())).append(" | ")
                    .append(Formats.pValue(d.pValue())).append(" | ").append(r.reference()).append(" |\n");
        }
        sb.append("\nEvery suite, setting, category and the flip curve, with charts: [report.md](report.md).\n");
        sb.append(copying);
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (String n : notes) sb.append("- ").append(n).append('\n');
        }
        sb.append("\n## Study config\n\n```json\n").append(Json.writePretty(config.toJson())).append("\n```\n");
        return sb.toString();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
