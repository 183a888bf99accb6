package dev.tripcast.scoring;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.features.PreparedMonths;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ZoneLookup;
import dev.tripcast.tables.DeltaTables;
import dev.tripcast.tables.RunMetadata;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one TLC month with a saved model (never refitting it) and writes three Delta tables,
 * each replacing exactly this taxi type and month:
 *
 * <ol>
 *   <li>{@code scored_trips} ({@link ScoredTrips}): one row per kept trip;
 *   <li>{@code error_report} ({@link ErrorReport}): built from the rows just committed, read back
 *       at that table version, so the model runs once per trip;
 *   <li>{@code data_quality} ({@link DataQualityTable}): rows kept and dropped per reason.
 * </ol>
 *
 * <p>The model and the month file are resolved before any data is read, so a missing model or
 * month writes nothing. Run it with {@code tripcast score}.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private ScoreJob() {}

  /**
   * @param taxiType layout of the month
   * @param month the service month to score
   * @param modelVersion a registry version ("v3") or "latest"
   */
  public record Request(TaxiType taxiType, YearMonth month, String modelVersion) {}

  /**
   * @param modelVersion the version that scored the month
   * @param quality the month's row accounting and data quality
   * @param scoredTrips the {@code scored_trips} commit
   * @param errorReport the {@code error_report} commit
   * @param dataQuality the {@code data_quality} commit
   * @param report the month's report rows as committed (a few hundred rows)
   */
  public record Result(String modelVersion, MonthQuality quality, DeltaTables.Commit scoredTrips,
      DeltaTables.Commit errorReport, DeltaTables.Commit dataQuality, List<Row> report) {}

  /**
   * Runs the scoring.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the model version does not exist
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or unreadable, or
   *     the warehouse is on S3 without a multi-driver Delta log store and
   *     {@code tripcast.s3.single-driver-log-store} is "refuse"
   */
  public static Result run(SparkSession spark, Settings settings, Request request, RunInfo run) {
    ModelRegistry.SavedModel model = loadModel(spark, settings, request.modelVersion());
    return run(spark, settings, model, request.taxiType(), request.month(), run);
  }

  /**
   * Loads a model version from the registry under {@code paths.model-root}.
   *
   * @param version "v3" or "latest"
   * @throws dev.tripcast.errors.ModelNotFoundException if the version does not exist
   */
  public static ModelRegistry.SavedModel loadModel(SparkSession spark, Settings settings, String version) {
    return new ModelRegistry(settings.paths().modelRoot(), settings.model().name(), spark.sparkContext().hadoopConfiguration())
        .load(version);
  }

  /**
   * Scores one month with an already loaded model ({@link BackfillJob} loads it once for all its
   * months). The month file is located before anything is written.
   *
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or unreadable
   */
  public static Result run(SparkSession spark, Settings settings, ModelRegistry.SavedModel model, TaxiType taxiType,
      YearMonth month, RunInfo run) {
    Request request = new Request(taxiType, month, model.version());
    checkLogStores(spark, settings);
    FeatureSet featureSet = FeatureSet.fromId(model.card().featureSet()).orElse(FeatureSet.COURSE);
    PreparedMonths input = PreparedMonths.load(spark, settings, featureSet, request.taxiType(), List.of(request.month()));
    MonthQuality quality = input.quality().get(0);
    LOG.info("scoring {} {} with model {} {}", request.taxiType(), request.month(), settings.model().name(), model.version());

    Dataset<Row> scored = ScoredTrips.stamp(
        model.model().transform(input.kept()), model.version(), Timestamp.from(run.startedAt()));
    String userMetadata = RunMetadata.json(run, model.version());
    Map<String, String> tripPartition = partition(TripColumns.SERVICE_MONTH, request);
    Map<String, String> monthPartition = partition(ErrorReport.MONTH, request);
    String scoredPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().scoredTrips());
    String reportPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().errorReport());
    String qualityPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().dataQuality());

    Dataset<Row> zones = ZoneLookup.load(spark);
    DeltaTables.requireSchema(spark, scoredPath, scored.schema());
    DeltaTables.requireSchema(spark, reportPath, report(scored, zones, settings).schema());
    DeltaTables.requireSchema(spark, qualityPath, DataQualityTable.SCHEMA);

    DeltaTables.Commit scoredCommit = DeltaTables.replacePartition(scored, scoredPath, tripPartition, userMetadata);
    if (scoredCommit.rowsWritten() >= 0 && scoredCommit.rowsWritten() != quality.counts().kept()) {
      throw new IllegalStateException(String.format("scored_trips got %d rows but %d were kept",
          scoredCommit.rowsWritten(), quality.counts().kept()));
    }
    Dataset<Row> written = DeltaTables.readPartition(spark, scoredPath, scoredCommit.version(), tripPartition);
    DeltaTables.Commit reportCommit = DeltaTables.replacePartition(
        report(written, zones, settings), reportPath, monthPartition, userMetadata);
    Map<String, List<String>> qualityMatch = new LinkedHashMap<>();
    monthPartition.forEach((column, value) -> qualityMatch.put(column, List.of(value)));
    qualityMatch.put(DataQualityTable.JOB, List.of(DataQualityTable.SCORE));
    DeltaTables.Commit qualityCommit = DeltaTables.replaceWhere(
        DataQualityTable.rows(spark, request.taxiType().id(), DataQualityTable.SCORE, run.id(), input.quality()),
        qualityPath, DataQualityTable.PARTITION_COLUMNS, qualityMatch, userMetadata);
    List<Row> reportRows = DeltaTables.readPartition(spark, reportPath, reportCommit.version(), monthPartition).collectAsList();
    return new Result(model.version(), quality, scoredCommit, reportCommit, qualityCommit, reportRows);
  }

  /** Refuses (or warns about, by configuration) S3 tables without a multi-driver Delta log store. */
  private static void checkLogStores(SparkSession spark, Settings settings) {
    for (String table : List.of(settings.tables().scoredTrips(), settings.tables().errorReport(),
        settings.tables().dataQuality())) {
      DeltaTables.checkLogStore(spark.sparkContext().getConf(),
              DeltaTables.location(spark, settings.paths().warehouseRoot(), table), settings.s3().singleDriverLogStore())
          .ifPresent(LOG::warn);
    }
  }

  private static Dataset<Row> report(Dataset<Row> scored, Dataset<Row> zones, Settings settings) {
    return ErrorReport.build(scored, zones, settings.reports())
        .select(ErrorReport.columns().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
  }

  private static Map<String, String> partition(String monthColumn, Request request) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(TripColumns.TAXI_TYPE, request.taxiType().id());
    p.put(monthColumn, request.month().toString());
    return p;
  }
}
