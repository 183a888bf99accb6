package dev.tripcast.notebooks;

import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.TripReader;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Notebook 5: the schema drift between TLC's file generations. For every month file at the top of
 * the data root: the column names and Spark types of the file as published (Parquet footer or CSV
 * header; CSV is all text), grouped into generations of identical schemas, and the
 * {@code source_schema} tripcast records for it in {@code data_quality}.
 */
final class SchemaNotebook {
  static final String FILE = "05-schema-drift.md";
  private static final Pattern NAME = Pattern.compile("green_tripdata_(\\d{4}-\\d{2})\\.(parquet|csv\\.gz|csv)");

  private SchemaNotebook() {}

  private record FileSchema(String name, YearMonth month, MonthFile.Format format, Map<String, String> columns,
      String sourceSchema) {}

  static Page write(ExplorationData data, Path figures) {
    List<FileSchema> files = new ArrayList<>();
    for (FileStatus status : data.files()) {
      Matcher m = NAME.matcher(status.getPath().getName());
      if (!m.matches()) {
        continue;
      }
      MonthFile.Format format = switch (m.group(2)) {
        case "parquet" -> MonthFile.Format.PARQUET;
        case "csv.gz" -> MonthFile.Format.CSV_GZ;
        default -> MonthFile.Format.CSV;
      };
      MonthFile file = new MonthFile(ExplorationData.TAXI, YearMonth.parse(m.group(1)), status.getPath().toString(),
          status.getLen(), format);
      StructType raw = format == MonthFile.Format.PARQUET
          ? data.spark().read().parquet(file.path()).schema()
          : data.spark().read().option("header", "true").csv(file.path()).schema();
      Map<String, String> columns = new LinkedHashMap<>();
      for (StructField f : raw.fields()) {
        columns.put(f.name(), f.dataType().simpleString());
      }
      String sourceSchema = TripReader.readMonth(data.spark(), file).select(TripColumns.SOURCE_SCHEMA).first().getString(0);
      files.add(new FileSchema(status.getPath().getName(), file.month(), format, columns, sourceSchema));
    }

    Map<Map<String, String>, String> generations = new LinkedHashMap<>();
    for (FileSchema f : files) {
      generations.computeIfAbsent(f.columns(), k -> String.valueOf((char) ('A' + generations.size())));
    }
    Set<String> allColumns = new LinkedHashSet<>();
    generations.keySet().forEach(g -> allColumns.addAll(g.keySet()));

    StringBuilder fileTable = new StringBuilder("| file | generation | columns | tripcast's source_schema |\n|---|---|---:|---|\n");
    DefaultCategoryDataset types = new DefaultCategoryDataset();
    Set<String> typeNames = new java.util.TreeSet<>();
    files.forEach(f -> typeNames.addAll(f.columns().values()));
    for (FileSchema f : files) {
      fileTable.append("| ").append(f.name()).append(" | ").append(generations.get(f.columns())).append(" | ")
          .append(f.columns().size()).append(" | `").append(f.sourceSchema()).append("` |\n");
      Map<String, Integer> perType = new TreeMap<>();
      f.columns().values().forEach(t -> perType.merge(t, 1, Integer::sum));
      for (String type : typeNames) {
        types.addValue(perType.getOrDefault(type, 0), type, label(f));
      }
    }

    List<String> drifting = new ArrayList<>();
    List<String> stable = new ArrayList<>();
    StringBuilder header = new StringBuilder("| column |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String g : generations.values()) {
      header.append(" ").append(g).append(" |");
      rule.append("---|");
    }
    StringBuilder driftTable = new StringBuilder(header + "\n" + rule + "\n");
    Set<Map<String, String>> parquetGenerations = new LinkedHashSet<>();
    Set<String> csvGenerations = new java.util.TreeSet<>();
    for (FileSchema f : files) {
      if (f.format() == MonthFile.Format.PARQUET) {
        parquetGenerations.add(f.columns());
      } else {
        csvGenerations.add(generations.get(f.columns()));
      }
    }
    for (String column : allColumns) {
      Set<String> seen = new LinkedHashSet<>();
      parquetGenerations.forEach(g -> seen.add(g.getOrDefault(column, "(absent)")));
      if (seen.size() == 1) {
        stable.add("`" + column + "` " + seen.iterator().next());
        continue;
      }
      drifting.add(column);
      driftTable.append("| `").append(column).append("` |");
      generations.keySet().forEach(g -> driftTable.append(" ").append(g.getOrDefault(column, "(absent)")).append(" |"));
      driftTable.append("\n");
    }

    StringBuilder changes = new StringBuilder();
    FileSchema previous = null;
    for (FileSchema f : files) {
      if (f.format() != MonthFile.Format.PARQUET) {
        continue;
      }
      if (previous != null && !previous.columns().equals(f.columns())) {
        changes.append("- between ").append(previous.name()).append(" (generation ")
            .append(generations.get(previous.columns())).append(") and ").append(f.name()).append(" (generation ")
            .append(generations.get(f.columns())).append(")\n");
      }
      previous = f;
    }

    String figure = "05-column-types-per-file.png";
    Charts.save(Charts.bars("Columns per Spark type in each shipped file (green)", "file (month, format)",
        "columns", types, true, true), figures.resolve(figure));

    Template t = new Template()
        .put("figure", "figures/" + figure)
        .count("files", files.size())
        .count("generations", generations.size())
        .count("drifting", drifting.size())
        .count("parquet_generations", parquetGenerations.size())
        .put("csv_generations", String.join(", ", csvGenerations))
        .put("file_table", fileTable.toString().stripTrailing())
        .put("drift_table", driftTable.toString().stripTrailing())
        .put("stable", String.join(", ", stable))
        .put("changes", changes.length() == 0 ? "- none" : changes.toString().stripTrailing());
    return Page.of(FILE, t);
  }

  private static String label(FileSchema f) {
    return f.month() + (f.format() == MonthFile.Format.PARQUET ? " parquet" : " csv");
  }
}
