package dev.tripcast.tables;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.S3HadoopConf;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The only place that knows Delta write modes. Every table tripcast writes is path-based
 * ({@code delta.`<warehouse>/<name>`}) and partitioned; a job replaces exactly its own
 * partition with {@code replaceWhere}, so re-running a month is idempotent and other months are
 * untouched. Each write is one atomic Delta commit carrying the run's {@code userMetadata}.
 */
public final class DeltaTables {
  /** Log store classes that are safe for one writing driver only. */
  static final Set<String> SINGLE_DRIVER_LOG_STORES = Set.of(
      "io.delta.storage.S3SingleDriverLogStore", "org.apache.spark.sql.delta.storage.S3SingleDriverLogStore");

  private DeltaTables() {}

  /**
   * Checks that tables under {@code tablePath} can take commits from several drivers at once. On
   * S3 that needs a log store other than Delta's default single-driver one, configured with
   * {@code spark.delta.logStore.<scheme>.impl} (or {@code spark.delta.logStore.class}, or either
   * without the {@code spark.} prefix, as Delta accepts), e.g. {@code io.delta.storage.S3DynamoDBLogStore}.
   * Paths on other file systems always pass.
   *
   * @param conf the session's Spark configuration ({@code spark.sparkContext().getConf()}), where
   *     Delta reads its log store settings
   * @param tablePath a fully qualified table or warehouse path ({@code s3a://bucket/tables})
   * @param policy what to do when only the single-driver log store is configured
   * @return a warning to log when the policy is {@code WARN} and the log store is single-driver;
   *     empty when the path is safe
   * @throws dev.tripcast.errors.InvalidInputException when the policy is {@code REFUSE} and the log
   *     store is single-driver; nothing has been written then
   */
  public static Optional<String> checkLogStore(SparkConf conf, String tablePath, Settings.LogStorePolicy policy) {
    if (!S3HadoopConf.isOnS3(tablePath)) {
      return Optional.empty();
    }
    String scheme = new Path(tablePath).toUri().getScheme();
    String schemeKey = "spark.delta.logStore." + scheme + ".impl";
    Optional<String> logStore = Stream.of(schemeKey, schemeKey.substring("spark.".length()),
            "spark.delta.logStore.class", "delta.logStore.class")
        .map(key -> conf.getOption(key))
        .filter(scala.Option::isDefined)
        .map(o -> o.get().trim())
        .findFirst();
    if (logStore.isPresent() && !SINGLE_DRIVER_LOG_STORES.contains(logStore.get())) {
      return Optional.empty();
    }
    dev.tripcast.errors.InvalidInputException problem = Errors.singleDriverLogStore(tablePath, schemeKey);
    if (policy == Settings.LogStorePolicy.REFUSE) {
      throw problem;
    }
    return Optional.of(problem.getMessage());
  }

  /** Where a table lives, fully qualified ({@code file:/abs/path}, {@code s3a://...}) for logs. */
  public static String location(SparkSession spark, String warehouseRoot, String name) {
    Path path = new Path(warehouseRoot, name);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot resolve " + path, e);
    }
  }

  /**
   * Replaces the rows of one partition with {@code rows} (creating the table on first write).
   *
   * @param rows the new rows; every row must match {@code partition} (Delta checks it)
   * @param path table location
   * @param partition partition column → value, in partitioning order, e.g. taxi_type=green,
   *     service_month=2021-02
   * @param userMetadata recorded in the commit (Delta {@code userMetadata}); should identify the run
   * @return the commit this write made: table version and rows written
   */
  public static Commit replacePartition(Dataset<Row> rows, String path, Map<String, String> partition, String userMetadata) {
    Map<String, List<String>> match = new java.util.LinkedHashMap<>();
    partition.forEach((column, value) -> match.put(column, List.of(value)));
    return replaceWhere(rows, path, List.copyOf(partition.keySet()), match, userMetadata);
  }

  /**
   * Replaces the rows matching {@code column IN (values)} for every entry of {@code match}
   * (creating the table on first write), in one atomic commit.
   *
   * @param rows the new rows; every row must match (Delta checks it)
   * @param path table location
   * @param partitionBy the table's partition columns
   * @param match column → accepted values; columns need not be partition columns
   * @param userMetadata recorded in the commit (Delta {@code userMetadata}); should identify the run
   * @return the commit this write made
   */
  public static Commit replaceWhere(Dataset<Row> rows, String path, List<String> partitionBy,
      Map<String, List<String>> match, String userMetadata) {
    String predicate = match.entrySet().stream()
        .map(e -> e.getKey() + " IN (" + e.getValue().stream().map(DeltaTables::sqlString)
            .collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining(" AND "));
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .option("userMetadata", userMetadata)
        .partitionBy(partitionBy.toArray(new String[0]))
        .save(path);
    return committedVersion(rows.sparkSession(), path, userMetadata);
  }

  /**
   * A Spark SQL string literal of {@code value}. Spark escapes quotes with a backslash; a doubled
   * quote ({@code 'o''hare'}) would be two adjacent literals that Spark concatenates to "ohare".
   */
  static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Checks, before anything is written, that an existing table has the columns and types a job
   * will write (nullability aside), so a run never half-writes its outputs and then fails on a
   * schema mismatch. A table that does not exist yet passes.
   *
   * @throws dev.tripcast.errors.InvalidInputException naming the table and the first difference
   */
  public static void requireSchema(SparkSession spark, String path, StructType expected) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return;
    }
    StructType actual = spark.read().format("delta").load(path).schema();
    java.util.List<String> want = describe(expected);
    java.util.List<String> have = describe(actual);
    if (!want.equals(have)) {
      throw Errors.tableSchemaMismatch(path, String.join(", ", have), String.join(", ", want));
    }
  }

  private static java.util.List<String> describe(StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  /** Reads the rows of one partition as of a table version (time travel). */
  public static Dataset<Row> readPartition(SparkSession spark, String path, long version, Map<String, String> partition) {
    Dataset<Row> table = spark.read().format("delta").option("versionAsOf", version).load(path);
    for (Map.Entry<String, String> e : partition.entrySet()) {
      table = table.where(col(e.getKey()).equalTo(e.getValue()));
    }
    return table;
  }

  /** The current version of the Delta table at {@code path}; empty if there is none there. */
  public static Optional<Long> latestVersion(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Optional.empty();
    }
    return Optional.of(DeltaTable.forPath(spark, path).history(1).select(col("version")).first().getLong(0));
  }

  /**
   * One Delta commit.
   *
   * @param path table location
   * @param version table version committed
   * @param rowsWritten rows added by the commit (Delta's {@code numOutputRows} operation metric)
   */
  public record Commit(String path, long version, long rowsWritten) {}

  private static Commit committedVersion(SparkSession spark, String path, String userMetadata) {
    List<Row> mine = DeltaTable.forPath(spark, path).history(50)
        .where(col("userMetadata").equalTo(userMetadata))
        .select(col("version"), col("operationMetrics").getItem("numOutputRows"))
        .orderBy(col("version").desc())
        .limit(1)
        .collectAsList();
    if (mine.isEmpty()) {
      throw new IllegalStateException("no commit with userMetadata " + userMetadata + " in " + path);
    }
    String rows = mine.get(0).getString(1);
    return new Commit(path, mine.get(0).getLong(0), rows == null ? -1 : Long.parseLong(rows));
  }
}
