package dev.tripcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Every Delta table of a warehouse read back as sorted text, without what differs between two
 * clean runs of the same commands: the columns that name or time a run (the table descriptors'
 * {@code run_id}, {@code event_id}, {@code scored_at}, {@code checked_at}, {@code created_at},
 * {@code delivered_at}, {@code event_time}), the registry's training fingerprints and the
 * warehouse's own root in any text; maps are shown with their entries sorted by key. The
 * {@code runs} table, which is all per-run, is left out.
 */
public final class WarehouseRows {
  /** Columns whose values are a run's id or clock, not what it computed (docs/tables.md). */
  public static final Set<String> PER_RUN_COLUMNS =
      Set.of("run_id", "event_id", "scored_at", "checked_at", "created_at", "delivered_at", "event_time");

  /**
   * {@code model_registry.details} without its {@code fingerprint}: a hash of the input files' paths
   * and modification times (jobs.TrainingFingerprint), so it differs between two warehouses' months.
   */
  private static final String DETAILS_WITHOUT_FINGERPRINT = "map_filter(details, (k, v) -> k != 'fingerprint')";

  private WarehouseRows() {}

  /** The column as SQL, a map's entries sorted by key (a map keeps the order it was written in, a HashMap's). */
  private static String comparable(StructField field) {
    String column = field.name().equals("details") ? DETAILS_WITHOUT_FINGERPRINT : "`" + field.name() + "`";
    return field.dataType() instanceof MapType
        ? "map_from_entries(array_sort(map_entries(" + column + "))) AS `" + field.name() + "`"
        : column + " AS `" + field.name() + "`";
  }

  /** Table name → its rows as sorted text, for every table folder under {@code tables} but {@code runs}. */
  public static Map<String, List<String>> of(Path tables, Path root) {
    Map<String, List<String>> all = new TreeMap<>();
    try (Stream<Path> children = Files.list(tables)) {
      for (Path table : children.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).toList()) {
        String name = table.getFileName().toString();
        if (!name.equals("runs")) {
          Dataset<Row> rows = TestSpark.session().read().format("delta").load(table.toString());
          String[] kept = Arrays.stream(rows.schema().fields()).filter(f -> !PER_RUN_COLUMNS.contains(f.name()))
              .map(WarehouseRows::comparable).toArray(String[]::new);
          all.put(name, rows.selectExpr(kept).collectAsList().stream()
              .map(r -> r.toString().replace(root.toString(), "<root>")).sorted().toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
