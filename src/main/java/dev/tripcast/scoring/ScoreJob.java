package dev.tripcast.scoring;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.TripReader;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ZoneLookup;
import dev.tripcast.tables.DeltaTables;
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
   * @param counts rows read, kept and dropped per reason
   * @param scoredTrips the {@code scored_trips} commit
   * @param errorReport the {@code error_report} commit
   * @param dataQuality the {@code data_quality} commit
   * @param report the month's report rows as committed (a few hundred rows)
   */
  public record Result(String modelVersion, DropCounts counts, DeltaTables.Commit scoredTrips,
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
    String scoredPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().scoredTrips());
    String reportPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().errorReport());
    String qualityPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().dataQuality());
    for (String table : List.of(scoredPath, reportPath, qualityPath)) {
      DeltaTables.checkLogStore(spark.sparkContext().getConf(), table, settings.s3().singleDriverLogStore())
          .ifPresent(LOG::warn);
    }
    ModelRegistry registry = new ModelRegistry(
        settings.paths().modelRoot(), settings.model().name(), spark.sparkContext().hadoopConfiguration());
    ModelRegistry.SavedModel model = registry.load(request.modelVersion());
    MonthFile file = new MonthLocator(settings.paths().dataRoot(), spark.sparkContext().hadoopConfiguration())
        .locate(request.taxiType(), List.of(request.month())).get(0);
    LOG.info("scoring {} {} with model {} {}", request.taxiType(), request.month(), settings.model().name(), model.version());

    Dataset<Row> prepared = TripFeatures.prepare(TripReader.readMonth(spark, file), settings.filters());
    DropCounts counts = DropCounts.compute(prepared).stream().findFirst()
        .orElse(DropCounts.total(file.path(), List.of()));
    Dataset<Row> scored = ScoredTrips.stamp(
        model.model().transform(TripFeatures.keepPlausible(prepared)), model.version(), Timestamp.from(run.startedAt()));

    String userMetadata = userMetadata(run, model.version());
    Map<String, String> tripPartition = partition(TripColumns.SERVICE_MONTH, request);
    Map<String, String> monthPartition = partition(ErrorReport.MONTH, request);

    DeltaTables.Commit scoredCommit = DeltaTables.replacePartition(scored, scoredPath, tripPartition, userMetadata);
    if (scoredCommit.rowsWritten() >= 0 && scoredCommit.rowsWritten() != counts.kept()) {
      throw new IllegalStateException(String.format("scored_trips got %d rows but %d were kept",
          scoredCommit.rowsWritten(), counts.kept()));
    }
    Dataset<Row> written = DeltaTables.readPartition(spark, scoredPath, scoredCommit.version(), tripPartition);
    Dataset<Row> report = ErrorReport.build(written, ZoneLookup.load(spark), settings.reports())
        .select(ErrorReport.columns().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    DeltaTables.Commit reportCommit = DeltaTables.replacePartition(report, reportPath, monthPartition, userMetadata);
    DeltaTables.Commit qualityCommit = DeltaTables.replacePartition(
        DataQualityTable.rows(spark, request.taxiType().id(), run.id(), List.of(counts)),
        qualityPath, monthPartition, userMetadata);
    List<Row> reportRows = DeltaTables.readPartition(spark, reportPath, reportCommit.version(), monthPartition).collectAsList();
    return new Result(model.version(), counts, scoredCommit, reportCommit, qualityCommit, reportRows);
  }

  private static Map<String, String> partition(String monthColumn, Request request) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(TripColumns.TAXI_TYPE, request.taxiType().id());
    p.put(monthColumn, request.month().toString());
    return p;
  }

  private static String userMetadata(RunInfo run, String modelVersion) {
    return String.format("{\"run_id\":\"%s\",\"job\":\"%s\",\"model_version\":\"%s\"}", run.id(), run.job(), modelVersion);
  }
}
