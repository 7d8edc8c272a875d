package org.symtune.cli.study;

import java.nio.file.Path;

/**
 * Where a study keeps its files.
 * <pre>
 *   study.json                 the resolved study config (what a rerun or a resumed run is checked against)
 *   pretrain/                  the pretraining run; its tokenizer.json is every later stage's tokenizer
 *   seed-S/instruct/           instruction tuning from the pretrained model: the baseline
 *   seed-S/symbol/             symbol tuning from that seed's baseline
 *   seed-S/eval-baseline/      evaluation report of the baseline (results.json, report.md, charts/)
 *   seed-S/eval-symbol/        evaluation report of the symbol-tuned model, on the same items
 *   seed-S/eval-MODEL.json     the arguments of that evaluation (less its folder), for studies that --reuse this one
 *   report/                    both models side by side, pooled over seeds (report.md, comparison.json,
 *                              charts/, headline.tsv) and results-baseline.json / results-symbol.json
 * </pre>
 */
public record StudyLayout(Path dir) {
    public Path config() {
        return dir.resolve("study.json");
    }

    public Path pretrain() {
        return dir.resolve("pretrain");
    }

    public Path seed(int s) {
        return dir.resolve("seed-" + s);
    }

    public Path instruct(int s) {
        return seed(s).resolve("instruct");
    }

    public Path symbol(int s) {
        return seed(s).resolve("symbol");
    }

    /** The evaluation folder of {@code model} ({@code baseline} or {@code symbol}) for seed {@code s}. */
    public Path eval(int s, String model) {
        return seed(s).resolve("eval-" + model);
    }

    public Path report() {
        return dir.resolve("report");
    }
}
