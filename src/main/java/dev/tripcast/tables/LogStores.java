package dev.tripcast.tables;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

/**
 * Whether Delta tables under a path can take commits from several drivers at once. On S3 that
 * needs a log store other than Delta's default single-driver one (Delta docs, "Storage
 * configuration": S3 multi-cluster writes need {@code io.delta.storage.S3DynamoDBLogStore}).
 */
public final class LogStores {
  /** Log store classes that are safe for one writing driver only. */
  static final Set<String> SINGLE_DRIVER_LOG_STORES = Set.of(
      "io.delta.storage.S3SingleDriverLogStore", "org.apache.spark.sql.delta.storage.S3SingleDriverLogStore");
  /** URI schemes served by S3 file systems. */
  public static final Set<String> S3_SCHEMES = Set.of("s3a", "s3", "s3n");

  private LogStores() {}

  /** Whether {@code path} is on S3: its scheme is s3a, s3 or s3n (a path without a scheme is not). */
  public static boolean isOnS3(String path) {
    String scheme = new Path(path).toUri().getScheme();
    return scheme != null && S3_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /**
   * Checks the log store of tables under {@code tablePath}, configured with
   * {@code spark.delta.logStore.<scheme>.impl} (or {@code spark.delta.logStore.class}, or either
   * without the {@code spark.} prefix, as Delta accepts). Paths on other file systems always pass.
   *
   * @param conf the session's Spark configuration, where Delta reads its log store settings
   * @param tablePath a fully qualified table or warehouse path ({@code s3a://bucket/tables})
   * @param policy what to do when only the single-driver log store is configured
   * @return a warning to log when the policy is {@code WARN} and the log store is single-driver;
   *     empty when the path is safe
   * @throws SingleDriverLogStoreException when the policy is {@code REFUSE} and the log store is
   *     single-driver; nothing has been written then
   */
  public static Optional<String> check(SparkConf conf, String tablePath, LogStorePolicy policy) {
    if (!isOnS3(tablePath)) {
      return Optional.empty();
    }
    String scheme = new Path(tablePath).toUri().getScheme();
    String schemeKey = "spark.delta.logStore." + scheme + ".impl";
    Optional<String> logStore = Stream.of(schemeKey, schemeKey.substring("spark.".length()),
            "spark.delta.logStore.class", "delta.logStore.class")
        .map(conf::getOption)
        .filter(scala.Option::isDefined)
        .map(o -> o.get().trim())
        .findFirst();
    if (logStore.isPresent() && !SINGLE_DRIVER_LOG_STORES.contains(logStore.get())) {
      return Optional.empty();
    }
    SingleDriverLogStoreException problem = new SingleDriverLogStoreException(tablePath, schemeKey);
    if (policy == LogStorePolicy.REFUSE) {
      throw problem;
    }
    return Optional.of(problem.getMessage());
  }
}
