package dev.tripcast.model;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.Errors;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.TripReader;
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
 * <p>read months → {@link TripFeatures#prepare} → keep plausible → {@link DurationPipeline#fit}
 * → evaluate on train and validation (overall, seen and unseen PU_DO) → {@link ModelRegistry#save}.
 * Nothing is written unless every step succeeds. Run it with {@code tripcast train}.
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
   */
  public record Result(ModelRegistry.SavedModel saved, List<DropCounts> train, List<DropCounts> valid) {}

  /**
   * Runs the training.
   *
   * @throws dev.tripcast.errors.InvalidInputException if a month is missing or unreadable, or no
   *     rows are left after filtering
   */
  public static Result run(SparkSession spark, Settings settings, Request request, RunInfo run) {
    MonthLocator locator = new MonthLocator(settings.paths().dataRoot(), spark.sparkContext().hadoopConfiguration());
    List<MonthFile> trainFiles = locator.locate(request.taxiType(), request.trainMonths());
    List<MonthFile> validFiles = locator.locate(request.taxiType(), request.validMonths());
    ModelRegistry registry = new ModelRegistry(
        settings.paths().modelRoot(), settings.model().name(), spark.sparkContext().hadoopConfiguration());

    Dataset<Row> trainPrepared = TripFeatures.prepare(TripReader.read(spark, trainFiles), settings.filters());
    Dataset<Row> validPrepared = TripFeatures.prepare(TripReader.read(spark, validFiles), settings.filters());
    List<DropCounts> trainCounts = DropCounts.compute(trainPrepared);
    List<DropCounts> validCounts = DropCounts.compute(validPrepared);
    requireRows("training", trainCounts, request.trainMonths());
    requireRows("validation", validCounts, request.validMonths());

    Dataset<Row> train = modelInput(trainPrepared).cache();
    Dataset<Row> valid = modelInput(validPrepared).cache();
    try {
      PipelineModel model = DurationPipeline.fit(train, settings.model());
      LOG.info("fitted {}: {} features, {} PU_DO values seen", settings.model().name(),
          DurationPipeline.pairRegression(model).numFeatures(), DurationPipeline.vocabularySize(model));
      Map<String, RegressionMetrics> metrics = evaluate(model, train, valid);
      ModelCard card = card(settings, request, run, trainFiles, validFiles, trainCounts, validCounts, model, metrics);
      ModelRegistry.SavedModel saved = registry.save(model, card);
      LOG.info("saved model {} version {} at {}", settings.model().name(), saved.version(), saved.path());
      return new Result(saved, trainCounts, validCounts);
    } finally {
      train.unpersist();
      valid.unpersist();
    }
  }

  private static Dataset<Row> modelInput(Dataset<Row> prepared) {
    return TripFeatures.keepPlausible(prepared).select(
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

  private static ModelCard card(Settings settings, Request request, RunInfo run, List<MonthFile> trainFiles,
      List<MonthFile> validFiles, List<DropCounts> trainCounts, List<DropCounts> validCounts, PipelineModel model,
      Map<String, RegressionMetrics> metrics) {
    List<ModelCard.InputFile> inputs = new ArrayList<>();
    addInputs(inputs, "train", trainFiles, trainCounts);
    addInputs(inputs, "valid", validFiles, validCounts);
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
          .orElse(DropCounts.total(f.path(), List.of()));
      Map<String, Long> dropped = new LinkedHashMap<>();
      c.dropped().forEach((reason, n) -> dropped.put(reason.id(), n));
      inputs.add(new ModelCard.InputFile(role, f.month().toString(), f.path(), f.sizeBytes(), c.read(), c.kept(), dropped));
    }
  }
}
