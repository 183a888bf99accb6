package dev.tripcast.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds TLC month files under a data root (a local folder or any Hadoop file system URI, such as
 * {@code s3a://bucket/tlc}) before any data is read, so a missing month fails the job early.
 * For each month it looks for {@code .parquet}, then {@code .csv.gz}, then {@code .csv}, and
 * takes the first that exists.
 */
public final class MonthLocator {
  private final Path dataRoot;
  private final Configuration hadoopConf;

  /**
   * @param dataRoot folder or URI holding {@code {taxi}_tripdata_{YYYY-MM}.parquet} (or CSV)
   * @param hadoopConf the Spark session's Hadoop configuration (carries s3a settings)
   */
  public MonthLocator(String dataRoot, Configuration hadoopConf) {
    this.dataRoot = new Path(dataRoot);
    this.hadoopConf = hadoopConf;
  }

  /**
   * Locates every month.
   *
   * @return one file per month, in the order given
   * @throws MonthNotFoundException naming the first month whose file does
   *     not exist, with the exact Parquet path looked for
   */
  public List<MonthFile> locate(TaxiType taxiType, List<YearMonth> months) {
    List<MonthFile> files = new ArrayList<>();
    for (YearMonth month : months) {
      files.add(locate(taxiType, month));
    }
    return files;
  }

  private MonthFile locate(TaxiType taxiType, YearMonth month) {
    Path parquet = new Path(dataRoot, MonthFile.fileName(taxiType, month, MonthFile.Format.PARQUET));
    try {
      FileSystem fs = parquet.getFileSystem(hadoopConf);
      for (MonthFile.Format format : MonthFile.Format.values()) {
        Path path = fs.makeQualified(new Path(dataRoot, MonthFile.fileName(taxiType, month, format)));
        if (!fs.exists(path)) {
          continue;
        }
        FileStatus status = fs.getFileStatus(path);
        if (!status.isFile()) {
          throw new MonthNotFoundException(taxiType.id(), month, path + " (a directory, expected a file)");
        }
        return new MonthFile(taxiType, month, path.toString(), status.getLen(), format);
      }
      throw new MonthNotFoundException(taxiType.id(), month, fs.makeQualified(parquet).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parquet, e);
    }
  }
}
