package dev.tripcast.ingest;

import dev.tripcast.errors.Errors;
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
 */
public final class MonthLocator {
  private final Path dataRoot;
  private final Configuration hadoopConf;

  /**
   * @param dataRoot folder or URI holding {@code {taxi}_tripdata_{YYYY-MM}.parquet}
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
   * @throws dev.tripcast.errors.InvalidInputException naming the first month whose file does
   *     not exist, with the exact path looked for
   */
  public List<MonthFile> locate(TaxiType taxiType, List<YearMonth> months) {
    List<MonthFile> files = new ArrayList<>();
    for (YearMonth month : months) {
      files.add(locate(taxiType, month));
    }
    return files;
  }

  private MonthFile locate(TaxiType taxiType, YearMonth month) {
    Path path = new Path(dataRoot, MonthFile.fileName(taxiType, month));
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      Path qualified = fs.makeQualified(path);
      if (!fs.exists(qualified)) {
        throw Errors.monthNotFound(taxiType.id(), month, qualified.toString());
      }
      FileStatus status = fs.getFileStatus(qualified);
      if (!status.isFile()) {
        throw Errors.monthNotFound(taxiType.id(), month, qualified + " (a directory, expected a file)");
      }
      return new MonthFile(taxiType, month, qualified.toString(), status.getLen());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
