package org.symtune.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.io.Json;
import org.symtune.eval.metrics.BootstrapConfig;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.RunResults;
import org.symtune.eval.metrics.RunSummary;

class ResultsRoundTripTest {

    @TempDir
    Path tmp;

    /** Items with the awkward cases: commas, quotes, line breaks, empty answers, padding, non-ASCII, null fields. */
    static RunResults awkwardRun() {
        List<ItemResult> items = new ArrayList<>();
        items.add(new ItemResult("icl", "instructions+natural", "sst2", "0", null, "positive", "positive", true, true, 0.5, true));
        items.add(new ItemResult("icl", "instructions+natural", "sst2", "1", null, "neg, \"very\"", "negative", false, false, 0.5, false));
        items.add(new ItemResult("icl", "instructions+natural", "trec", "0", null, "line one\nline two\r\n", "ABBR", false, null, 1 / 6.0));
        items.add(new ItemResult("turing", "witness+2", "P3 (+[)", "7", "length 3", "", "", true, null, 0.0));
        items.add(new ItemResult("turing", "witness+2", "P3 (+[)", "8", "length 3", " 01 ", "10", false, null, 0.0));
        items.add(new ItemResult("list-functions", "4-shot", "c042", "3", "modify the list", "[1, 2, 3]", "[3, 2, 1]", false, null, 0.0));
        items.add(new ItemResult("icl", "no-instructions+symbols", "tweet_eval", "éè", null, "QJ", "4821", false, true, 1 / 3.0, true));
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("model", "tiny-gpt2");
        prov.put("seeds", List.of(1L, 2L));
        prov.put("git_commit", "0123abc");
        prov.put("jdk", Map.of("version", "25"));
        prov.put("dropout", 0.1);
        prov.put("dirty", false);
        prov.put("note", null);
        return new RunResults("tiny \"symbol-tuned\"", prov, items);
    }

    @Test
    void jsonRoundTripGivesBackTheSameRun() throws Exception {
        RunResults run = awkwardRun();
        Path file = tmp.resolve(ResultsJson.FILE_NAME);
        ResultsJson.write(file, run, RunSummary.of(run, BootstrapConfig.DEFAULT));
        assertEquals(run, ResultsJson.read(file));
    }

    @Test
    void jsonHoldsTheSummariesForOtherReaders() throws Exception {
        RunResults run = awkwardRun();
        Map<String, Object> root = Json.parseObject(ResultsJson.toJson(run, RunSummary.of(run, BootstrapConfig.DEFAULT)), "x");
        List<?> settings = (List<?>) root.get("settings");
        assertEquals(4, settings.size());
        Map<?, ?> first = (Map<?, ?>) settings.get(0);
        assertEquals("instructions+natural", first.get("setting"));
        assertEquals(0.25, first.get("accuracy")); // sst2 1/2, trec 0/1
        assertEquals(null, first.get("label_share"), "trec's item has no label set, so the setting has no share");
        Map<?, ?> symbols = (Map<?, ?>) settings.stream().filter(o -> "no-instructions+symbols".equals(((Map<?, ?>) o).get("setting")))
                .findFirst().orElseThrow();
        assertEquals(1.0, symbols.get("label_share"));
        assertEquals(1000L, ((Map<?, ?>) root.get("bootstrap")).get("resamples"));
        assertEquals(7, ((List<?>) root.get("items")).size());
    }

    @Test
    void csvRoundTripGivesBackTheSameItemsAndTasks() throws Exception {
        RunResults run = awkwardRun();
        RunSummary summary = RunSummary.of(run, BootstrapConfig.DEFAULT);
        Path items = tmp.resolve(ResultsCsv.ITEMS_FILE);
        Path tasks = tmp.resolve(ResultsCsv.TASKS_FILE);
        ResultsCsv.writeItems(items, run.items());
        ResultsCsv.writeTasks(tasks, summary);
        assertEquals(run.items(), ResultsCsv.readItems(items));
        assertEquals(summary.tasks(), ResultsCsv.readTasks(tasks));
    }

    @Test
    void csvQuotesOnlyWhatNeedsQuoting() {
        List<ItemResult> items = List.of(new ItemResult("icl", "s", "t", "0", null, "a,b", "say \"hi\"", false, null, 0.5, true));
        assertEquals("suite,setting,task,item_id,category,prediction,expected,correct,rank_correct,chance,in_label_set\n"
                + "icl,s,t,0,,\"a,b\",\"say \"\"hi\"\"\",false,,0.5,true\n", ResultsCsv.items(items));
    }

    @Test
    void badFilesGiveErrorsNamingTheFileAndField() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"symtune-eval-results\", \"format_version\": 1, \"model\": \"m\", \"provenance\": {},"
                + " \"items\": [{\"suite\": \"icl\", \"setting\": \"s\", \"task\": \"t\", \"id\": \"0\", \"category\": null,"
                + " \"prediction\": \"a\", \"expected\": \"a\", \"correct\": \"yes\", \"rank_correct\": null, \"chance\": 0.5}]}");
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(e.getMessage().contains("bad.json: items[0].correct must be true or false"), e.getMessage());

        Files.writeString(file, "{\"format\": \"something-else\"}");
        e = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(e.getMessage().contains("not a symtune results file"), e.getMessage());

        Path csv = tmp.resolve("items.csv");
        Files.writeString(csv, String.join(",", ResultsCsv.ITEM_COLUMNS) + "\nicl,s,t,0,,a,a,maybe,,0.5,\n");
        e = assertThrows(ResultsFormatException.class, () -> ResultsCsv.readItems(csv));
        assertTrue(e.getMessage().contains("items.csv: record 1: correct must be true or false, got 'maybe'"), e.getMessage());

        e = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(tmp.resolve("missing.json")));
        assertTrue(e.getMessage().contains("results file not found"), e.getMessage());
    }
}
