package dev.tripcast.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.config.SparkSessions;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MaintainJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.TableMaintenance;
import dev.tripcast.tables.Warehouse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A year of nights, then {@code tripcast maintain}: writes a partitioned Delta table
 * ({@code ride_id STRING, taxi_type STRING, month STRING, minutes DOUBLE}, partitioned by taxi
 * type and month, under {@code paths.warehouse-root}) with {@code --nights} replaces of one of
 * twelve months each ({@link Warehouse#replace}, Delta's replaceWhere, as score does), then prints,
 * before and after {@link MaintainJob}: data files and bytes on disk, files of the current version,
 * JSON commits in {@code _delta_log}, and the median time of five replaces of a month and of five
 * counts of the table (the shape of a night's write and read), milliseconds, each after
 * {@code DeltaLog.clearCache()} so the log is loaded as a new process loads it. Maintenance runs as of
 * {@code --as-of-days-later} days after the last night (default 8: the year's replaced files are then
 * older than the 7-day retention). Not a test: its figures depend on the machine.
 */
@Command(name = "maintenance-bench", mixinStandardHelpOptions = true,
    description = "A year of nightly replaces of small months into one Delta table, then maintain; prints the figures.")
public final class MaintenanceBench implements Callable<Integer> {
  private static final Table TRIPS = Table.of("bench_trips", "ride_id STRING, taxi_type STRING, month STRING, minutes DOUBLE",
      List.of("taxi_type", "month"), List.of("taxi_type", "month"), "one row per bench trip");

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file overriding reference.conf.")
  File config;

  private static final int REPEATS = 5;

  @Option(names = "--nights", defaultValue = "365", description = "Replaces (default: ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--rows", defaultValue = "2000", description = "Rows per month (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--as-of-days-later", defaultValue = "8",
      description = "Maintain as of this many days after the last night (default: ${DEFAULT-VALUE}).")
  int daysLater;

  /** Runs the bench and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MaintenanceBench()).execute(args));
  }

  @Override
  public Integer call() {
    Settings settings = SettingsLoader.load(Optional.ofNullable(config));
    SparkSession spark = SparkSessions.getOrCreate(settings);
    try {
      RunContext context = RunContext.open(spark, settings, RunInfo.start(MaintainJob.JOB));
      Warehouse warehouse = context.warehouse();
      long start = System.nanoTime();
      for (int night = 0; night < nights; night++) {
        replace(spark, warehouse, night);
      }
      System.out.printf("maintenance bench: %d nights of %d rows into %s in %d s%n", nights, rows,
          warehouse.location(TRIPS), Duration.ofNanos(System.nanoTime() - start).toSeconds());
      TableMaintenance table = new TableMaintenance(spark, warehouse, TRIPS);
      print("before", spark, warehouse, table);
      Instant asOf = Instant.now().plus(Duration.ofDays(daysLater));
      long m = System.nanoTime();
      MaintainJob.run(context, List.of(TRIPS), asOf);
      System.out.printf("maintain (as of %d days later): %d ms%n", daysLater, Duration.ofNanos(System.nanoTime() - m).toMillis());
      print("after", spark, warehouse, table);
      return ExitCode.OK.code();
    } finally {
      spark.stop();
    }
  }

  private void replace(SparkSession spark, Warehouse warehouse, int night) {
    String month = YearMonth.of(2021, 1).plusMonths(night % 12).toString();
    Dataset<Row> data = spark.range(rows).select(concat(lit(month + "-" + night + "-"), col("id").cast("string")).as("ride_id"),
        lit("green").as("taxi_type"), lit(month).as("month"), col("id").cast("double").divide(100).as("minutes"));
    warehouse.replace(TRIPS.key("green", month), data, RunMetadata.json("bench-" + night, "score", null));
  }

  /**
   * Prints the table's files and log, then the median of {@value #REPEATS} times of what a new
   * {@code score} pays on it: a replace of one month (the log's state loaded afresh first, as a new
   * process loads it) and a {@code count(*)} of the whole table.
   */
  private void print(String when, SparkSession spark, Warehouse warehouse, TableMaintenance table) {
    TableMaintenance.State state = table.state();
    long commits = commits(spark, warehouse);
    long[] replaceMillis = new long[REPEATS];
    long[] countMillis = new long[REPEATS];
    long count = 0;
    for (int i = 0; i < REPEATS; i++) {
      DeltaLog.clearCache();
      long t = System.nanoTime();
      replace(spark, warehouse, nights + i);
      replaceMillis[i] = Duration.ofNanos(System.nanoTime() - t).toMillis();
      DeltaLog.clearCache();
      t = System.nanoTime();
      count = spark.read().format("delta").load(warehouse.location(TRIPS)).count();
      countMillis[i] = Duration.ofNanos(System.nanoTime() - t).toMillis();
    }
    System.out.printf("%-6s data files %d (%d bytes), current version %d files, JSON commits %d;"
        + " median of %d: replace of a month %d ms, count(*) of %d rows %d ms%n", when, state.diskFiles(),
        state.diskBytes(), state.liveFiles(), commits, REPEATS, median(replaceMillis), count, median(countMillis));
  }

  private static long median(long[] millis) {
    long[] sorted = millis.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long commits(SparkSession spark, Warehouse warehouse) {
    try {
      Path log = new Path(warehouse.location(TRIPS), "_delta_log");
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return java.util.Arrays.stream(fs.listStatus(log)).filter(s -> s.getPath().getName().matches("\\d{20}\\.json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
