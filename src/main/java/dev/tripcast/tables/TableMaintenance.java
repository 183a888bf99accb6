package dev.tripcast.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConfigs;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.CommitInfo;

/**
 * The maintenance of one Delta table of a {@link Warehouse}, in Delta's own terms: {@code OPTIMIZE}
 * (bin-packing compaction of the small files of the given partitions into one file each, up to
 * Delta's 1 GB target, {@code spark.databricks.delta.optimize.maxFileSize}), a checkpoint of the
 * log at the current table version ({@code DeltaLog.checkpoint}: readers load the state from one
 * Parquet file instead of replaying the JSON commits), and {@code VACUUM ... RETAIN} (deletes the
 * data files no longer in the current version whose removal is older than the retention, Delta's
 * "Remove files no longer referenced by a Delta table"). Every commit it makes carries the run's
 * {@code userMetadata} ({@link RunMetadata#json}), so {@code DESCRIBE HISTORY} names the run.
 */
public final class TableMaintenance {
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  /**
   * The number of tasks Delta's VACUUM lists the table's folders in: Spark's
   * {@code parallelPartitionDiscovery.parallelism}, 10000 by default, meant for tables of millions
   * of files. A tripcast table holds a few files per month, and 10000 tasks cost 25-30 s per
   * table on two cores (3 s with two tasks), so unless the session sets it, VACUUM lists in as
   * many tasks as the cluster has cores ({@code SparkContext.defaultParallelism}).
   */
  static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private final SparkSession spark;
  private final Table table;
  private final String path;

  /** The maintenance of {@code table} in {@code warehouse}, through {@code spark}. */
  public TableMaintenance(SparkSession spark, Warehouse warehouse, Table table) {
    this.spark = spark;
    this.table = table;
    this.path = warehouse.location(table);
  }

  /** The table maintained. */
  public Table table() {
    return table;
  }

  /**
   * A table's files at one moment.
   *
   * @param version the table version (-1: no table)
   * @param liveFiles data files of that version (what a read of it opens)
   * @param liveBytes their bytes
   * @param diskFiles data files under the table's folder (Parquet files outside {@code _delta_log}):
   *     the live ones and those kept for time travel
   * @param diskBytes their bytes
   * @param checkpointVersion the version of the log's latest checkpoint ({@code _last_checkpoint}), -1 if none
   */
  public record State(long version, long liveFiles, long liveBytes, long diskFiles, long diskBytes,
      long checkpointVersion) {}

  /** The table's state now: its latest version read from the log, and a listing of its folder. */
  public State state() {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Snapshot snapshot = log.update(false, scala.Option.empty(), scala.Option.empty());
    long[] disk = diskFiles();
    long checkpoint = log.readLastCheckpointFile().map(c -> c.version()).getOrElse(() -> -1L);
    return new State(snapshot.version(), snapshot.version() < 0 ? 0 : snapshot.numOfFiles(),
        snapshot.version() < 0 ? 0 : snapshot.sizeInBytes(), disk[0], disk[1], checkpoint);
  }

  /**
   * The shortest retention Delta lets VACUUM use on this table: its
   * {@code delta.deletedFileRetentionDuration} (Delta's default 7 days; Delta's
   * {@code retentionDurationCheck} refuses a shorter {@code RETAIN}).
   */
  public Duration deletedFileRetention() {
    Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
    return Duration.ofMillis(DeltaConfigs.getMilliSeconds(DeltaConfigs.TOMBSTONE_RETENTION().fromMetaData(snapshot.metadata())));
  }

  /**
   * The partitions that data files were added to by commits after table version {@code after}
   * (read from the log's JSON commits, no Spark job), leaving out the commits whose
   * {@code userMetadata} names a job {@code skipJob} accepts (maintenance's own OPTIMIZE). Each
   * partition is its partition column → value (a table without partition columns: one empty map
   * if anything was added).
   *
   * @return empty if the log no longer holds the commit after {@code after} (Delta removed JSON
   *     commits older than {@code delta.logRetentionDuration}, 30 days by default)
   */
  @SuppressWarnings("deprecation") // JavaConverters: in Scala 2.12 and (deprecated) 2.13, so one source for both lines
  public Optional<List<Map<String, String>>> partitionsAddedAfter(long after, Predicate<String> skipJob) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Set<Map<String, String>> changed = new LinkedHashSet<>();
    scala.collection.Iterator<? extends scala.Tuple2<Object, ? extends scala.collection.Seq<Action>>> changes =
        DeltaLogChanges.since(log, after + 1);
    long expected = after + 1;
    while (changes.hasNext()) {
      scala.Tuple2<Object, ? extends scala.collection.Seq<Action>> change = changes.next();
      if ((Long) change._1() != expected) {
        return Optional.empty(); // a gap: the commits in between are gone
      }
      expected++;
      List<Action> actions = scala.collection.JavaConverters.seqAsJavaList(change._2());
      boolean skipped = actions.stream().anyMatch(a -> a instanceof CommitInfo info && info.userMetadata().isDefined()
          && RunMetadata.parse(info.userMetadata().get()).map(m -> skipJob.test(m.job())).orElse(false));
      if (skipped) {
        continue;
      }
      for (Action action : actions) {
        if (action instanceof AddFile add) {
          changed.add(new LinkedHashMap<>(scala.collection.JavaConverters.mapAsJavaMap(add.partitionValues())));
        }
      }
    }
    return Optional.of(List.copyOf(changed));
  }

  /**
   * Every partition of the current version (the fallback when the log no longer tells what changed).
   */
  public List<Map<String, String>> allPartitions() {
    Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
    List<Map<String, String>> out = new ArrayList<>();
    // One row per partition, not per data file, reaches the driver (a map column cannot be
    // DISTINCT in Spark; its entries, an array of structs, can).
    for (Row row : snapshot.allFiles().selectExpr("map_entries(partitionValues)").distinct().collectAsList()) {
      Map<String, String> partition = new LinkedHashMap<>();
      for (Row entry : row.<Row>getList(0)) {
        partition.put(entry.getString(0), entry.getString(1));
      }
      out.add(partition);
    }
    return out;
  }

  /**
   * {@code OPTIMIZE delta.`path` [WHERE partitions]}: compacts the small files of each given
   * partition; a partition already in one file is left alone and an OPTIMIZE with nothing to
   * compact commits nothing. Does nothing if {@code partitions} is empty.
   *
   * @param partitions partition column → value, from {@link #partitionsAddedAfter} or {@link #allPartitions}
   * @param userMetadata the commit's {@code userMetadata}
   * @throws ConcurrentTableChangeException (exit 5) if another run's commit conflicts (a replace
   *     of one of the partitions at the same moment); nothing was committed
   */
  public void optimize(List<Map<String, String>> partitions, String userMetadata) {
    if (partitions.isEmpty()) {
      return;
    }
    String statement = "OPTIMIZE delta.`" + path + "`";
    if (!table.partitionColumns().isEmpty()) {
      statement += " WHERE " + String.join(" OR ", partitions.stream().map(TableMaintenance::predicate).toList());
    }
    try {
      withUserMetadata(userMetadata, statement);
    } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
      throw new ConcurrentTableChangeException(path, "the OPTIMIZE of " + partitions.size() + " partitions", e);
    }
  }

  /**
   * Writes a checkpoint of the log at the current table version ({@code _delta_log/<version>.checkpoint.parquet}
   * and {@code _last_checkpoint}).
   *
   * @return the version checkpointed
   */
  public long checkpoint() {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Snapshot snapshot = log.update(false, scala.Option.empty(), scala.Option.empty());
    log.checkpoint(snapshot, scala.Option.empty());
    return snapshot.version();
  }

  /**
   * {@code VACUUM} with Delta's {@code RETAIN}, its retention check left on: deletes the data files
   * not in the current version whose removal from the table is older than {@code now - retention}.
   *
   * @param retention whole hours (Delta's {@code RETAIN} unit; it rounds), at least
   *     {@link #deletedFileRetention()} (Delta throws an IllegalArgumentException otherwise)
   * @param now the moment the retention counts back from: the present, but for tests of the rule
   * @param userMetadata the {@code userMetadata} of the VACUUM START/END commits Delta may log
   * @see #LISTING_PARALLELISM
   */
  public void vacuum(Duration retention, Instant now, String userMetadata) {
    double hours = retention.toMillis() / 3_600_000.0;
    boolean ownListing = !spark.conf().contains(LISTING_PARALLELISM);
    spark.conf().set(USER_METADATA, userMetadata);
    if (ownListing) {
      spark.conf().set(LISTING_PARALLELISM, Integer.toString(spark.sparkContext().defaultParallelism()));
    }
    try {
      DeltaVacuum.vacuum(spark, DeltaLog.forTable(spark, path), hours, now);
    } finally {
      spark.conf().unset(USER_METADATA);
      if (ownListing) {
        spark.conf().unset(LISTING_PARALLELISM);
      }
    }
  }

  private void withUserMetadata(String userMetadata, String statement) {
    spark.conf().set(USER_METADATA, userMetadata);
    try {
      spark.sql(statement).collectAsList();
    } finally {
      spark.conf().unset(USER_METADATA);
    }
  }

  /** {@code (`c1` = 'v1' AND `c2` = 'v2')}; a null partition value is {@code IS NULL}. */
  static String predicate(Map<String, String> partition) {
    return "(" + String.join(" AND ", partition.entrySet().stream().map(e -> e.getValue() == null
        ? "`" + e.getKey() + "` IS NULL" : "`" + e.getKey() + "` = " + Table.Key.sqlString(e.getValue())).toList()) + ")";
  }

  /**
   * Count and bytes of the Parquet data files under the table's folder, {@code _delta_log} and
   * hidden files aside: those are skipped by name before their status is read, since another run's
   * commit renames its log's temporary file away at any moment (a recursive {@code listFiles} read
   * every file's permissions, and a vanished {@code .tmp} in {@code _delta_log} failed the run).
   */
  private long[] diskFiles() {
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long[] out = new long[2];
      if (fs.exists(root)) {
        addDataFiles(fs, root, out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  private static void addDataFiles(FileSystem fs, Path dir, long[] out) throws IOException {
    FileStatus[] entries;
    try {
      entries = fs.listStatus(dir, p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"));
    } catch (java.io.FileNotFoundException gone) {
      return; // a partition folder removed meanwhile holds no file
    }
    for (FileStatus entry : entries) {
      if (entry.isDirectory()) {
        addDataFiles(fs, entry.getPath(), out);
      } else if (entry.getPath().getName().endsWith(".parquet")) {
        out[0]++;
        out[1] += entry.getLen();
      }
    }
  }
}
