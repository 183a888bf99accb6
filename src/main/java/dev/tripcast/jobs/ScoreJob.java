package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry.SavedModel;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ZoneLookup;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one TLC month with a saved model (never refitting it) and replaces that month in three
 * Delta tables:
 *
 * <pre>
 * month file ─ PreparedMonths (read, prepare, measure) ─ kept trips ─ model.transform ─ ScoredTrips.stamp ─▶ scored_trips
 *                                                                   committed rows ─ ErrorReport.build ─▶ error_report
 *                                                                   quality per file ─ DataQualityTable.rows ─▶ data_quality
 * </pre>
 *
 * <p>The model and the month file are resolved, and the tables created and their schemas checked,
 * before any row is written, so a missing model, a missing month or a table from an older release
 * writes nothing. The error report is built from the rows just committed (read back at that table
 * version), so the model runs once per trip. Run it with {@code tripcast score}.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private ScoreJob() {}

  /**
   * @param taxiType layout of the month
   * @param month the service month to score
   * @param model the model to score with
   */
  public record Request(TaxiType taxiType, YearMonth month, ModelRef model) {}

  /**
   * @param modelVersion the version that scored the month
   * @param quality the month's row accounting and data quality
   * @param scoredTrips the {@code scored_trips} commit
   * @param errorReport the {@code error_report} commit
   * @param dataQuality the {@code data_quality} commit
   * @param report the month's report rows as committed (a few hundred rows)
   * @param notices lines for the user about the model's resolution (e.g. a first champion promoted)
   */
  public record Result(String modelVersion, MonthQuality quality, Commit scoredTrips, Commit errorReport,
      Commit dataQuality, List<ErrorMetrics> report, List<String> notices) {

    Result withNotices(List<String> more) {
      return new Result(modelVersion, quality, scoredTrips, errorReport, dataQuality, report, List.copyOf(more));
    }
  }

  /**
   * Loads the model (resolving an alias through {@code model_registry}), then scores the month.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the model version does not exist
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or unreadable, a
   *     table's schema differs, or the warehouse is on S3 without a multi-driver Delta log store
   *     and {@code tripcast.s3.single-driver-log-store} is "refuse"
   */
  public static Result run(SparkSession spark, Settings settings, Request request, RunInfo run) {
    Stores.Loaded model = Stores.load(spark, settings, request.model(), run.id());
    return run(spark, settings, model.model(), request.taxiType(), request.month(), run)
        .withNotices(model.recordUse());
  }

  /**
   * Scores one month with an already loaded model ({@link BackfillJob} loads it once for all its
   * months).
   *
   * @throws dev.tripcast.errors.InvalidInputException as {@link #run(SparkSession, Settings, Request, RunInfo)}
   */
  public static Result run(SparkSession spark, Settings settings, SavedModel model, TaxiType taxiType,
      YearMonth month, RunInfo run) {
    Warehouse warehouse = Stores.warehouse(spark, settings);
    warehouse.check(ScoredTrips.TABLE, ErrorReport.TABLE, DataQualityTable.TABLE);
    PreparedMonths input = PreparedMonths.load(spark, settings, model.model().featureSet(), taxiType, List.of(month));
    MonthQuality quality = input.quality().get(0);
    String commitInfo = RunMetadata.json(run.id(), run.job(), model.version());
    LOG.info("scoring {} {} with model {} {}", taxiType, month, settings.model().name(), model.version());

    Table.Key trips = ScoredTrips.TABLE.key(taxiType.id(), month);
    Dataset<Row> scored = ScoredTrips.stamp(model.model().transform(input.kept()), model.version(),
        Timestamp.from(run.startedAt()));
    Commit scoredCommit = requireAllKept(warehouse.replace(trips, scored, commitInfo), quality);

    Table.Key report = ErrorReport.TABLE.key(taxiType.id(), month);
    Dataset<Row> errors = ErrorReport.build(warehouse.read(trips, scoredCommit.version()), ZoneLookup.load(spark),
        settings.reports());
    Commit reportCommit = warehouse.replace(report, errors, commitInfo);

    Dataset<Row> qualityRows = DataQualityTable.rows(spark, taxiType.id(), DataQualityTable.SCORE, run.id(), input.quality());
    Commit qualityCommit = warehouse.replace(
        DataQualityTable.TABLE.key(taxiType.id(), month, DataQualityTable.SCORE), qualityRows, commitInfo);

    List<ErrorMetrics> committed = warehouse.read(report, reportCommit.version()).collectAsList().stream()
        .map(ErrorMetrics::fromRow).toList();
    return new Result(model.version(), quality, scoredCommit, reportCommit, qualityCommit, committed, List.of());
  }

  /** The scored_trips commit must hold exactly the kept rows: one prediction per kept trip. */
  private static Commit requireAllKept(Commit commit, MonthQuality quality) {
    if (commit.rowsWritten() >= 0 && commit.rowsWritten() != quality.counts().kept()) {
      throw new IllegalStateException(String.format("%s got %d rows but %d were kept",
          commit.table(), commit.rowsWritten(), quality.counts().kept()));
    }
    return commit;
  }
}
