package dev.tripcast.tables;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ConcurrentChangeException;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Warehouse} on real Delta tables in a temporary folder. The table used here is declared
 * in this test alone: a new table is one {@link Table} descriptor and nothing else.
 */
class WarehouseIT {
  /** A table no job knows: declared here, then created, replaced and read through the warehouse. */
  private static final Table TRIPS = Table.of("trips", "ride_id STRING, taxi_type STRING, month STRING, minutes DOUBLE",
      List.of("taxi_type", "month"), List.of("taxi_type", "month"), "one row per test trip");

  private final SparkSession spark = TestSpark.session();

  @Test
  void replacingAKeyTwiceKeepsOnlyTheSecondRowsAndLeavesOtherMonthsAlone(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    String path = warehouse.location(TRIPS);
    Table.Key january = TRIPS.key("green", "2021-01");
    Table.Key february = TRIPS.key("green", "2021-02");

    Warehouse.Commit first = warehouse.replace(january,
        rows(row("jan-a", "2021-01", 1), row("jan-b", "2021-01", 2), row("jan-c", "2021-01", 3)), meta("run-1"));
    Warehouse.Commit other = warehouse.replace(february, rows(row("feb-a", "2021-02", 10), row("feb-b", "2021-02", 20)),
        meta("run-2"));
    Warehouse.Commit second = warehouse.replace(january,
        rows(row("jan-x", "2021-01", 7), row("jan-y", "2021-01", 8), row("jan-z", "2021-01", 9), row("jan-w", "2021-01", 6)),
        meta("run-3"));

    // Version 0 creates the empty table ahead of the first write; then 1 (January), 2 (February), 3 (January again).
    assertEquals(new Warehouse.Commit("trips", path, 1, 3), first);
    assertEquals(new Warehouse.Commit("trips", path, 2, 2), other);
    assertEquals(new Warehouse.Commit("trips", path, 3, 4), second);

    // Plain SQL on the path: January holds exactly the second rows, February is untouched.
    String table = "delta.`" + path + "`";
    assertEquals(List.of("jan-w", "jan-x", "jan-y", "jan-z"), ids(spark.sql(
        "SELECT ride_id FROM " + table + " WHERE taxi_type = 'green' AND month = '2021-01' ORDER BY ride_id")));
    assertEquals(List.of("feb-a", "feb-b"), ids(spark.sql(
        "SELECT ride_id FROM " + table + " WHERE month = '2021-02' ORDER BY ride_id")));
    assertEquals(30.0, spark.sql("SELECT sum(minutes) FROM " + table + " WHERE month = '2021-01'")
        .first().getDouble(0), 0.0); // 7 + 8 + 9 + 6
    assertEquals(6L, spark.sql("SELECT count(*) FROM " + table).first().getLong(0));
    Row detail = DeltaTable.forPath(spark, path).detail().first();
    assertEquals(List.of("taxi_type", "month"), detail.getList(detail.fieldIndex("partitionColumns")));
    assertEquals("one row per test trip", detail.getString(detail.fieldIndex("description")));

    // February's data files are the very ones version 2 wrote: the January replace did not rewrite them.
    assertEquals(files(warehouse, february, 2), files(warehouse, february, 3));

    // Time travel still sees the first January rows at versions 1 and 2.
    assertEquals(List.of("jan-a", "jan-b", "jan-c"), ids(warehouse.read(january, 2).select("ride_id").orderBy("ride_id")));
    assertEquals(List.of("jan-w", "jan-x", "jan-y", "jan-z"),
        ids(warehouse.read(january, 3).select("ride_id").orderBy("ride_id")));
    Warehouse.Snapshot latest = warehouse.readLatest(january).orElseThrow();
    assertEquals(3, latest.version());
    assertEquals(4, latest.rows().count());
  }

  @Test
  void eachCommitCarriesItsUserMetadataInTheHistory(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    warehouse.replace(TRIPS.key("green", "2021-01"), rows(row("a", "2021-01", 1)), meta("run-1"));
    warehouse.replace(TRIPS.key("green", "2021-01"), rows(row("b", "2021-01", 2)), meta("run-2"));

    Map<Long, String> expected = new LinkedHashMap<>();
    expected.put(2L, meta("run-2"));
    expected.put(1L, meta("run-1"));
    expected.put(0L, null); // the table's creation
    assertEquals(expected, metadataByVersion(spark.sql("DESCRIBE HISTORY delta.`" + warehouse.location(TRIPS) + "`")));
  }

  @Test
  void prepareCreatesAnEmptyTableAndAMissingTableReadsAsAbsent(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    assertTrue(warehouse.version(TRIPS).isEmpty());
    assertTrue(warehouse.readLatest(TRIPS.key("green", "2021-01")).isEmpty());

    warehouse.prepare(TRIPS);

    assertEquals(0L, warehouse.version(TRIPS).orElseThrow());
    assertEquals(0L, warehouse.readAll(TRIPS).orElseThrow().count());
    assertEquals(List.of("ride_id", "taxi_type", "month", "minutes"),
        List.of(warehouse.readAll(TRIPS).orElseThrow().columns()));
  }

  @Test
  void twoRunsPreparingANewTableAtOnceBothSucceed(@TempDir Path dir) {
    // Each run has its own Warehouse (as two jobs would); both create the same table at the same moment.
    CompletableFuture<?> a = CompletableFuture.runAsync(() -> warehouse(dir).prepare(TRIPS));
    CompletableFuture<?> b = CompletableFuture.runAsync(() -> warehouse(dir).prepare(TRIPS));
    CompletableFuture.allOf(a, b).join();

    assertTrue(DeltaTable.isDeltaTable(spark, warehouse(dir).location(TRIPS)));
    assertFalse(a.isCompletedExceptionally() || b.isCompletedExceptionally());
    assertEquals(List.of("CREATE TABLE"), DeltaTable.forPath(spark, warehouse(dir).location(TRIPS)).history()
        .select("operation").collectAsList().stream().map(r -> r.getString(0)).toList(), "one creation commit");
  }

  @Test
  void aTableAnotherProcessCreatedIsSeenThoughThisSessionFirstSawItAbsent(@TempDir Path dir) throws IOException {
    Warehouse here = warehouse(dir.resolve("here"));
    Path hereTable = Path.of(java.net.URI.create(here.location(TRIPS)));
    // Another process is creating the table: its log folder exists, its first commit not yet.
    Files.createDirectories(hereTable.resolve("_delta_log"));
    assertTrue(here.version(TRIPS).isEmpty()); // this session's Delta log cache now says "no table" at the path
    Warehouse elsewhere = warehouse(dir.resolve("elsewhere"));
    elsewhere.replace(TRIPS.key("green", "2021-01"), rows(row("a", "2021-01", 1), row("b", "2021-01", 2)), meta("run-1"));

    // The other process commits: its files appear at the path without this session writing them.
    LocalReference.copyTree(Path.of(java.net.URI.create(elsewhere.location(TRIPS))), hereTable);

    assertEquals(1L, here.version(TRIPS).orElseThrow());
    assertEquals(2L, here.readAll(TRIPS).orElseThrow().count());
    here.check(TRIPS); // and its columns are checked, not skipped as absent
    assertEquals(1L, here.readLatest(TRIPS.key("green", "2021-01")).orElseThrow().version());
  }

  /** Held inside the slow run's write job, after its transaction read the table and before it commits. */
  private static final CountDownLatch SLOW_RUN_WRITING = new CountDownLatch(1);
  private static final CountDownLatch FAST_RUN_COMMITTED = new CountDownLatch(1);

  @Test
  void aReplaceThatLosesToAnotherRunsCommitOnItsKeyFailsWithExitFiveNamingTheOtherRun(@TempDir Path dir)
      throws Exception {
    Table.Key january = TRIPS.key("green", "2021-01");
    warehouse(dir).replace(january, rows(row("old", "2021-01", 1)), meta("run-first"));
    spark.udf().register("warehouseItHoldWrite", (UDF1<Double, Double>) minutes -> {
      SLOW_RUN_WRITING.countDown();
      FAST_RUN_COMMITTED.await(60, TimeUnit.SECONDS);
      return minutes;
    }, DataTypes.DoubleType);
    Dataset<Row> held = rows(row("slow", "2021-01", 5)).withColumn("minutes", callUDF("warehouseItHoldWrite", col("minutes")));

    CompletableFuture<Warehouse.Commit> slow = CompletableFuture.supplyAsync(
        () -> warehouse(dir).replace(january, held, meta("run-slow")));
    assertTrue(SLOW_RUN_WRITING.await(60, TimeUnit.SECONDS), "the slow run's write job started");
    Warehouse.Commit fast = warehouse(dir).replace(january, rows(row("fast", "2021-01", 7)), meta("run-fast"));
    FAST_RUN_COMMITTED.countDown();

    ExecutionException lost = assertThrows(ExecutionException.class, slow::get);
    ConcurrentChangeException e = assertInstanceOf(ConcurrentChangeException.class, lost.getCause());
    assertEquals(ExitCode.CONCURRENT_CHANGE, e.exitCode());
    assertEquals(5, e.exitCode().code());
    String path = warehouse(dir).location(TRIPS);
    assertTrue(e.getMessage().startsWith(path + ": the replace of " + january.predicate()), e.getMessage());
    assertTrue(e.getMessage().contains("latest commit is run run-fast's"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    // Nothing of the losing run was committed: the key holds the winner's rows at the winner's version.
    assertEquals(2L, fast.version());
    assertEquals(2L, warehouse(dir).version(TRIPS).orElseThrow());
    assertEquals(List.of("fast"), ids(warehouse(dir).readLatest(january).orElseThrow().rows().select("ride_id")));
  }

  @Test
  void aTableWhoseColumnsDifferFromItsDescriptorIsRefusedBeforeAnyWrite(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    Table older = Table.of("trips", "ride_id STRING, taxi_type STRING, month STRING",
        List.of("taxi_type", "month"), List.of("taxi_type", "month"), "an older release's shape");
    warehouse.replace(older.key("green", "2021-01"),
        spark.createDataFrame(List.of(RowFactory.create("a", "green", "2021-01")), older.schema()), meta("run-1"));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> warehouse(dir).prepare(TRIPS));

    assertTrue(e.getMessage().startsWith("Delta table " + warehouse.location(TRIPS)), e.getMessage());
    assertEquals(1L, warehouse.version(TRIPS).orElseThrow());
  }

  @Test
  void rowsOutsideTheKeyAreRefusedAndNothingIsCommitted(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    Table.Key january = TRIPS.key("green", "2021-01");
    warehouse.replace(january, rows(row("jan-a", "2021-01", 1)), meta("run-1"));

    Exception refused = assertThrows(Exception.class, () -> warehouse.replace(january,
        rows(row("jan-b", "2021-01", 2), row("mar-a", "2021-03", 3)), meta("run-2")));
    assertTrue(messages(refused).contains("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES"), messages(refused));

    assertEquals(1L, warehouse.version(TRIPS).orElseThrow());
    assertEquals(List.of("jan-a"), ids(warehouse.readAll(TRIPS).orElseThrow().select("ride_id")));
  }

  @Test
  void aKeyWithSeveralValuesReplacesThemAllInOneCommit(@TempDir Path dir) {
    Warehouse warehouse = warehouse(dir);
    warehouse.replace(TRIPS.key("green", "2021-01"), rows(row("jan-a", "2021-01", 1)), meta("run-1"));
    warehouse.replace(TRIPS.key("green", "2021-02"), rows(row("feb-a", "2021-02", 1)), meta("run-2"));

    Warehouse.Commit both = warehouse.replace(TRIPS.key("green", List.of("2021-01", "2021-02")),
        rows(row("jan-b", "2021-01", 1), row("feb-b", "2021-02", 1)), meta("run-3"));

    assertEquals(3L, both.version());
    assertEquals(List.of("feb-b", "jan-b"), ids(warehouse.readAll(TRIPS).orElseThrow().select("ride_id").orderBy("ride_id")));
  }

  @Test
  void quotesAndBackslashesInKeyValuesAreEscaped(@TempDir Path dir) {
    String odd = "o'hare \\ jfk";
    // Spark SQL reads the literal back as the same string (a doubled quote would not: 'o''hare' is "ohare").
    assertEquals(odd, spark.sql("SELECT " + Table.Key.sqlString(odd)).first().getString(0));

    Warehouse warehouse = warehouse(dir);
    Table.Key quoted = TRIPS.key(odd, "2021-01");
    warehouse.replace(TRIPS.key("green", "2021-01"), rows(row("green-1", "2021-01", 1)), meta("run-1"));
    warehouse.replace(quoted, oddRows(odd, "q1"), meta("run-2"));

    Warehouse.Commit again = warehouse.replace(quoted, oddRows(odd, "q2"), meta("run-3"));

    assertEquals(new Warehouse.Commit("trips", warehouse.location(TRIPS), 3, 1), again);
    assertEquals(List.of("green-1", "q2"), ids(warehouse.readAll(TRIPS).orElseThrow().select("ride_id").orderBy("ride_id")));
    assertEquals(List.of("q2"), ids(warehouse.read(quoted, 3).select("ride_id")));
  }

  @Test
  void updateRowSetsEveryColumnOfThatKeyOnlyWithNullsEmptyMapsArraysAndStructs(@TempDir Path dir) {
    Table log = Table.of("log", "id STRING, status STRING, code INT, at TIMESTAMP, args ARRAY<STRING>, "
        + "metrics MAP<STRING, DOUBLE>, inputs ARRAY<STRUCT<path: STRING, rows: BIGINT>>", List.of(), List.of("id"),
        "a run log");
    Warehouse warehouse = warehouse(dir);
    warehouse.append(log, spark.createDataFrame(List.of(
        RowFactory.create("a", "running", null, null, List.of(), Map.of(), List.of()),
        RowFactory.create("b", "running", null, null, List.of("x"), Map.of(), List.of())), log.schema()), meta("run-a"));
    java.sql.Timestamp at = java.sql.Timestamp.valueOf("2026-12-04 07:30:00.123");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rmse", 4.4731);
    metrics.put("mae", 2.9959);

    warehouse.updateRow(log, "id", RowFactory.create("a", "succeeded", 0, at, List.of("score", "--month", "it's"),
        metrics, List.of(RowFactory.create("file:/d/green.parquet", 76_518L), RowFactory.create(null, null))),
        meta("run-a"));

    List<String> rows = ids(spark.read().format("delta").load(warehouse.location(log)).orderBy("id").selectExpr(
        "concat_ws(' | ', id, status, coalesce(cast(code AS STRING), 'null'), coalesce(cast(at AS STRING), 'null'), "
            + "to_json(args), to_json(metrics), to_json(inputs))"));
    assertEquals(List.of(
        "a | succeeded | 0 | 2026-12-04 07:30:00.123 | [\"score\",\"--month\",\"it's\"] | {\"rmse\":4.4731,\"mae\":2.9959} "
            + "| [{\"path\":\"file:/d/green.parquet\",\"rows\":76518},{}]",
        "b | running | null | null | [\"x\"] | {} | []"), rows);
  }

  @Test
  void aKeyNeedsOneValuePerKeyColumn() {
    assertThrows(IllegalArgumentException.class, () -> TRIPS.key("green"));
    assertThrows(IllegalArgumentException.class, () -> TRIPS.key("green", List.of()));
    assertEquals("`taxi_type` IN ('green') AND `month` IN ('2021-01', '2021-02')",
        TRIPS.key("green", List.of("2021-01", "2021-02")).predicate());
  }

  @Test
  void aCatalogDatabaseWithoutAMetastoreIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
    // The shared session keeps Spark's in-memory catalog: a registration there would vanish with the run.
    Warehouse warehouse = new Warehouse(spark, dir.resolve("tables").toString(), LogStorePolicy.REFUSE,
        java.util.Optional.of("tripcast"));

    NoMetastoreException e = assertThrows(NoMetastoreException.class, () -> warehouse.prepare(TRIPS));

    assertEquals("tripcast.catalog.database is 'tripcast' but this Spark session has no metastore"
        + " (spark.sql.catalogImplementation = in-memory): run with Spark's Hive support"
        + " (spark.sql.catalogImplementation = hive, docs/deploy.md) or leave tripcast.catalog.database empty",
        e.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("tables")), "nothing written");
    assertFalse(spark.catalog().databaseExists("tripcast"), "nothing registered");
  }

  private Warehouse warehouse(Path dir) {
    return new Warehouse(spark, dir.toString(), LogStorePolicy.REFUSE);
  }

  private Dataset<Row> oddRows(String taxiType, String id) {
    return spark.createDataFrame(List.of(RowFactory.create(id, taxiType, "2021-01", 1.0)), TRIPS.schema());
  }

  @Test
  void aRunReadsOneSnapshotOfATableUntilItWritesItAndFindsItsCommitAmongOthers(@TempDir Path dir) {
    Warehouse run = warehouse(dir);
    Warehouse other = warehouse(dir);
    Table.Key january = TRIPS.key("green", "2021-01");
    run.replace(january, rows(row("jan-a", "2021-01", 1)), meta("run-1"));
    Warehouse.Snapshot seen = run.readLatest(january).orElseThrow();

    // Another run's commit after this run read the table: this run still reads what it read first.
    Warehouse.Commit theirs = other.replace(january, rows(row("jan-b", "2021-01", 2)), meta("run-2"));
    Warehouse.Snapshot again = run.readLatest(january).orElseThrow();
    assertEquals(seen.version(), again.version());
    assertEquals(List.of("jan-a"), ids(again.rows().select("ride_id")));

    // Its own write moves its snapshot; the commit found is its own, after the other run's.
    Warehouse.Commit mine = run.replace(january, rows(row("jan-c", "2021-01", 3), row("jan-d", "2021-01", 4)),
        meta("run-3"));
    assertEquals(theirs.version() + 1, mine.version());
    assertEquals(2, mine.rowsWritten());
    Warehouse.Snapshot after = run.readLatest(january).orElseThrow();
    assertEquals(mine.version(), after.version());
    assertEquals(List.of("jan-c", "jan-d"), ids(after.rows().select("ride_id").orderBy("ride_id")));
  }

  private Dataset<Row> rows(Row... rows) {
    return spark.createDataFrame(List.of(rows), TRIPS.schema());
  }

  private static Row row(String id, String month, double minutes) {
    return RowFactory.create(id, "green", month, minutes);
  }

  private static String meta(String runId) {
    return RunMetadata.json(runId, "score", null);
  }

  private static List<String> ids(Dataset<Row> oneStringColumn) {
    return oneStringColumn.collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** The data files holding one key's rows at a table version. */
  private static List<String> files(Warehouse warehouse, Table.Key key, long version) {
    List<String> out = ids(warehouse.read(key, version).select(input_file_name().as("file")).distinct().orderBy("file"));
    assertFalse(out.isEmpty());
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
