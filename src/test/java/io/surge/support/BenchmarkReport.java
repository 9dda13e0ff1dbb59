package io.surge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Collects a benchmark's rows, prints them as a table and writes them as JSON under target/benchmarks. */
public final class BenchmarkReport {

    private final String name;
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public BenchmarkReport(String name) {
        this.name = name;
    }

    public BenchmarkReport context(String key, Object value) {
        context.put(key, value);
        return this;
    }

    /** One result row as alternating column names and values, kept in the order given. */
    public void row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < columnsAndValues.length; i += 2) {
            row.put(String.valueOf(columnsAndValues[i]), columnsAndValues[i + 1]);
        }
        rows.add(row);
    }

    public Path write() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", name);
        report.put("context", context);
        report.put("results", rows);
        Path file = Path.of("target", "benchmarks", name + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    JsonMapper.builder()
                            .build()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(table());
        System.out.println("JSON: " + file.toAbsolutePath());
        return file;
    }

    public String table() {
        if (rows.isEmpty()) {
            return name + ": no results";
        }
        List<String> columns = new ArrayList<>(rows.getFirst().keySet());
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, Object> row : rows) {
                width = Math.max(width, String.valueOf(row.get(column)).length());
            }
            widths.put(column, width);
        }
        StringBuilder out = new StringBuilder("\n== ")
                .append(name)
                .append(" ")
                .append(context)
                .append('\n');
        columns.forEach(c -> out.append(String.format("| %-" + widths.get(c) + "s ", c)));
        out.append("|\n");
        columns.forEach(c -> out.append("|").append("-".repeat(widths.get(c) + 2)));
        out.append("|\n");
        for (Map<String, Object> row : rows) {
            columns.forEach(c -> out.append(String.format("| %" + widths.get(c) + "s ", row.get(c))));
            out.append("|\n");
        }
        return out.toString();
    }
}
