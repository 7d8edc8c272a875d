package org.symtune.tuning.data.suite;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.symtune.tuning.data.europarl.Europarl;
import org.symtune.tuning.task.Role;
import org.symtune.tuning.task.Task;
import org.symtune.tuning.task.TaskBuilder;
import org.symtune.tuning.task.TaskRegistry;

/**
 * Evaluation tasks from the Europarl lines of Lucene's test framework: the language of a sentence,
 * and whether an English sentence, its final punctuation removed, is a question. Both read only the
 * documents reserved for evaluation ({@link Europarl#reservedForEvaluation}); pretraining reads the rest.
 */
final class EuroparlTasks {
    private EuroparlTasks() {
    }

    /** The Latin-script languages of the suite (Greek would be told by its script alone). */
    static final List<String> LANGUAGES = List.of("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Swedish",
            "Danish", "Finnish");

    static void register(TaskRegistry r) {
        r.register("europarl_language", Role.EVALUATION, EuroparlTasks::language);
        r.register("europarl_question", Role.EVALUATION, EuroparlTasks::question);
    }

    private static volatile PretrainingText pretraining;

    /** The sentences and the whole text (as {@link #words}) of the documents pretraining reads. */
    private record PretrainingText(Set<String> sentences, String text) {
    }

    /**
     * Whether a sentence of an evaluation document may become an item: of a usable length, and not also in a
     * document that pretraining reads (formulaic ones such as a chair's greeting recur across documents). Short
     * sentences are looked for in the whole text; longer ones among its sentences, as they only recur whole.
     */
    private static boolean usable(String sentence) {
        if (sentence.length() < 30 || sentence.length() > 220) return false;
        PretrainingText p = pretraining();
        if (p.sentences().contains(sentence)) return false;
        return sentence.split(" ").length >= 8 || !p.text().contains(" " + words(sentence) + " ");
    }

    /** Lower-case words (letters and digits) separated by single spaces: punctuation and case do not hide a repeat. */
    private static String words(String text) {
        return String.join(" ", text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")).strip();
    }

    private static PretrainingText pretraining() {
        PretrainingText p = pretraining;
        if (p == null) {
            Set<String> sentences = new HashSet<>();
            StringBuilder text = new StringBuilder();
            for (Europarl.Document d : Europarl.documents()) {
                if (d.reservedForEvaluation()) continue;
                sentences.addAll(d.sentences());
                text.append(' ').append(words(d.text())).append(' ');
            }
            pretraining = p = new PretrainingText(Set.copyOf(sentences), text.toString());
        }
        return p;
    }

    /** A sentence → the language of the document it comes from (named by the document's function words). */
    static Task language() {
        TaskBuilder b = SuiteTasks.builder("europarl_language", Role.EVALUATION, Europarl.SOURCE, Europarl.PATH, Europarl.LICENSE, LANGUAGES)
                .instruction("Name the language this sentence is written in.")
                .fields("sentence");
        for (Europarl.Document d : Europarl.documents()) {
            if (!d.reservedForEvaluation() || d.language() == null || !LANGUAGES.contains(d.language())) continue;
            int taken = 0;
            for (String s : d.sentences()) {
                if (!usable(s)) continue;
                b.add(List.of(s), b.labelIndex(d.language()), d.title() + "\u0000" + d.date());
                if (++taken == 2) break;
            }
        }
        return b.build();
    }

    /** An English sentence without its final '?' or '.' → question or statement. */
    static Task question() {
        TaskBuilder b = SuiteTasks.builder("europarl_question", Role.EVALUATION, Europarl.SOURCE, Europarl.PATH, Europarl.LICENSE,
                        List.of("question", "statement"))
                .instruction("Say what kind of sentence this is; its final punctuation was removed.")
                .fields("sentence");
        for (Europarl.Document d : Europarl.documents()) {
            if (!d.reservedForEvaluation() || !"English".equals(d.language())) continue;
            for (String s : d.sentences()) {
                if (!usable(s)) continue;
                char last = s.charAt(s.length() - 1);
                if (last != '?' && last != '.') continue;
                String body = s.substring(0, s.length() - 1).strip();
                if (body.contains("?")) continue;
                b.add(List.of(body), b.labelIndex(last == '?' ? "question" : "statement"), d.title() + "\u0000" + d.date());
            }
        }
        return b.build();
    }
}
