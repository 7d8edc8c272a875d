package org.symtune.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.symtune.eval.metrics.ItemResult;
import org.symtune.eval.metrics.RunSummary;
import org.symtune.eval.metrics.TaskAccuracy;

/**
 * Results as CSV, for spreadsheets and data frames: {@value #ITEMS_FILE} with one row per item and
 * {@value #TASKS_FILE} with one row per task. An empty {@code category}, {@code rank_correct} or {@code in_label_set} means
 * none; booleans are {@code true}/{@code false}; numbers are written so that they read back exactly.
 */
public final class ResultsCsv {
    public static final String ITEMS_FILE = "items.csv";
    public static final String TASKS_FILE = "tasks.csv";

    static final List<String> ITEM_COLUMNS = List.of("suite", "setting", "task", "item_id", "category", "prediction",
            "expected", "correct", "rank_correct", "chance", "in_label_set");
    static final List<String> TASK_COLUMNS = List.of("model", "suite", "setting", "task", "category", "items", "correct",
            "accuracy", "rank_correct", "chance", "in_label_set");

    private ResultsCsv() {
    }

    public static String items(List<ItemResult> items) {
        StringBuilder sb = new StringBuilder();
        Csv.appendRow(sb, ITEM_COLUMNS);
        for (ItemResult it : items) {
            Csv.appendRow(sb, List.of(it.suite(), it.setting(), it.task(), it.itemId(), orEmpty(it.category()), it.prediction(),
                    it.expected(), Boolean.toString(it.correct()), it.rankCorrect() == null ? "" : it.rankCorrect().toString(),
                    Double.toString(it.chance()), it.inLabelSet() == null ? "" : it.inLabelSet().toString()));
        }
        return sb.toString();
    }

    public static String tasks(RunSummary summary) {
        StringBuilder sb = new StringBuilder();
        Csv.appendRow(sb, TASK_COLUMNS);
        for (TaskAccuracy t : summary.tasks()) {
            Csv.appendRow(sb, List.of(summary.model(), t.suite(), t.setting(), t.task(), orEmpty(t.category()),
                    Integer.toString(t.items()), Integer.toString(t.correct()), Double.toString(t.accuracy()),
                    t.rankCorrect() == null ? "" : t.rankCorrect().toString(), Double.toString(t.chance()),
                    t.inLabelSet() == null ? "" : t.inLabelSet().toString()));
        }
        return sb.toString();
    }

    public static void writeItems(Path file, List<ItemResult> items) throws IOException {
        AtomicFiles.writeString(file, items(items));
    }

    public static void writeTasks(Path file, RunSummary summary) throws IOException {
        AtomicFiles.writeString(file, tasks(summary));
    }

    public static List<ItemResult> readItems(Path file) throws IOException {
        return parseItems(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static List<TaskAccuracy> readTasks(Path file) throws IOException {
        return parseTasks(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<ItemResult> parseItems(String text, String source) {
        List<ItemResult> out = new ArrayList<>();
        for (Row r : rows(text, source, ITEM_COLUMNS)) {
            try {
                out.add(new ItemResult(r.get(0), r.get(1), r.get(2), r.get(3), orNull(r.get(4)), r.get(5), r.get(6),
                        r.bool(7), r.optionalBool(8), r.number(9), r.optionalBool(10)));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        return out;
    }

    static List<TaskAccuracy> parseTasks(String text, String source) {
        List<TaskAccuracy> out = new ArrayList<>();
        for (Row r : rows(text, source, TASK_COLUMNS)) {
            TaskAccuracy t;
            try {
                String rank = r.get(8);
                t = new TaskAccuracy(r.get(1), r.get(2), r.get(3), orNull(r.get(4)), r.integer(5), r.integer(6),
                        rank.isEmpty() ? null : r.integer(8), r.number(9), r.get(10).isEmpty() ? null : r.integer(10));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
            if (!Double.toString(t.accuracy()).equals(r.get(7))) {
                throw r.error("accuracy " + r.get(7) + " disagrees with correct/items = " + t.correct() + "/" + t.items());
            }
            out.add(t);
        }
        return out;
    }

    private static List<Row> rows(String text, String source, List<String> columns) {
        List<List<String>> records = Csv.parse(text, source);
        if (records.isEmpty() || !records.get(0).equals(columns)) {
            throw new ResultsFormatException(source + ": the header must be " + String.join(",", columns));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.size() != columns.size()) {
                throw new ResultsFormatException(source + ": record " + i + " has " + fields.size() + " fields, expected " + columns.size());
            }
            rows.add(new Row(fields, columns, source, i));
        }
        return rows;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** One data record, with errors naming the file, record number and column. */
    private record Row(List<String> fields, List<String> columns, String source, int index) {
        String get(int i) {
            return fields.get(i);
        }

        boolean bool(int i) {
            return switch (fields.get(i)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(columns.get(i) + " must be true or false, got '" + fields.get(i) + "'");
            };
        }

        Boolean optionalBool(int i) {
            return fields.get(i).isEmpty() ? null : bool(i);
        }

        double number(int i) {
            try {
                return Double.parseDouble(fields.get(i));
            } catch (NumberFormatException e) {
                throw error(columns.get(i) + " must be a number, got '" + fields.get(i) + "'");
            }
        }

        int integer(int i) {
            try {
                return Integer.parseInt(fields.get(i));
            } catch (NumberFormatException e) {
                throw error(columns.get(i) + " must be an integer, got '" + fields.get(i) + "'");
            }
        }

        ResultsFormatException error(String message) {
            return new ResultsFormatException(source + ": record " + index + ": " + message);
        }
    }
}
