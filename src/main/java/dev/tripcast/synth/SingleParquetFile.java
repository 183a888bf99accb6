package dev.tripcast.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a Dataset as ONE Parquet file with a chosen name, as TLC publishes a month (Spark writes
 * folders of part files). The rows go through {@code coalesce(1)}: one task writes them in the
 * Dataset's order (a shuffle-free merge of its partitions, so the order and the file bytes are
 * deterministic), into a temporary folder beside the target, whose single part file is then
 * renamed to the target name. A target of the same name is replaced.
 */
final class SingleParquetFile {
  private SingleParquetFile() {}

  /**
   * @param rows the rows, in the order they should appear in the file
   * @param folder destination folder (created if missing)
   * @param name file name, e.g. "green_tripdata_2031-01.parquet"
   * @param rowGroupBytes Parquet row-group size, bytes ({@code parquet.block.size})
   * @param tag unique tag of the temporary folder (e.g. the run id)
   * @return the file written, fully qualified
   */
  static Path write(Dataset<Row> rows, Path folder, String name, int rowGroupBytes, String tag) {
    try {
      FileSystem fs = folder.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
      Path qualifiedFolder = fs.makeQualified(folder);
      Path tmp = new Path(qualifiedFolder, "_tmp-" + name + "-" + tag);
      Path target = new Path(qualifiedFolder, name);
      try {
        rows.coalesce(1).write()
            .mode(SaveMode.ErrorIfExists)
            .option("compression", "snappy")
            .option("parquet.block.size", Integer.toString(rowGroupBytes))
            .parquet(tmp.toString());
        List<FileStatus> parts = Arrays.stream(fs.listStatus(tmp))
            .filter(s -> s.getPath().getName().startsWith("part-")).toList();
        if (parts.size() != 1) {
          throw new IllegalStateException("expected one part file in " + tmp + ", found " + parts.size());
        }
        if (fs.exists(target) && !fs.delete(target, false)) {
          throw new IOException("cannot replace " + target);
        }
        if (!fs.rename(parts.get(0).getPath(), target)) {
          throw new IOException("cannot rename " + parts.get(0).getPath() + " to " + target);
        }
        return target;
      } finally {
        fs.delete(tmp, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " in " + folder, e);
    }
  }
}
