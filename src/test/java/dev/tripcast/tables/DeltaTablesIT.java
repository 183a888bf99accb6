package dev.tripcast.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeltaTables#replacePartition} on a real Delta table in a temporary folder. */
class DeltaTablesIT {
  private static final StructType ROWS = StructType.fromDDL(
      "ride_id STRING, taxi_type STRING, service_month STRING, minutes DOUBLE");

  private final SparkSession spark = TestSpark.session();

  @Test
  void replacingAPartitionTwiceKeepsOnlyTheSecondRowsAndLeavesOtherMonthsAlone(@TempDir Path dir) {
    String path = DeltaTables.location(TestSpark.session(), dir.toString(), "scored_trips");
    Map<String, String> january = partition("green", "2021-01");
    Map<String, String> february = partition("green", "2021-02");

    DeltaTables.Commit first = DeltaTables.replacePartition(
        rows(row("jan-a", "2021-01", 1), row("jan-b", "2021-01", 2), row("jan-c", "2021-01", 3)),
        path, january, meta("run-1"));
    DeltaTables.Commit other = DeltaTables.replacePartition(
        rows(row("feb-a", "2021-02", 10), row("feb-b", "2021-02", 20)), path, february, meta("run-2"));
    DeltaTables.Commit second = DeltaTables.replacePartition(
        rows(row("jan-x", "2021-01", 7), row("jan-y", "2021-01", 8), row("jan-z", "2021-01", 9), row("jan-w", "2021-01", 6)),
        path, january, meta("run-3"));

    // Versions 0 (create), 1 (February), 2 (January again); rows are each write's own rows.
    assertEquals(new DeltaTables.Commit(path, 0, 3), first);
    assertEquals(new DeltaTables.Commit(path, 1, 2), other);
    assertEquals(new DeltaTables.Commit(path, 2, 4), second);

    // Plain SQL on the path: January holds exactly the second rows, February is untouched.
    String table = "delta.`" + path + "`";
    assertEquals(List.of("jan-w", "jan-x", "jan-y", "jan-z"), ids(spark.sql(
        "SELECT ride_id FROM " + table + " WHERE taxi_type = 'green' AND service_month = '2021-01' ORDER BY ride_id")));
    assertEquals(List.of("feb-a", "feb-b"), ids(spark.sql(
        "SELECT ride_id FROM " + table + " WHERE service_month = '2021-02' ORDER BY ride_id")));
    assertEquals(30.0, spark.sql("SELECT sum(minutes) FROM " + table + " WHERE service_month = '2021-01'")
        .first().getDouble(0), 0.0); // 7 + 8 + 9 + 6
    assertEquals(6L, spark.sql("SELECT count(*) FROM " + table).first().getLong(0));
    Row detail = DeltaTable.forPath(spark, path).detail().first();
    assertEquals(List.of("taxi_type", "service_month"), detail.getList(detail.fieldIndex("partitionColumns")));

    // February's data files are the very ones version 1 wrote: the January replace did not rewrite them.
    assertEquals(files(spark, path, 1, february), files(spark, path, 2, february));

    // Time travel still sees the first January rows at version 0 and 1.
    assertEquals(List.of("jan-a", "jan-b", "jan-c"),
        ids(DeltaTables.readPartition(spark, path, 1, january).select("ride_id").orderBy("ride_id")));
    assertEquals(List.of("jan-w", "jan-x", "jan-y", "jan-z"),
        ids(DeltaTables.readPartition(spark, path, 2, january).select("ride_id").orderBy("ride_id")));
  }

  @Test
  void eachCommitCarriesItsUserMetadataInTheHistory(@TempDir Path dir) {
    String path = DeltaTables.location(TestSpark.session(), dir.toString(), "error_report");
    DeltaTables.replacePartition(rows(row("a", "2021-01", 1)), path, partition("green", "2021-01"), meta("run-1"));
    DeltaTables.replacePartition(rows(row("b", "2021-01", 2)), path, partition("green", "2021-01"), meta("run-2"));

    Map<Long, String> expected = Map.of(0L, meta("run-1"), 1L, meta("run-2"));
    assertEquals(expected, metadataByVersion(spark.sql("DESCRIBE HISTORY delta.`" + path + "`")));
    assertEquals(expected, metadataByVersion(DeltaTable.forPath(spark, path).history()));
  }

  @Test
  void rowsOutsideThePartitionAreRefusedAndNothingIsCommitted(@TempDir Path dir) {
    String path = DeltaTables.location(TestSpark.session(), dir.toString(), "scored_trips");
    Map<String, String> january = partition("green", "2021-01");
    DeltaTables.replacePartition(rows(row("jan-a", "2021-01", 1)), path, january, meta("run-1"));

    Exception refused = assertThrows(Exception.class, () -> DeltaTables.replacePartition(
        rows(row("jan-b", "2021-01", 2), row("mar-a", "2021-03", 3)), path, january, meta("run-2")));
    assertTrue(messages(refused).contains("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES"), messages(refused));

    assertEquals(List.of(0L), DeltaTable.forPath(spark, path).history().select("version").collectAsList().stream()
        .map(r -> r.getLong(0)).toList());
    assertEquals(List.of("jan-a"), ids(spark.read().format("delta").load(path).select("ride_id")));
  }

  @Test
  void quotesAndBackslashesInPartitionValuesAreEscaped(@TempDir Path dir) {
    String odd = "o'hare \\ jfk";
    // Spark SQL reads the literal back as the same string (a doubled quote would not: 'o''hare' is "ohare").
    assertEquals(odd, spark.sql("SELECT " + DeltaTables.sqlString(odd)).first().getString(0));

    String path = DeltaTables.location(TestSpark.session(), dir.toString(), "t");
    Map<String, String> quoted = partition(odd, "2021-01");
    DeltaTables.replacePartition(rows(row("green-1", "2021-01", 1)), path, partition("green", "2021-01"), meta("run-1"));
    DeltaTables.replacePartition(oddRows(odd, "q1"), path, quoted, meta("run-2"));

    DeltaTables.Commit again = DeltaTables.replacePartition(oddRows(odd, "q2"), path, quoted, meta("run-3"));

    assertEquals(new DeltaTables.Commit(path, 2, 1), again);
    assertEquals(List.of("green-1", "q2"),
        ids(spark.read().format("delta").load(path).select("ride_id").orderBy("ride_id")));
    assertEquals(List.of("q2"), ids(DeltaTables.readPartition(spark, path, 2, quoted).select("ride_id")));
  }

  private Dataset<Row> oddRows(String taxiType, String id) {
    return spark.createDataFrame(List.of(RowFactory.create(id, taxiType, "2021-01", 1.0)), ROWS);
  }

  private Dataset<Row> rows(Row... rows) {
    return spark.createDataFrame(List.of(rows), ROWS);
  }

  private static Row row(String id, String month, double minutes) {
    return RowFactory.create(id, "green", month, minutes);
  }

  private static Map<String, String> partition(String taxiType, String month) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("taxi_type", taxiType);
    p.put("service_month", month);
    return p;
  }

  private static String meta(String runId) {
    return "{\"run_id\":\"" + runId + "\",\"job\":\"score\"}";
  }

  private static List<String> ids(Dataset<Row> oneStringColumn) {
    return oneStringColumn.collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** The data files holding one partition's rows at a table version. */
  private static List<String> files(SparkSession spark, String path, long version, Map<String, String> partition) {
    List<String> out = ids(DeltaTables.readPartition(spark, path, version, partition)
        .select(input_file_name().as("file")).distinct().orderBy("file"));
    assertTrue(!out.isEmpty());
    return out;
  }

  /** The messages of an exception and its causes, one per line. */
  private static String messages(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      out.append(c.getMessage()).append('\n');
    }
    return out.toString();
  }

  private static Map<Long, String> metadataByVersion(Dataset<Row> history) {
    Map<Long, String> out = new LinkedHashMap<>();
    history.select(col("version"), col("userMetadata")).collectAsList()
        .forEach(r -> out.put(r.getLong(0), r.getString(1)));
    return out;
  }
}
