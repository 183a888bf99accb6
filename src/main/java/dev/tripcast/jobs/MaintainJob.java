package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.TableMaintenance;
import dev.tripcast.tables.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tripcast maintain}: for every tripcast table that exists ({@link SqlJob#TABLES}), in
 * order, {@code OPTIMIZE} of the partitions that changed since the last maintenance, a VACUUM with
 * {@code tripcast.maintenance.vacuum-retention}, and a checkpoint of the log at the resulting
 * table version ({@link TableMaintenance}).
 *
 * <p>The partitions that changed are those data files were added to by a commit after the table
 * version the last succeeded {@code maintain} run recorded in its {@code runs} row
 * ({@code commits}: table → version), commits of {@code maintain} runs themselves aside (their
 * OPTIMIZE and their own {@code runs} row); every partition if no maintenance ran yet or the log
 * no longer holds that version. A second run with nothing changed rewrites nothing.
 *
 * <p>The retention rule: the retention must be at least each table's
 * {@code delta.deletedFileRetentionDuration} (7 days unless the table sets it), checked for every
 * table before any is touched ({@link VacuumRetentionTooShortException}, exit 2). VACUUM deletes
 * a file only that long after the commit that removed it; a run reads each table at the version it
 * first saw ({@link Warehouse#readLatest}), whose files were removed, if at all, after the run
 * started: so no run shorter than the retention loses a file it reads.
 */
public final class MaintainJob {
  /** The job's name in {@code runs}. */
  public static final String JOB = "maintain";
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

  private MaintainJob() {}

  /**
   * What maintenance did to one table.
   *
   * @param table the table's name
   * @param partitions the partitions given to OPTIMIZE, each as its SQL predicate (empty: none
   *     changed; an unpartitioned table that changed: one empty string)
   * @param before the table before
   * @param optimized the table after OPTIMIZE (before VACUUM)
   * @param after the table after VACUUM and the checkpoint
   */
  public record TableResult(String table, List<String> partitions, TableMaintenance.State before,
      TableMaintenance.State optimized, TableMaintenance.State after) {
    /** Data files VACUUM deleted. */
    public long filesVacuumed() {
      return optimized.diskFiles() - after.diskFiles();
    }
  }

  /**
   * @param retention the VACUUM retention used
   * @param tables one result per existing table, in {@link SqlJob#TABLES} order
   */
  public record Result(Duration retention, List<TableResult> tables) {
    /**
     * The {@code runs} row of a maintain run: per table, {@code metrics}
     * {@code <table>.files_before}, {@code .files_after}, {@code .bytes_before},
     * {@code .bytes_after} (the Parquet data files under the table's folder, every version's),
     * {@code .live_files_before}, {@code .live_files_after} (the current version's),
     * {@code .partitions_optimized}, {@code .files_vacuumed}; {@code commits} table → the version
     * it left, from which the next maintain looks for changes.
     */
    public RunLog.Details details() {
      Map<String, Double> metrics = new LinkedHashMap<>();
      Map<String, Long> commits = new LinkedHashMap<>();
      for (TableResult t : tables) {
        String n = t.table() + ".";
        metrics.put(n + "files_before", (double) t.before().diskFiles());
        metrics.put(n + "files_after", (double) t.after().diskFiles());
        metrics.put(n + "bytes_before", (double) t.before().diskBytes());
        metrics.put(n + "bytes_after", (double) t.after().diskBytes());
        metrics.put(n + "live_files_before", (double) t.before().liveFiles());
        metrics.put(n + "live_files_after", (double) t.after().liveFiles());
        metrics.put(n + "partitions_optimized", (double) t.partitions().size());
        metrics.put(n + "files_vacuumed", (double) t.filesVacuumed());
        commits.put(t.table(), t.after().version());
      }
      return new RunLog.Details(null, metrics, commits, List.of());
    }
  }

  /** Maintains every tripcast table that exists, now. */
  public static Result run(RunContext context) {
    return run(context, SqlJob.TABLES, Instant.now());
  }

  /**
   * Maintains those of {@code tables} that exist.
   *
   * @param now the moment VACUUM's retention counts back from (the present, but for tests of the rule)
   *
   * @throws VacuumRetentionTooShortException (exit 2) if the retention is below a table's
   *     {@code delta.deletedFileRetentionDuration}; nothing was done
   * @throws dev.tripcast.tables.ConcurrentTableChangeException (exit 5) if another run's commit
   *     conflicts with an OPTIMIZE (a replace of the same partition at that moment); that table's
   *     OPTIMIZE committed nothing; the tables before it are maintained
   */
  public static Result run(RunContext context, List<Table> tables, Instant now) {
    Warehouse warehouse = context.warehouse();
    Duration retention = context.settings().maintenance().vacuumRetention();
    List<TableMaintenance> existing = new ArrayList<>();
    for (Table table : tables) {
      if (warehouse.version(table).isPresent()) {
        TableMaintenance m = new TableMaintenance(context.spark(), warehouse, table);
        Duration floor = m.deletedFileRetention();
        if (retention.compareTo(floor) < 0) {
          throw new VacuumRetentionTooShortException(table.name(), retention, floor);
        }
        existing.add(m);
      }
    }
    Map<String, Long> maintained = lastMaintenance(warehouse).map(LastMaintenance::versions).orElse(Map.of());
    String metadata = RunMetadata.json(context.run().id(), context.run().job(), null);
    List<TableResult> results = new ArrayList<>();
    for (TableMaintenance m : existing) {
      String name = m.table().name();
      TableMaintenance.State before = m.state();
      Long since = maintained.get(name);
      List<Map<String, String>> partitions = (since == null ? Optional.<List<Map<String, String>>>empty()
          : m.partitionsAddedAfter(since, JOB::equals)).orElseGet(m::allPartitions);
      m.optimize(partitions, metadata);
      TableMaintenance.State optimized = m.state();
      m.vacuum(retention, now, metadata);
      m.checkpoint();
      TableMaintenance.State after = m.state();
      LOG.info("maintained {}: version {} -> {}, {} partitions optimized, data files {} -> {}", name, before.version(),
          after.version(), partitions.size(), before.diskFiles(), after.diskFiles());
      results.add(new TableResult(name, partitions.stream().map(MaintainJob::describe).toList(), before, optimized,
          after));
    }
    return new Result(retention, List.copyOf(results));
  }

  /**
   * The last succeeded {@code maintain} run.
   *
   * @param startedAt when it started
   * @param versions table name → the table version it left (its {@code runs} row's {@code commits})
   */
  public record LastMaintenance(Instant startedAt, Map<String, Long> versions) {}

  /** The last succeeded {@code maintain} run in {@code runs}, if any (one Spark job over the runs table). */
  public static Optional<LastMaintenance> lastMaintenance(Warehouse warehouse) {
    return warehouse.readAll(RunLog.TABLE).flatMap(runs -> runs
        .where(col("job").equalTo(JOB).and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy(col("started_at").desc()).select(col("started_at"), col("commits")).limit(1)
        .collectAsList().stream().findFirst()
        .map((Row r) -> new LastMaintenance(r.getTimestamp(0).toInstant(), r.getJavaMap(1))));
  }

  /**
   * Whether maintenance is due at {@code now}: {@code tripcast.maintenance.every} is not 0 and the
   * last succeeded {@code maintain} run started at least that long before {@code now}, or there is none.
   */
  public static boolean due(RunContext context, Instant now) {
    Duration every = context.settings().maintenance().every();
    if (every.isZero()) {
      return false;
    }
    return lastMaintenance(context.warehouse()).map(last -> !last.startedAt().plus(every).isAfter(now)).orElse(true);
  }

  private static String describe(Map<String, String> partition) {
    return String.join(" AND ", partition.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
