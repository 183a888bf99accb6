package dev.tripcast.model;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.Errors;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.features.PreparedMonths;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.tables.DeltaTables;
import dev.tripcast.tables.RunMetadata;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the trip-duration model once and saves it as a new registry version.
 *
 * <p>{@link PreparedMonths#load} (read, prepare, check quality) → keep plausible →
 * {@link DurationPipeline#fit} → evaluate on train and validation (overall, seen and unseen PU_DO)
 * → {@link ModelRegistry#save} → record the months in {@code data_quality}. Nothing is written
 * unless the inputs pass their checks. Run it with {@code tripcast train}.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private TrainJob() {}

  /**
   * @param taxiType layout of the months
   * @param trainMonths months to fit on
   * @param validMonths months to evaluate on
   */
  public record Request(TaxiType taxiType, List<YearMonth> trainMonths, List<YearMonth> validMonths) {}

  /**
   * @param saved the new model version
   * @param train row counts of the training months
   * @param valid row counts of the validation months
   * @param dataQuality the {@code data_quality} commit recording the months
   */
  public record Result(ModelRegistry.SavedModel saved, List<DropCounts> train, List<DropCounts> valid,
      DeltaTables.Commit dataQuality) {}

  /**
   * Runs the training.
   *
   * @throws dev.tripcast.errors.InvalidInputException if a month is missing or unreadable, or no
   *     rows are left after filtering
   */
  public static Result run(SparkSession spark, Settings settings, Request request, RunInfo run) {
    FeatureSet featureSet = settings.model().featureSet();
    ModelRegistry registry = new ModelRegistry(
        settings.paths().modelRoot(), settings.model().name(), spark.sparkContext().hadoopConfiguration());
    PreparedMonths trainMonths = PreparedMonths.load(spark, settings, featureSet, request.taxiType(), request.trainMonths());
    PreparedMonths validMonths = PreparedMonths.load(spark, settings, featureSet, request.taxiType(), request.validMonths());
    requireRows("training", trainMonths.counts(), request.trainMonths());
    requireRows("validation", validMonths.counts(), request.validMonths());

    Dataset<Row> train = modelInput(trainMonths).cache();
    Dataset<Row> valid = modelInput(validMonths).cache();
    try {
      PipelineModel model = DurationPipeline.fit(train, settings.model());
      LOG.info("fitted {} ({} features): {} features, {} categories seen", settings.model().name(), featureSet.id(),
          DurationPipeline.pairRegression(model).numFeatures(), DurationPipeline.vocabularySize(model));
      Map<String, RegressionMetrics> metrics = evaluate(model, train, valid);
      ModelCard card = card(settings, request, run, trainMonths, validMonths, model, metrics);
      ModelRegistry.SavedModel saved = registry.save(model, card);
      LOG.info("saved model {} version {} at {}", settings.model().name(), saved.version(), saved.path());
      DeltaTables.Commit quality = writeQuality(spark, settings, request, run, trainMonths, validMonths);
      return new Result(saved, trainMonths.counts(), validMonths.counts(), quality);
    } finally {
      train.unpersist();
      valid.unpersist();
    }
  }

  /** Records the training and validation months in the data-quality table (job "train"). */
  private static DeltaTables.Commit writeQuality(SparkSession spark, Settings settings, Request request, RunInfo run,
      PreparedMonths trainMonths, PreparedMonths validMonths) {
    Map<String, MonthQuality> byFile = new LinkedHashMap<>();
    for (MonthQuality q : trainMonths.quality()) {
      byFile.put(q.sourceFile(), q);
    }
    for (MonthQuality q : validMonths.quality()) {
      byFile.putIfAbsent(q.sourceFile(), q);
    }
    List<MonthQuality> quality = List.copyOf(byFile.values());
    Map<String, List<String>> match = new LinkedHashMap<>();
    match.put(TripColumns.TAXI_TYPE, List.of(request.taxiType().id()));
    match.put(ErrorReport.MONTH, quality.stream().map(MonthQuality::month).distinct().toList());
    match.put(DataQualityTable.JOB, List.of(DataQualityTable.TRAIN));
    return DeltaTables.replaceWhere(
        DataQualityTable.rows(spark, request.taxiType().id(), DataQualityTable.TRAIN, run.id(), quality),
        DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().dataQuality()),
        DataQualityTable.PARTITION_COLUMNS, match, RunMetadata.json(run, null));
  }

  private static Dataset<Row> modelInput(PreparedMonths months) {
    return months.kept().select(
        FeatureColumns.PU_DO, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID,
        TripColumns.TRIP_DISTANCE, FeatureColumns.DURATION);
  }

  private static Map<String, RegressionMetrics> evaluate(PipelineModel model, Dataset<Row> train, Dataset<Row> valid) {
    Map<String, RegressionMetrics> metrics = new LinkedHashMap<>();
    metrics.put("train", RegressionMetrics.bySegment(
        model.transform(train), FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN).get("overall"));
    Dataset<Row> validPredicted = model.transform(valid);
    Map<String, RegressionMetrics> v = RegressionMetrics.bySegment(
        validPredicted, FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN);
    metrics.put("valid", v.get("overall"));
    putIfPresent(metrics, "valid_seen", v.get("true"));
    putIfPresent(metrics, "valid_unseen", v.get("false"));
    Map<String, RegressionMetrics> courseOnly = RegressionMetrics.bySegment(
        validPredicted, FeatureColumns.DURATION, ModelColumns.PREDICTION_PAIR, ModelColumns.PU_DO_SEEN);
    putIfPresent(metrics, "valid_unseen_without_backoff", courseOnly.get("false"));
    putIfPresent(metrics, "valid_without_backoff", courseOnly.get("overall"));
    return metrics;
  }

  private static void putIfPresent(Map<String, RegressionMetrics> m, String key, RegressionMetrics value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void requireRows(String role, List<DropCounts> counts, List<YearMonth> months) {
    if (counts.stream().mapToLong(DropCounts::kept).sum() == 0) {
      throw Errors.noRowsKept(role, months.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
    }
  }

  private static ModelCard card(Settings settings, Request request, RunInfo run, PreparedMonths trainMonths,
      PreparedMonths validMonths, PipelineModel model, Map<String, RegressionMetrics> metrics) {
    List<ModelCard.InputFile> inputs = new ArrayList<>();
    addInputs(inputs, "train", trainMonths.files(), trainMonths.counts());
    addInputs(inputs, "valid", validMonths.files(), validMonths.counts());
    LinearRegressionModel pair = DurationPipeline.pairRegression(model);
    double[] history = pair.summary().objectiveHistory();
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("min_duration_minutes", settings.filters().minDurationMinutes());
    filters.put("max_duration_minutes", settings.filters().maxDurationMinutes());
    filters.put("drop_pickup_outside_month", settings.filters().dropPickupOutsideMonth());
    return new ModelCard(
        settings.model().name(),
        null,
        run.startedAt().toString(),
        run.id(),
        request.taxiType().id(),
        settings.model().featureSet().id(),
        request.trainMonths().stream().map(YearMonth::toString).toList(),
        request.validMonths().stream().map(YearMonth::toString).toList(),
        inputs,
        metrics,
        PipelineParams.describe(model),
        new ModelCard.Training(pair.getSolver(), pair.summary().totalIterations(),
            history.length == 0 ? Double.NaN : history[history.length - 1]),
        pair.numFeatures(),
        DurationPipeline.vocabularySize(model),
        filters,
        SparkSession.active().version(),
        TripcastVersion.get());
  }

  private static void addInputs(List<ModelCard.InputFile> inputs, String role, List<MonthFile> files, List<DropCounts> counts) {
    for (MonthFile f : files) {
      DropCounts c = counts.stream().filter(x -> x.sourceFile().equals(f.path())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no quality counts for " + f.path())); // requireUsable checked
      Map<String, Long> dropped = new LinkedHashMap<>();
      c.dropped().forEach((reason, n) -> dropped.put(reason.id(), n));
      inputs.add(new ModelCard.InputFile(role, f.month().toString(), f.path(), f.sizeBytes(), c.read(), c.kept(), dropped));
    }
  }
}
