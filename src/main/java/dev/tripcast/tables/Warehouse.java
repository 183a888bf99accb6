package dev.tripcast.tables;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.Undeclared;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tripcast's Delta tables live, and the only code that knows Delta write modes. Every
 * table is path-based ({@code delta.`<root>/<name>`}) and described by a {@link Table}.
 *
 * <ul>
 *   <li>{@link #check} checks the S3 log store and that an existing table has the descriptor's
 *       columns, writing nothing; {@link #prepare} also creates missing tables from their
 *       descriptors, so the first writes of concurrent runs do not race to create them;
 *   <li>{@link #replace} replaces exactly one {@link Table.Key} with Delta's {@code replaceWhere}
 *       in one atomic commit carrying the run's {@code userMetadata}, so re-running a month is
 *       idempotent and other keys are untouched;
 *   <li>{@link #read} reads a key at a table version (time travel); {@link #readLatest} at the
 *       version this warehouse first saw of the table, until it writes the table itself.
 * </ul>
 *
 * <p>With a catalog database ({@code tripcast.catalog.database}), every table the warehouse
 * prepares is also registered in Spark's session catalog as {@code <database>.<table>}, an
 * external Delta table at its path ({@link CatalogTables}); {@link #check} and {@link #prepare}
 * refuse a name already registered elsewhere before anything is written. Without one, nothing
 * touches the catalog.
 *
 * <p>One warehouse serves one run ({@code jobs.RunContext}): it checks each table's schema once,
 * and every read of the latest rows of a table sees one snapshot of it, however many steps of the
 * run read it, unless the run writes that table in between.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  /** Attempts at creating a table that another run may be creating at the same moment. */
  private static final int CREATE_ATTEMPTS = 8;
  /** First pause between creation attempts, milliseconds (then twice, three times … as long). */
  private static final long CREATE_BACKOFF_MILLIS = 500;

  private final SparkSession spark;
  private final String root;
  private final LogStorePolicy logStorePolicy;
  private final Optional<CatalogTables> catalog;
  private final Set<String> catalogChecked = new HashSet<>();
  private final Set<String> prepared = new HashSet<>();
  private final Set<String> checked = new HashSet<>();
  private final Map<String, Long> snapshots = new HashMap<>();

  /**
   * @param spark the session whose Hadoop configuration reaches the root
   * @param root warehouse root, a local path or Hadoop URI ({@code file:}, {@code s3a://})
   * @param logStorePolicy what to do with tables on S3 without a multi-driver log store
   */
  public Warehouse(SparkSession spark, String root, LogStorePolicy logStorePolicy) {
    this(spark, root, logStorePolicy, Optional.empty());
  }

  /**
   * @param spark the session whose Hadoop configuration reaches the root
   * @param root warehouse root, a local path or Hadoop URI ({@code file:}, {@code s3a://})
   * @param logStorePolicy what to do with tables on S3 without a multi-driver log store
   * @param catalogDatabase the metastore database each prepared table is registered in
   *     ({@code tripcast.catalog.database}); empty: the session catalog is never touched
   */
  public Warehouse(SparkSession spark, String root, LogStorePolicy logStorePolicy, Optional<String> catalogDatabase) {
    this.spark = spark;
    this.root = qualified(spark, root);
    this.logStorePolicy = logStorePolicy;
    this.catalog = catalogDatabase.map(database -> new CatalogTables(spark, database));
  }

  /** The warehouse root, fully qualified ({@code file:/abs/path}, {@code s3a://...}). */
  public String root() {
    return root;
  }

  /** Where a table lives, fully qualified. */
  public String location(Table table) {
    return new Path(root, table.name()).toString();
  }

  /**
   * Checks, writing nothing, that tables can be written: the log store of each (see
   * {@link LogStores#check}), and an existing table's columns and types against its descriptor
   * (nullability aside). Jobs call it before they read any data, so a bad warehouse fails first.
   * A table found with the right columns (or prepared) is not checked again by this warehouse.
   * With a catalog database, also that the table's name there is free or registered at its path.
   *
   * @throws SingleDriverLogStoreException if a table is on S3 without a multi-driver log store
   *     (policy {@code REFUSE})
   * @throws CatalogTableConflictException if the table's name in the catalog database is taken by
   *     another location or a table that is not Delta
   * @throws NoMetastoreException if a catalog database is set and the session has no metastore
   * @throws TableSchemaMismatchException if an existing table's schema differs from its
   *     descriptor; the message names the table and its columns
   */
  public void check(Table... tables) {
    for (Table table : tables) {
      if (checked.contains(table.name()) || prepared.contains(table.name())) {
        continue;
      }
      String path = location(table);
      LogStores.check(spark.sparkContext().getConf(), path, logStorePolicy).ifPresent(LOG::warn);
      checkCatalog(table, path);
      org.apache.spark.sql.delta.Snapshot snapshot = latest(path);
      // Version -1: no table, or another run is creating it right now (its log exists, its first
      // commit not yet): there is nothing to compare yet; prepare() checks again before the first write.
      if (snapshot.version() >= 0) {
        requireSchema(table, path, snapshot);
        checked.add(table.name());
      }
    }
  }

  /**
   * Makes tables ready to be written: {@link #check}s them and creates each missing one from its
   * descriptor (an empty table, version 0), so that runs writing a new warehouse at the same
   * moment do not race to create it with their first rows. {@link #replace} calls it first.
   * With a catalog database, each table is then registered there by name, once per warehouse
   * (so once per run), after its name was checked to be free or its own.
   *
   * @throws SingleDriverLogStoreException as {@link #check}
   * @throws TableSchemaMismatchException as {@link #check}
   * @throws CatalogTableConflictException as {@link #check}; nothing was created
   * @throws NoMetastoreException as {@link #check}
   */
  public void prepare(Table... tables) {
    for (Table table : tables) {
      if (prepared.contains(table.name())) {
        continue;
      }
      String path = location(table);
      LogStores.check(spark.sparkContext().getConf(), path, logStorePolicy).ifPresent(LOG::warn);
      checkCatalog(table, path);
      create(table, path);
      catalog.ifPresent(c -> c.register(table, path));
      prepared.add(table.name());
    }
  }

  /** The table's name in the catalog database is free or its own (once per table); nothing without a database. */
  private void checkCatalog(Table table, String path) {
    if (catalog.isPresent() && !catalogChecked.contains(table.name())) {
      catalog.get().verify(table, path);
      catalogChecked.add(table.name());
    }
  }

  /**
   * Replaces the rows matching {@code key} with {@code rows} in one atomic commit.
   *
   * @param key what to replace; every row must match it (Delta checks it and fails the commit
   *     otherwise)
   * @param rows the new rows, with at least the table's columns (selected in table order)
   * @param userMetadata recorded in the commit ({@link RunMetadata#json})
   * @return the commit: table version and rows written
   * @throws ConcurrentTableChangeException (exit 5) if another run's commit
   *     conflicts with this one (Delta's concurrent-modification exceptions); the one-line message
   *     names the table, the key and the run of the table's latest commit. Nothing was written:
   *     re-run the job. Runs that replace different keys do not conflict.
   */
  public Commit replace(Table.Key key, Dataset<Row> rows, String userMetadata) {
    Table table = key.table();
    prepare(table);
    Dataset<Row> ordered = rows.select(Arrays.stream(table.schema().fieldNames()).map(c -> col("`" + c + "`"))
        .toArray(Column[]::new));
    String path = location(table);
    long before = logVersion(path);
    try {
      ordered.write()
          .format("delta")
          .mode("overwrite")
          .option("replaceWhere", key.predicate())
          .option("userMetadata", userMetadata)
          .partitionBy(table.partitionColumns().toArray(new String[0]))
          .save(path);
    } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
      throw new ConcurrentTableChangeException(path, "the replace of " + key.predicate() + lastWriter(path), e);
    }
    return committed(table, path, userMetadata, "numOutputRows", before);
  }

  /**
   * " (the table's latest commit is run RUN_ID's)", read from the latest commit's
   * {@link RunMetadata} userMetadata, to name the other writer in a conflict; empty if unknown.
   */
  private String lastWriter(String path) {
    try {
      String metadata = Undeclared.spark(() -> DeltaTable.forPath(spark, path).history(1).select(col("userMetadata"))
          .first().getString(0));
      return RunMetadata.parse(metadata).filter(m -> m.runId() != null)
          .map(m -> " (the table's latest commit is run " + m.runId() + "'s)").orElse("");
    } catch (SparkException | AnalysisException e) { // the conflict is reported without the other run's id
      return "";
    }
  }

  /**
   * Appends {@code rows} in one commit (a blind append: it never conflicts with other runs, so
   * logs such as {@code runs} take it for their start rows).
   *
   * @param rows the new rows, with at least the table's columns
   * @return the commit
   */
  public Commit append(Table table, Dataset<Row> rows, String userMetadata) {
    prepare(table);
    String path = location(table);
    long before = logVersion(path);
    ordered(table, rows).write().format("delta").mode("append").option("userMetadata", userMetadata)
        .partitionBy(table.partitionColumns().toArray(new String[0])).save(path);
    return committed(table, path, userMetadata, "numOutputRows", before);
  }

  /**
   * Inserts {@code rows} unless a row with the same values in {@code matchColumns} exists, in one
   * Delta MERGE commit. The MERGE reads the table, so under Delta's optimistic concurrency a run
   * that committed to it meanwhile makes this commit fail instead of both succeeding: a
   * compare-and-set on the key (e.g. the next sequence number of an alias). The rows must carry a
   * unique id in {@code idColumn}, by which the insert is verified.
   *
   * @param idColumn a column holding {@code idValue} in the inserted rows and nowhere else
   * @return the table version after the insert
   * @throws ConcurrentTableChangeException if another run committed to the table
   *     after this one read it, or a row with the key already exists; nothing was written
   */
  public long insertIfAbsent(Table table, Dataset<Row> rows, List<String> matchColumns, String idColumn,
      String idValue) {
    prepare(table);
    String path = location(table);
    String condition = String.join(" AND ", matchColumns.stream()
        .map(c -> "t.`" + c + "` <=> s.`" + c + "`").toList());
    try {
      DeltaTable.forPath(spark, path).as("t").merge(ordered(table, rows).as("s"), condition)
          .whenNotMatched().insertAll().execute();
    } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
      throw new ConcurrentTableChangeException(path, "insert of " + matchColumns, e);
    }
    snapshots.remove(table.name());
    long version = version(table).orElseThrow();
    if (spark.read().format("delta").option("versionAsOf", version).load(path).where(col("`" + idColumn + "`").equalTo(idValue)).isEmpty()) {
      throw new ConcurrentTableChangeException(path, "insert of " + matchColumns, null);
    }
    return version;
  }

  /**
   * Sets every column of the rows whose {@code keyColumn} equals {@code row}'s to {@code row}'s
   * values, in one Delta UPDATE commit (none if no row has the key). A log's completion (the
   * {@code runs} row of a run that appended its start row): unlike a MERGE, which
   * joins the whole table with its source (17 Spark jobs, 2.4–3.6 s on a laptop), the UPDATE reads
   * only the files whose statistics may hold the key, and a concurrent blind append (another run's
   * start row) does not conflict with it. A concurrent commit that does is retried on the new
   * state (the update is idempotent). The commit is not looked up: nothing waits for its version.
   *
   * @param row the new values, one per column of the table, in its schema
   * @throws ConcurrentTableChangeException if other runs won 8 times in a row
   */
  public void updateRow(Table table, String keyColumn, Row row, String userMetadata) {
    Object key = row.get(table.schema().fieldIndex(keyColumn));
    Column matches = col("`" + keyColumn + "`").equalTo(key);
    for (int attempt = 1; ; attempt++) {
      try {
        prepare(table);
        String path = location(table);
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", userMetadata);
        DeltaTable.forPath(spark, path).update(matches, RowLiterals.of(row, table.schema()));
        snapshots.remove(table.name());
        LOG.info("committed {} (update of {} {})", table.name(), keyColumn, key);
        return;
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
        if (attempt >= CREATE_ATTEMPTS) {
          throw new ConcurrentTableChangeException(location(table), "update of " + keyColumn + " " + key, e);
        }
        LOG.info("update of {} lost a race ({}), attempt {} of {}", table.name(), e.getClass().getSimpleName(),
            attempt, CREATE_ATTEMPTS);
      } finally {
        spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
      }
    }
  }

  private static Dataset<Row> ordered(Table table, Dataset<Row> rows) {
    return rows.select(Arrays.stream(table.schema().fieldNames()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
  }

  /** The rows of {@code key} as of a table version (time travel). */
  public Dataset<Row> read(Table.Key key, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(key.table()))
        .where(key.predicate());
  }

  /**
   * The rows of {@code key} at the run's snapshot of the table, with its version: the latest
   * version when this warehouse first reads the table, or writes it; later reads of any key of
   * the table see that same version, so a run that reads a table twice sees one state of it.
   *
   * @return empty if the table does not exist
   */
  public Optional<Snapshot> readLatest(Table.Key key) {
    String name = key.table().name();
    Long pinned = snapshots.get(name);
    if (pinned != null) {
      return Optional.of(new Snapshot(pinned, read(key, pinned)));
    }
    Optional<Long> latest = version(key.table());
    latest.ifPresent(v -> snapshots.put(name, v));
    return latest.map(v -> new Snapshot(v, read(key, v)));
  }

  /**
   * The whole table at its latest version; empty if it does not exist (asked of the log now, so a
   * table another process created since this JVM last looked is seen).
   */
  public Optional<Dataset<Row>> readAll(Table table) {
    String path = location(table);
    return readable(path) ? Optional.of(spark.read().format("delta").load(path)) : Optional.empty();
  }

  /** The current version of a table, read from its log now (no Spark job); empty if it does not exist. */
  public Optional<Long> version(Table table) {
    long version = latest(location(table)).version();
    return version < 0 ? Optional.empty() : Optional.of(version);
  }

  /**
   * Rows of a key read at one table version.
   *
   * @param version the table version read
   * @param rows the rows (lazy)
   */
  public record Snapshot(long version, Dataset<Row> rows) {}

  /**
   * One Delta commit.
   *
   * @param table the table's name
   * @param path the table's location
   * @param version table version committed
   * @param rowsWritten rows added by the commit (Delta's {@code numOutputRows} operation metric; -1 if absent)
   */
  public record Commit(String table, String path, long version, long rowsWritten) {}

  /**
   * Creates the table if it is missing and checks its columns. Another run may be creating the same
   * table at this moment: only one creation commits (Delta's version 0 is written only if absent),
   * and the other gets an "already exists" or concurrent-modification error, after which the table
   * is there; or, while the other run's first commit lands, "table not found". Each is retried with
   * a short back-off until the table is there; a schema mismatch, a full disk and an unreachable
   * store ({@link StorageFaults}) are final. Only the run whose
   * creation committed logs "created Delta table".
   */
  private void create(Table table, String path) {
    for (int attempt = 1; ; attempt++) {
      try {
        boolean ready = Undeclared.analysis(() -> {
          if (!readable(path)) {
            createNew(table, path);
          }
          org.apache.spark.sql.delta.Snapshot snapshot = latest(path);
          if (snapshot.version() < 0) { // another run's first commit is still landing
            return false;
          }
          requireSchema(table, path, snapshot);
          return true;
        });
        if (ready) {
          return;
        }
        if (attempt >= CREATE_ATTEMPTS) {
          throw new IllegalStateException("table " + path + " has no commit after " + attempt + " attempts to create it");
        }
        pause(CREATE_BACKOFF_MILLIS * attempt);
      } catch (AnalysisException | DeltaConcurrentModificationException e) {
        // Delta's "table not found" while another run's first commit lands, or its conflict with
        // that commit. A full disk or an unreachable store is no race: its client has retried already.
        if (attempt >= CREATE_ATTEMPTS || StorageFaults.find(e).isPresent()) {
          throw Undeclared.rethrow(e);
        }
        LOG.warn("creating {} raced another run ({}); attempt {} of {}", path, e.getMessage(), attempt, CREATE_ATTEMPTS);
        pause(CREATE_BACKOFF_MILLIS * attempt);
      }
    }
  }

  /**
   * Commits the table's creation, failing if it exists ({@code create}, not {@code createIfNotExists},
   * whose silent no-op made both racing runs log a creation); a run that lost the race to another
   * run's creation logs that and goes on.
   */
  private void createNew(Table table, String path) {
    try {
      Undeclared.analysis(() -> DeltaTable.create(spark)
          .location(path)
          .addColumns(table.schema())
          .partitionedBy(table.partitionColumns().toArray(new String[0]))
          .comment(table.description())
          .execute());
    } catch (AnalysisException | DeltaConcurrentModificationException e) { // "already exists", or a lost race for version 0
      if (!readable(path)) {
        throw Undeclared.rethrow(e);
      }
      LOG.info("{} was created by another run at the same moment ({})", path, firstLine(e.getMessage()));
      return;
    }
    LOG.info("created Delta table {} at {}", table.name(), path);
  }

  /**
   * Whether the table can be read now: its Delta log has a commit. Every existence test in this
   * class asks this, never {@link DeltaTable#isDeltaTable}: that answers from the session's cached
   * Delta log, which still says "no table" after another process created it (seen as 7 retries of
   * "already exists" over 15 s); this brings the log up to date first (a listing of
   * {@code _delta_log}, no Spark job).
   */
  private boolean readable(String path) {
    return latest(path).version() >= 0;
  }

  /** The table's latest snapshot, read from its log now (version -1 if it has no commit). */
  private org.apache.spark.sql.delta.Snapshot latest(String path) {
    return DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** Compares a snapshot's columns (its metadata, no Spark job) with the descriptor's. */
  private static void requireSchema(Table table, String path, org.apache.spark.sql.delta.Snapshot snapshot) {
    List<String> want = describe(table.schema());
    List<String> have = describe(snapshot.schema());
    if (!want.equals(have)) {
      throw new TableSchemaMismatchException(path, String.join(", ", have), String.join(", ", want));
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to create a table", e);
    }
  }

  private static List<String> describe(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  /**
   * The commit just made, logged as "committed TABLE version N (R rows)": the fault-injection
   * tests kill a job when this line appears, i.e. between two of its commits.
   */
  private Commit committed(Table table, String path, String userMetadata, String rowsMetric, long before) {
    snapshots.remove(table.name());
    Commit commit = findCommit(table, path, userMetadata, rowsMetric, before).orElseThrow(
        () -> new IllegalStateException("no commit with userMetadata " + userMetadata + " in " + path));
    LOG.info("committed {} version {} ({} rows)", table.name(), commit.version(), commit.rowsWritten());
    return commit;
  }

  /**
   * This run's commit: the latest commit after table version {@code before} whose
   * {@code userMetadata} is this write's, read from the Delta log entries after {@code before}
   * only (commits of other runs in between are skipped).
   */
  @SuppressWarnings("deprecation") // JavaConverters: in Scala 2.12 and (deprecated) 2.13, so one source for both lines
  private Optional<Commit> findCommit(Table table, String path, String userMetadata, String rowsMetric, long before) {
    Optional<Commit> found = Optional.empty();
    scala.collection.Iterator<? extends scala.Tuple2<Object, ? extends scala.collection.Seq<Action>>> changes =
        DeltaLogChanges.since(DeltaLog.forTable(spark, path), before + 1);
    while (changes.hasNext()) {
      scala.Tuple2<Object, ? extends scala.collection.Seq<Action>> change = changes.next();
      for (Action action : scala.collection.JavaConverters.seqAsJavaList(change._2())) {
        if (action instanceof CommitInfo info && info.userMetadata().isDefined()
            && userMetadata.equals(info.userMetadata().get())) {
          String rows = info.operationMetrics().isDefined() && info.operationMetrics().get().get(rowsMetric).isDefined()
              ? info.operationMetrics().get().get(rowsMetric).get() : null;
          found = Optional.of(new Commit(table.name(), path, (Long) change._1(), rows == null ? -1 : Long.parseLong(rows)));
        }
      }
    }
    return found;
  }

  /** The table's version now, read from its Delta log (no Spark job); -1 if it has no commit. */
  private long logVersion(String path) {
    return latest(path).version();
  }

  private static String qualified(SparkSession spark, String root) {
    Path path = new Path(root);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve warehouse root " + root, e);
    }
  }
}
