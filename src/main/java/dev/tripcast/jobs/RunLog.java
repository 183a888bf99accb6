package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.SettingsPrinter;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.StorageFaults;
import dev.tripcast.features.DropCounts;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runs} Delta table, MLflow's "run" as a row: every job run appends its row at start
 * ({@code status = 'running'}, a blind append that never conflicts) and completes it at the end
 * ({@code succeeded} or {@code failed}, with the exit code and the one-line error) by a Delta
 * UPDATE of its {@code run_id} ({@link Warehouse#updateRow}). A run that died keeps
 * {@code running}; the next run of the same job and key reports it ({@link #stale()}).
 *
 * <p>Columns: run id, job, key (what the run works on, e.g. "score green 2021-02 with model
 * champion"), status, exit code, error, start/end (UTC), the command-line arguments, the
 * effective settings (secrets masked) and their SHA-256, the tripcast/Spark/Delta versions, the
 * model version used or produced, the metrics it computed (minutes), the Delta table versions it
 * committed (table → version) and its input files (path, bytes, modification time, rows read and
 * kept).
 */
public final class RunLog {
  /** The table: unpartitioned, key {@code run_id}. */
  public static final Table TABLE = Table.of("runs",
      "run_id STRING, job STRING, run_key STRING, status STRING, exit_code INT, error STRING, started_at TIMESTAMP, "
          + "ended_at TIMESTAMP, args ARRAY<STRING>, settings STRING, settings_hash STRING, tripcast_version STRING, "
          + "spark_version STRING, delta_version STRING, model_version STRING, metrics MAP<STRING, DOUBLE>, "
          + "commits MAP<STRING, BIGINT>, "
          + "inputs ARRAY<STRUCT<path: STRING, size_bytes: BIGINT, modified_at: TIMESTAMP, rows_read: BIGINT, rows_kept: BIGINT>>",
      List.of(), List.of("run_id"),
      "one job run: arguments, settings, versions, status, model, metrics, commits and inputs");

  /** Status of a run that has not completed (or died). */
  public static final String RUNNING = "running";
  /** Status of a run that completed with exit code 0 (or a judged code such as 4). */
  public static final String SUCCEEDED = "succeeded";
  /** Status of a run that failed with an error. */
  public static final String FAILED = "failed";

  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final RunInfo run;
  private final String key;
  private final List<String> args;
  private final String settingsText;
  private final List<String> stale;

  /**
   * What a completed run reports; every field may be empty.
   *
   * @param modelVersion the model version used or produced, or null
   * @param metrics metric name → value (RMSE and MAE in minutes), e.g. {@code overall_rmse}
   * @param commits table name → Delta version committed
   * @param inputs the files read
   */
  public record Details(String modelVersion, Map<String, Double> metrics, Map<String, Long> commits,
      List<DropCounts> inputs) {
    /** Nothing to report. */
    public static Details none() {
      return new Details(null, Map.of(), Map.of(), List.of());
    }
  }

  private RunLog(SparkSession spark, Warehouse warehouse, RunInfo run, String key, List<String> args,
      String settingsText, List<String> stale) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.run = run;
    this.key = key;
    this.args = List.copyOf(args);
    this.settingsText = settingsText;
    this.stale = stale;
  }

  /**
   * Appends the run's {@code running} row, after finding earlier runs of the same job and key
   * still marked running.
   *
   * @param key what the run works on (one line)
   * @param args the command-line arguments as given
   * @throws dev.tripcast.errors.InvalidInputException if the runs table's schema differs
   */
  public static RunLog start(RunContext context, String key, List<String> args) {
    SparkSession spark = context.spark();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    warehouse.check(TABLE);
    List<String> stale = warehouse.readAll(TABLE).map(t -> t
            .where(col("job").equalTo(run.job()).and(col("run_key").equalTo(key)).and(col("status").equalTo(RUNNING)))
            .select(col("run_id"), col("started_at")).collectAsList().stream()
            .sorted(Comparator.comparing((Row r) -> r.getTimestamp(1)))
            .map(r -> "run " + r.getString(0) + " of the same job and key, started " + r.getTimestamp(1).toInstant()
                + ", is still marked running: it died or is still going (see the runs table)")
            .toList())
        .orElse(List.of());
    RunLog log = new RunLog(spark, warehouse, run, key, args, SettingsPrinter.describe(context.settings()), stale);
    warehouse.append(TABLE, spark.createDataFrame(List.of(log.row(RUNNING, null, null, null, Details.none())),
        TABLE.schema()), metadata(run));
    return log;
  }

  /** One line per earlier run of this job and key still marked running. */
  public List<String> stale() {
    return stale;
  }

  /** Completes the row: succeeded with {@code exitCode} and the run's details. */
  public void succeeded(int exitCode, Details details) {
    complete(SUCCEEDED, exitCode, null, details);
  }

  /** Completes the row: failed with {@code exitCode} and the one-line error. */
  public void failed(int exitCode, String error) {
    complete(FAILED, exitCode, error, Details.none());
  }

  private void complete(String status, int exitCode, String error, Details details) {
    try {
      warehouse.updateRow(TABLE, "run_id", row(status, exitCode, error, Instant.now(), details), metadata(run));
    } catch (Exception e) { // also SparkException, which Scala throws undeclared
      // The job's own outcome stands; a run log that cannot be completed shows as stale next time.
      LOG.warn("could not complete run {} in the runs table: {}", run.id(), StorageFaults.summary(e));
    }
  }

  private Row row(String status, Integer exitCode, String error, Instant endedAt, Details d) {
    List<Row> inputs = new ArrayList<>();
    for (DropCounts c : d.inputs()) {
      FileStatus file = status(c.sourceFile());
      inputs.add(RowFactory.create(c.sourceFile(), file == null ? null : file.getLen(),
          file == null ? null : new Timestamp(file.getModificationTime()), c.read(), c.kept()));
    }
    return RowFactory.create(run.id(), run.job(), key, status, exitCode, error, Timestamp.from(run.startedAt()),
        endedAt == null ? null : Timestamp.from(endedAt), scala(args), settingsText, sha256(settingsText),
        TripcastVersion.get(), spark.version(), TripcastVersion.deltaVersion(), d.modelVersion(),
        new LinkedHashMap<>(d.metrics()), new LinkedHashMap<>(d.commits()), scala(inputs));
  }

  private FileStatus status(String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  @SuppressWarnings("deprecation") // JavaConverters is the Scala 2.12 way; Spark 3.5's default build is 2.12
  private static <T> scala.collection.Seq<T> scala(List<T> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String metadata(RunInfo run) {
    return RunMetadata.json(run.id(), run.job(), null);
  }
}
