package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.TableMaintenance;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MaintainJob} on a real partitioned Delta table (declared here, like WarehouseIT's) after
 * several replaces of the same month, recorded in a real {@code runs} table. The table sets
 * {@code delta.deletedFileRetentionDuration} to {@link #RETENTION} (one hour, the shortest VACUUM
 * retention), and maintenance runs as of one retention after the replaces: the replaced files are
 * then older than the retention, and those OPTIMIZE removes younger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintainIT {
  private static final Table TRIPS = Table.of("trips", "ride_id STRING, taxi_type STRING, month STRING, minutes DOUBLE",
      List.of("taxi_type", "month"), List.of("taxi_type", "month"), "one row per test trip");
  private static final Duration RETENTION = Duration.ofHours(1);

  private final SparkSession spark = TestSpark.session();
  private Path work;
  private Settings settings;
  private Warehouse warehouse;
  private String path;
  private List<Row> rowsBefore;
  private Set<String> filesBefore;
  private long bytesBefore;
  private Set<String> replacedFiles;
  private long versionBefore;
  private Instant vacuumedBefore;
  private MaintainJob.Result first;
  private Set<String> filesAfterFirst;
  private MaintainJob.Result second;
  private Set<String> filesAfterSecond;

  @BeforeAll
  void replaceJanuaryThreeTimesThenMaintainTwice(@TempDir Path dir) {
    work = dir;
    settings = TestSettings.defaults(work.resolve("data"), work)
        .withMaintenance(new Settings.Maintenance(RETENTION, Duration.ofDays(7)));
    warehouse = RunContext.open(spark, settings, RunInfo.start("maintain")).warehouse();
    path = warehouse.location(TRIPS);
    warehouse.prepare(TRIPS);
    spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval "
        + RETENTION.toHours() + " hours')");
    // Each replace writes two files (two tasks); January is replaced three times: its first two
    // versions' four files leave the table, and are older than the retention when maintain runs.
    replace("2021-01", 1);
    replace("2021-01", 2);
    Set<String> firstJanuaries = files();
    replace("2021-01", 3);
    replace("2021-02", 4);
    replacedFiles = new TreeSet<>(firstJanuaries);
    replacedFiles.removeAll(liveFiles());
    // Maintenance runs as of one retention after this moment: the files replaced so far are then
    // older than the retention, and every later removal younger.
    vacuumedBefore = Instant.now();
    replace("2021-03", 5);
    rowsBefore = rows(spark.read().format("delta").load(path));
    filesBefore = files();
    bytesBefore = bytes(filesBefore);
    versionBefore = warehouse.version(TRIPS).orElseThrow();

    first = maintain();
    filesAfterFirst = files();
    second = maintain();
    filesAfterSecond = files();
  }

  @Test
  void optimizeLeavesOneFilePerChangedPartitionAndTheSameRows() {
    MaintainJob.TableResult trips = first.tables().get(0);
    assertEquals(List.of("taxi_type=green AND month=2021-01", "taxi_type=green AND month=2021-02",
        "taxi_type=green AND month=2021-03"), trips.partitions().stream().sorted().toList());
    assertEquals(6, trips.before().liveFiles());
    assertEquals(3, trips.after().liveFiles());
    assertEquals(rowsBefore, rows(spark.read().format("delta").load(path)));
  }

  @Test
  void checkpointIsAtTheVersionMaintenanceLeft() {
    long current = first.tables().get(0).after().version();
    assertEquals(current, first.tables().get(0).after().checkpointVersion());
    assertTrue(Files.exists(work.resolve("tables/trips/_delta_log").resolve(String.format("%020d.checkpoint.parquet",
        current))));
  }

  @Test
  void vacuumDeletesExactlyTheReplacedFilesOlderThanTheRetention() {
    Set<String> deleted = new TreeSet<>(filesBefore);
    deleted.removeAll(filesAfterFirst);
    assertEquals(4, replacedFiles.size());
    assertEquals(replacedFiles, deleted);
    // OPTIMIZE's six replaced files are younger than the retention: kept beside the three it wrote.
    assertEquals(Set.of(), Set.copyOf(filesBefore.stream().filter(f -> !replacedFiles.contains(f)
        && !filesAfterFirst.contains(f)).toList()));
    assertEquals(6 + 3, filesAfterFirst.size());
    assertEquals(4, first.tables().get(0).filesVacuumed());
  }

  @Test
  void theVersionBeforeMaintenanceIsStillReadable() {
    Dataset<Row> old = spark.read().format("delta").option("versionAsOf", versionBefore).load(path);
    assertEquals(rowsBefore, rows(old));
  }

  @Test
  void theRunsRowRecordsFilesAndBytesBeforeAndAfter() {
    Row row = spark.read().format("delta").load(warehouse.location(RunLog.TABLE))
        .where("job = 'maintain' AND status = 'succeeded'").orderBy("started_at").first();
    Map<String, Double> metrics = row.getJavaMap(row.fieldIndex("metrics"));
    MaintainJob.TableResult trips = first.tables().get(0);
    assertEquals(10.0, metrics.get("trips.files_before"));
    assertEquals(9.0, metrics.get("trips.files_after"));
    assertEquals((double) bytesBefore, metrics.get("trips.bytes_before"));
    assertEquals((double) trips.after().diskBytes(), metrics.get("trips.bytes_after"));
    assertEquals(6.0, metrics.get("trips.live_files_before"));
    assertEquals(3.0, metrics.get("trips.live_files_after"));
    assertEquals(3.0, metrics.get("trips.partitions_optimized"));
    assertEquals(4.0, metrics.get("trips.files_vacuumed"));
    assertEquals(Map.of("trips", trips.after().version()), row.getJavaMap(row.fieldIndex("commits")));
  }

  @Test
  void aSecondMaintainWithNothingChangedRewritesNothing() {
    MaintainJob.TableResult trips = second.tables().get(0);
    assertEquals(List.of(), trips.partitions());
    assertEquals(filesAfterFirst, filesAfterSecond);
    assertEquals(3, trips.after().liveFiles());
  }

  @Test
  void vacuumLeavesTheSessionsListingParallelismAsItFoundIt() {
    // VACUUM lists in as many tasks as the session has cores unless the session chose a number.
    assertFalse(spark.conf().contains("spark.sql.sources.parallelPartitionDiscovery.parallelism"));
  }

  @Test
  void aRetentionBelowATablesFloorIsRefusedBeforeAnyTableChanges() {
    // trips comes first and is fine; shipped_trips keeps Delta's default floor, 7 days.
    Table shipped = Table.of("shipped_trips", "ride_id STRING, taxi_type STRING, month STRING, minutes DOUBLE",
        List.of("taxi_type", "month"), List.of("taxi_type", "month"), "a table with Delta's default retention");
    warehouse.prepare(shipped);
    long version = warehouse.version(TRIPS).orElseThrow();
    VacuumRetentionTooShortException e = assertThrows(VacuumRetentionTooShortException.class,
        () -> MaintainJob.run(RunContext.open(spark, settings, RunInfo.start("maintain")), List.of(TRIPS, shipped),
            Instant.now()));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertEquals("tripcast.maintenance.vacuum-retention 1h is shorter than table shipped_trips's"
        + " delta.deletedFileRetentionDuration 168h: VACUUM could delete files a run reading an earlier version needs;"
        + " nothing was maintained", e.getMessage());
    assertEquals(version, warehouse.version(TRIPS).orElseThrow());
  }

  private MaintainJob.Result maintain() {
    RunContext context = RunContext.open(spark, settings, RunInfo.start("maintain"));
    return RecordedRun.run(context, "maintain every tripcast table", List.of("maintain"), note -> { }, Exception::getMessage,
        c -> {
          MaintainJob.Result result = MaintainJob.run(c, List.of(TRIPS), vacuumedBefore.plus(RETENTION));
          return new RecordedRun.Outcome<>(result, ExitCode.OK, result.details());
        }).result();
  }

  private void replace(String month, int seed) {
    List<Row> rows = IntStream.range(0, 6).mapToObj(i -> RowFactory.create(month + "-" + seed + "-" + i, "green", month,
        (double) (seed * 10 + i))).toList();
    Dataset<Row> data = spark.createDataFrame(rows, TRIPS.schema()).repartition(2);
    warehouse.replace(TRIPS.key("green", month), data, RunMetadata.json("test-" + seed, "score", null));
  }

  private static List<Row> rows(Dataset<Row> table) {
    return table.orderBy("ride_id").collectAsList();
  }

  /** The Parquet data files under the table's folder, relative to it. */
  private Set<String> files() {
    Path root = Path.of(java.net.URI.create(path));
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith(".")
              && !root.relativize(p).startsWith("_delta_log"))
          .map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Set<String> liveFiles() {
    return spark.read().format("delta").load(path).inputFiles().length == 0 ? Set.of()
        : Stream.of(spark.read().format("delta").load(path).inputFiles())
            .map(f -> Path.of(java.net.URI.create(path)).relativize(Path.of(java.net.URI.create(f))).toString())
            .collect(Collectors.toCollection(TreeSet::new));
  }

  private long bytes(Set<String> files) {
    Path root = Path.of(java.net.URI.create(path));
    long total = 0;
    for (String f : new ArrayList<>(files)) {
      try {
        total += Files.size(root.resolve(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }
}
