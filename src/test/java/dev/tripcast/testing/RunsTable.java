package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/** Assertions on the {@code runs} table a CLI run leaves in its warehouse. */
public final class RunsTable {
  private RunsTable() {}

  /** Run id → status of every run of {@code job} in the warehouse's {@code runs} table. */
  public static Map<String, String> statuses(Path tables, String job) {
    Map<String, String> status = new TreeMap<>();
    TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .where("job = '" + job + "'").selectExpr("run_id", "status").collectAsList()
        .forEach(r -> status.put(r.getString(0), r.getString(1)));
    return status;
  }

  /**
   * A run that was refused wrote nothing but its own {@code runs} row: the warehouse holds only
   * the {@code runs} table, with one row for {@code job}, status failed and {@code exitCode}.
   */
  public static void onlyTheFailedRun(Path tables, String job, int exitCode) {
    try (Stream<Path> children = Files.list(tables)) {
      assertEquals(List.of("runs"), children.map(p -> p.getFileName().toString()).toList(),
          "only the run's own record may be written under " + tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .selectExpr("job", "status", "exit_code").collectAsList();
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(List.of(job, "failed", exitCode), List.of(rows.get(0).getString(0), rows.get(0).getString(1),
        rows.get(0).getInt(2)));
  }
}
