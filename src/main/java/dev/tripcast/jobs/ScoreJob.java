package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry.SavedModel;
import dev.tripcast.model.ModelResolver;
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
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one TLC month with a saved model (never refitting it) and replaces that month in three
 * Delta tables (with {@code --shadow}, then again with a second model into {@code shadow_trips} and
 * that version's {@code error_report} rows):
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
 * version), so the model runs once per trip; the report's rows are computed once and written from
 * the driver. Run it with {@code tripcast score}.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private ScoreJob() {}

  /**
   * @param taxiType layout of the month
   * @param month the service month to score
   * @param model the model to score with
   * @param shadow a model to also score the month with, in shadow ({@code shadow_trips}), if any
   */
  public record Request(TaxiType taxiType, YearMonth month, ModelRef model, Optional<ModelRef> shadow) {
    /** Scoring without a shadow model. */
    public Request(TaxiType taxiType, YearMonth month, ModelRef model) {
      this(taxiType, month, model, Optional.empty());
    }

    /** What the run scores, one line (its {@code run_key}): "score green 2021-02 with model champion". */
    public String key() {
      return "score " + taxiType.id() + " " + month + " with model " + model
          + shadow.map(s -> ", and in shadow with " + s).orElse("");
    }
  }

  /**
   * @param modelVersion the version that scored the month
   * @param quality the month's row accounting and data quality
   * @param scoredTrips the {@code scored_trips} commit
   * @param errorReport the {@code error_report} commit
   * @param dataQuality the {@code data_quality} commit
   * @param report the month's report rows as committed (a few hundred rows)
   * @param shadow the shadow model's scoring, if one was asked for
   * @param notices lines for the user about the model's resolution (e.g. a first champion promoted)
   */
  public record Result(String modelVersion, MonthQuality quality, Commit scoredTrips, Commit errorReport,
      Commit dataQuality, List<ErrorMetrics> report, Optional<Scored> shadow, List<String> notices) {

    Result with(Optional<Scored> newShadow, List<String> more) {
      return new Result(modelVersion, quality, scoredTrips, errorReport, dataQuality, report, newShadow,
          List.copyOf(more));
    }
  }

  /**
   * One model's scoring of a month: its trips and its error report rows.
   *
   * @param modelVersion the version that scored
   * @param trips the commit of the trips table ({@code scored_trips} or {@code shadow_trips})
   * @param errorReport the {@code error_report} commit of this version's rows
   * @param report those rows as committed
   */
  public record Scored(String modelVersion, Commit trips, Commit errorReport, List<ErrorMetrics> report) {}

  /**
   * Loads the model (resolving an alias through {@code model_registry}), then scores the month;
   * with a shadow model, scores it again into {@code shadow_trips} afterwards.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the model version does not exist
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or unreadable, a
   *     table's schema differs, the shadow model is the scoring model itself, or the warehouse is
   *     on S3 without a multi-driver Delta log store and {@code tripcast.s3.single-driver-log-store}
   *     is "refuse"
   */
  public static Result run(RunContext context, Request request) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    ModelResolver.Loaded model = context.models().load(request.model());
    Optional<ModelResolver.Loaded> shadow = request.shadow().map(ref -> context.models().load(ref));
    if (shadow.isPresent() && shadow.get().model().version().equals(model.model().version())) {
      throw new ShadowIsServingException(request.shadow().get().toString(), model.model().version());
    }
    if (shadow.isPresent()) {
      context.warehouse().check(ScoredTrips.SHADOW_TABLE);
    }
    Result served = run(context, model.model(), request.taxiType(), request.month());
    Optional<Scored> shadowed = shadow.map(s -> {
      LOG.info("shadow scoring {} {} with model {} {}", request.taxiType(), request.month(), settings.model().name(),
          s.model().version());
      PreparedMonths input = PreparedMonths.load(spark, settings, s.model().model().featureSet(), request.taxiType(),
          List.of(request.month()));
      return scoreInto(context,
          ScoredTrips.SHADOW_TABLE.key(request.taxiType().id(), request.month(), s.model().version()), s.model(), input,
          request.taxiType(), request.month());
    });
    return served.with(shadowed, context.models().recordUse(model, run.id()));
  }

  /**
   * Scores one month with an already loaded model ({@link BackfillJob} loads it once for all its
   * months).
   *
   * @throws dev.tripcast.errors.InvalidInputException as {@link #run(RunContext, Request)}
   */
  public static Result run(RunContext context, SavedModel model, TaxiType taxiType, YearMonth month) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    warehouse.check(ScoredTrips.TABLE, ErrorReport.TABLE, DataQualityTable.TABLE);
    PreparedMonths input = PreparedMonths.load(spark, settings, model.model().featureSet(), taxiType, List.of(month));
    MonthQuality quality = input.quality().get(0);
    LOG.info("scoring {} {} with model {} {}", taxiType, month, settings.model().name(), model.version());
    Scored scored = scoreInto(context, ScoredTrips.TABLE.key(taxiType.id(), month), model, input, taxiType, month);

    Dataset<Row> qualityRows = DataQualityTable.rows(spark, taxiType.id(), DataQualityTable.SCORE, run.id(), input.quality());
    Commit qualityCommit = warehouse.replace(
        DataQualityTable.TABLE.key(taxiType.id(), month, DataQualityTable.SCORE), qualityRows,
        RunMetadata.json(run.id(), run.job(), model.version()));
    return new Result(model.version(), quality, scored.trips(), scored.errorReport(), qualityCommit, scored.report(),
        Optional.empty(), List.of());
  }

  /**
   * The month's kept trips through the model, replacing {@code trips} (the month of
   * {@code scored_trips}, or the month and version of {@code shadow_trips}), then the error report of the rows just committed
   * (read back at that table version, so the model runs once per trip) into this version's rows
   * of {@code error_report}.
   */
  private static Scored scoreInto(RunContext context, Table.Key trips, SavedModel model, PreparedMonths input,
      TaxiType taxiType, YearMonth month) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    String commitInfo = RunMetadata.json(run.id(), run.job(), model.version());
    Dataset<Row> scored = ScoredTrips.stamp(model.model().score(input.kept(), settings.scoringEngine()), model.version(),
        Timestamp.from(run.startedAt()));
    Commit tripsCommit = requireAllKept(warehouse.replace(trips, scored, commitInfo), input.quality().get(0));

    Table.Key report = ErrorReport.TABLE.key(taxiType.id(), month, model.version());
    // Computed once from the committed trips, kept on the driver (a few hundred rows) and written
    // from there: the rows returned are exactly the rows committed, without reading them back.
    Dataset<Row> errors = ErrorReport.build(warehouse.read(trips, tripsCommit.version()), ZoneLookup.load(spark),
        settings.reports());
    List<Row> rows = errors.collectAsList();
    Commit reportCommit = warehouse.replace(report, spark.createDataFrame(rows, errors.schema()), commitInfo);
    List<ErrorMetrics> committed = rows.stream().map(ErrorMetrics::fromRow).toList();
    return new Scored(model.version(), tripsCommit, reportCommit, committed);
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
