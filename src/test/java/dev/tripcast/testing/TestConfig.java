package dev.tripcast.testing;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@code --config} file for CLI tests. */
public final class TestConfig {
  private TestConfig() {}

  /**
   * A HOCON file pointing the run at {@code dataRoot} and at {@code tables}/{@code models}, with
   * the shared test session's Spark settings (local[2], 2 shuffle partitions, Delta log replay in 2
   * tasks, no web UI: a job JVM started with this file skips the UI's server), so a CLI run that
   * reuses that session changes nothing for later tests, and with {@code score}'s monitoring off
   * (a later line {@code tripcast.monitoring.after-score = true} turns it on).
   *
   * @param file the file to write
   * @param extraLines more HOCON lines appended as they are
   * @return {@code file}
   */
  public static Path write(Path file, Path dataRoot, Path tables, Path models, String... extraLines) {
    return write(file, dataRoot.toString(), tables.toString(), models.toString(), extraLines);
  }

  /** {@link #write(Path, Path, Path, Path, String...)} with roots given as URIs ({@code s3a://bucket/tables}). */
  public static Path write(Path file, String dataRoot, String tables, String models, String... extraLines) {
    StringBuilder hocon = new StringBuilder()
        .append("tripcast.paths.data-root = ").append(ConfigUtil.quoteString(dataRoot)).append('\n')
        .append("tripcast.paths.warehouse-root = ").append(ConfigUtil.quoteString(tables)).append('\n')
        .append("tripcast.paths.model-root = ").append(ConfigUtil.quoteString(models)).append('\n')
        .append("# Same as the shared test session, so reusing it changes nothing for later tests.\n")
        .append("tripcast.spark.master = \"local[2]\"\n")
        .append("tripcast.spark.conf { \"spark.sql.shuffle.partitions\" = \"2\", "
            + "\"spark.databricks.delta.snapshotPartitions\" = \"2\", \"spark.ui.enabled\" = \"false\" }\n")
        .append("# score does not monitor unless a test asks (MonitorIT, NightlyIT): it would add a pass per score.\n")
        .append("tripcast.monitoring.after-score = false\n");
    for (String line : extraLines) {
      hocon.append(line).append('\n');
    }
    try {
      return Files.writeString(file, hocon.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
