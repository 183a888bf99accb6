package dev.tripcast.notebooks;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.monitoring.MonthQuality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The shipped green months the notebooks explore, read and prepared once ({@link PreparedMonths},
 * course feature set, the configured filters) and cached: every notebook derives its numbers from
 * these rows, so the files are read once per export.
 *
 * <p>Cached columns: {@code month}, {@code PULocationID}, {@code DOLocationID},
 * {@code trip_distance} (miles), {@code duration} (minutes), {@code PU_DO}, {@code drop_reason}
 * (null = kept by tripcast's filters).
 *
 * @param spark the session
 * @param settings the run's settings (data root, filters, model parameters)
 * @param files every file at the top of the data root, by name: Parquet and CSV months
 * @param months the Parquet months from {@link #FIRST} to {@link #LAST} found in the data root
 * @param quality per month: row accounting and the file's schema generation
 * @param rows the prepared rows of {@code months} (cached)
 */
record ExplorationData(SparkSession spark, Settings settings, List<FileStatus> files, List<YearMonth> months,
    List<MonthQuality> quality, Dataset<Row> rows) implements AutoCloseable {
  /** The training month of every notebook. */
  static final YearMonth TRAIN = YearMonth.of(2021, 1);
  /** The validation month of the model comparison. */
  static final YearMonth VALID = YearMonth.of(2021, 2);
  static final YearMonth FIRST = TRAIN;
  static final YearMonth LAST = YearMonth.of(2023, 3);
  static final TaxiType TAXI = TaxiType.GREEN;

  private static final Pattern MONTH_FILE = Pattern.compile("green_tripdata_(\\d{4}-\\d{2})\\.(parquet|csv\\.gz|csv)");

  /** Lists the data root, loads and caches the months (one quality job, one caching pass). */
  static ExplorationData load(SparkSession spark, Settings settings) {
    List<FileStatus> files = list(spark, settings.paths().dataRoot());
    List<YearMonth> months = new ArrayList<>();
    for (FileStatus f : files) {
      Matcher m = MONTH_FILE.matcher(f.getPath().getName());
      if (m.matches() && m.group(2).equals("parquet")) {
        YearMonth month = YearMonth.parse(m.group(1));
        if (!month.isBefore(FIRST) && !month.isAfter(LAST)) {
          months.add(month);
        }
      }
    }
    PreparedMonths prepared = PreparedMonths.load(spark, settings, FeatureSet.COURSE, TAXI, months);
    Dataset<Row> rows = prepared.prepared().select(TripColumns.MONTH, TripColumns.PU_LOCATION_ID,
        TripColumns.DO_LOCATION_ID, TripColumns.TRIP_DISTANCE, FeatureColumns.DURATION, FeatureColumns.PU_DO,
        FeatureColumns.DROP_REASON).cache();
    rows.count();
    return new ExplorationData(spark, settings, files, List.copyOf(months), prepared.quality(), rows);
  }

  /** Every row read from the month's file. */
  Dataset<Row> month(YearMonth month) {
    return rows.where(col(TripColumns.MONTH).equalTo(month.toString()));
  }

  /** The month's rows kept by tripcast's filters. */
  Dataset<Row> kept(YearMonth month) {
    return month(month).where(col(FeatureColumns.DROP_REASON).isNull());
  }

  /** Every month's rows kept by tripcast's filters. */
  Dataset<Row> kept() {
    return rows.where(col(FeatureColumns.DROP_REASON).isNull());
  }

  /** The month's quality entry. */
  MonthQuality quality(YearMonth month) {
    return quality.stream().filter(q -> q.month().equals(month.toString())).findFirst()
        .orElseThrow(() -> new IllegalStateException("month not loaded: " + month));
  }

  @Override
  public void close() {
    rows.unpersist();
  }

  private static List<FileStatus> list(SparkSession spark, String dataRoot) {
    try {
      Path root = new Path(dataRoot);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(root)) {
        if (s.isFile() && MONTH_FILE.matcher(s.getPath().getName()).matches()) {
          out.add(s);
        }
      }
      out.sort(java.util.Comparator.comparing(s -> s.getPath().getName()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dataRoot, e);
    }
  }
}
