package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.Undeclared;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.CorruptFiles;
import dev.tripcast.ingest.CorruptMonthException;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripReader;
import dev.tripcast.monitoring.MonthQuality;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The input step shared by training and scoring (ingest → features → monitoring): locate the months, read them into the canonical
 * schema, {@link TripFeatures#prepare prepare} them and measure their quality (one Spark job), then
 * refuse unusable files. Nothing is written.
 *
 * @param files the month files read, in the order asked
 * @param prepared every read row with duration, PU_DO and drop_reason (lazy)
 * @param quality per file: row accounting, null shares, unknown zones, pickup range
 */
public record PreparedMonths(List<MonthFile> files, Dataset<Row> prepared, List<MonthQuality> quality) {

  /**
   * Runs the step.
   *
   * @throws dev.tripcast.errors.InvalidInputException if a month is missing, unreadable, truncated
   *     or corrupt ({@link CorruptFiles}), empty, lacks a column the feature set needs, or has such a
   *     column null in every row
   */
  public static PreparedMonths load(SparkSession spark, Settings settings, FeatureSet featureSet,
      TaxiType taxiType, List<YearMonth> months) {
    featureSet.requireSupportedBy(taxiType);
    List<MonthFile> files = new MonthLocator(settings.paths().dataRoot(), spark.sparkContext().hadoopConfiguration())
        .locate(taxiType, months);
    Dataset<Row> trips = TripReader.read(spark, files, featureSet.requiredColumns());
    Dataset<Row> prepared = TripFeatures.prepare(trips, settings.filters(), featureSet);
    List<MonthQuality> quality;
    try {
      quality = Undeclared.sparkJob(() -> MonthQuality.compute(prepared)); // the first job that reads every row
    } catch (SparkException e) {
      Optional<CorruptMonthException> corrupt = CorruptFiles.find(spark, files, featureSet.requiredColumns(), e);
      if (corrupt.isPresent()) {
        throw corrupt.get();
      }
      throw Undeclared.rethrow(e); // the job's own failure, as Spark threw it
    }
    MonthQuality.requireUsable(quality, files.stream().map(MonthFile::path).toList(), featureSet);
    return new PreparedMonths(files, prepared, quality);
  }

  /** The row accounting of each file. */
  public List<DropCounts> counts() {
    return quality.stream().map(MonthQuality::counts).toList();
  }

  /** Rows that passed every filter, as model input: a missing zone id is {@link TripFeatures#MISSING_ZONE_ID}. */
  public Dataset<Row> kept() {
    return TripFeatures.fillMissingZones(TripFeatures.keepPlausible(prepared));
  }
}
