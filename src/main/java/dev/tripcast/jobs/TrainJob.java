package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.model.DurationModel;
import dev.tripcast.model.DurationPipeline;
import dev.tripcast.model.MetricKey;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.PipelineParams;
import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.model.RegularisationSearch;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.monitoring.ProfileColumns;
import dev.tripcast.monitoring.ReferenceProfile;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the trip-duration model once and saves it as a new registry version.
 *
 * <p>{@link PreparedMonths#load} (read, prepare, check quality) → keep plausible →
 * {@link DurationPipeline#fit} (extended feature set: {@link RegularisationSearch#fitBest}, the
 * penalty chosen on the last days of the training months) → evaluate on train and validation (overall, seen and unseen PU_DO)
 * → {@link ModelRegistry#save} with its {@link ReferenceProfile} (docs/monitoring.md) → record the months in {@code data_quality}. Nothing is written
 * unless the inputs pass their checks. Run it with {@code tripcast train}.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** The {@code model_registry} detail of a {@code registered} event holding its {@link TrainingFingerprint}. */
  static final String FINGERPRINT = "fingerprint";

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
      Commit dataQuality) {}

  /**
   * Runs the training.
   *
   * @throws dev.tripcast.errors.InvalidInputException if a month is missing or unreadable, or no
   *     rows are left after filtering
   */
  public static Result run(RunContext context, Request request) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    FeatureSet featureSet = settings.model().featureSet();
    Warehouse warehouse = context.warehouse();
    warehouse.check(DataQualityTable.TABLE, dev.tripcast.model.ModelAliases.TABLE);
    PreparedMonths trainMonths = PreparedMonths.load(spark, settings, featureSet, request.taxiType(), request.trainMonths());
    PreparedMonths validMonths = PreparedMonths.load(spark, settings, featureSet, request.taxiType(), request.validMonths());
    requireRows("training", trainMonths.counts(), request.trainMonths());
    requireRows("validation", validMonths.counts(), request.validMonths());
    String fingerprint = TrainingFingerprint.of(settings, spark.sparkContext().hadoopConfiguration(),
        request.taxiType(), request.trainMonths(), request.validMonths());

    Dataset<Row> train = modelInput(trainMonths).cache();
    Dataset<Row> valid = modelInput(validMonths).cache();
    try {
      ModelCard.Regularisation regularisation = null;
      DurationModel model;
      if (featureSet == FeatureSet.EXTENDED) {
        RegularisationSearch.Tuned tuned = RegularisationSearch.fitBest(train, settings.model(),
            RegularisationSearch.holdoutStart(request.trainMonths(), settings.model().extended().holdoutFraction()));
        model = tuned.model();
        regularisation = tuned.choice();
      } else {
        model = DurationPipeline.fit(train, settings.model());
      }
      LOG.info("fitted {} ({} features): {} features, {} categories seen", settings.model().name(), featureSet.id(),
          model.mainRegression().numFeatures(), model.vocabularySize());
      // The metrics and the reference profile read the predictions six times: the model runs once.
      Dataset<Row> trainPredicted = predicted(model, train).cache();
      Dataset<Row> validPredicted = predicted(model, valid).cache();
      Map<MetricKey, RegressionMetrics> metrics;
      ReferenceProfile profile;
      try {
        metrics = evaluate(trainPredicted, validPredicted, featureSet);
        profile = ReferenceProfile.compute(ProfileColumns.fromPredicted(trainPredicted),
            ProfileColumns.fromPredicted(validPredicted), settings.monitoring());
      } finally {
        trainPredicted.unpersist();
        validPredicted.unpersist();
      }
      ModelCard card = card(settings, request, run, trainMonths, validMonths, model, metrics).toBuilder()
          .regularisation(regularisation).fingerprint(fingerprint).build();
      ModelRegistry.SavedModel saved = context.registry().save(model, card);
      profile.save(saved.path(), spark.sparkContext().hadoopConfiguration()); // beside model.json, for monitoring
      LOG.info("saved model {} version {} at {}", settings.model().name(), saved.version(), saved.path());
      context.aliases().register(saved.version(), run.id(), "trained on " + request.trainMonths()
          + ", validated on " + request.validMonths(), figures(metrics), Map.of(FINGERPRINT, fingerprint));
      Commit quality = warehouse.replace(qualityKey(request, trainMonths, validMonths),
          DataQualityTable.rows(spark, request.taxiType().id(), DataQualityTable.TRAIN, run.id(),
              qualityOfFiles(trainMonths, validMonths)),
          RunMetadata.json(run.id(), run.job(), saved.version()));
      return new Result(saved, trainMonths.counts(), validMonths.counts(), quality);
    } finally {
      train.unpersist();
      valid.unpersist();
    }
  }

  /** The training and validation months of the data-quality table (job "train"). */
  private static dev.tripcast.tables.Table.Key qualityKey(Request request, PreparedMonths trainMonths,
      PreparedMonths validMonths) {
    List<String> months = qualityOfFiles(trainMonths, validMonths).stream().map(MonthQuality::month).distinct().toList();
    return DataQualityTable.TABLE.key(request.taxiType().id(), months, DataQualityTable.TRAIN);
  }

  /** One quality entry per file read (a month both trained and validated on counts once). */
  private static List<MonthQuality> qualityOfFiles(PreparedMonths trainMonths, PreparedMonths validMonths) {
    Map<String, MonthQuality> byFile = new LinkedHashMap<>();
    for (MonthQuality q : trainMonths.quality()) {
      byFile.put(q.sourceFile(), q);
    }
    for (MonthQuality q : validMonths.quality()) {
      byFile.putIfAbsent(q.sourceFile(), q);
    }
    return List.copyOf(byFile.values());
  }

  static Dataset<Row> modelInput(PreparedMonths months) {
    return months.kept().select(
        FeatureColumns.PU_DO, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID,
        TripColumns.TRIP_DISTANCE, TripColumns.PICKUP_DATETIME, FeatureColumns.DURATION);
  }

  /**
   * Kept trips through the model, only the columns {@link #evaluate} and the reference profile
   * read: {@code duration}, {@code prediction}, {@code pu_do_seen}, {@code prediction_pair} (course
   * and homework models), and {@link ProfileColumns}' inputs. Lazy.
   */
  private static Dataset<Row> predicted(DurationModel model, Dataset<Row> kept) {
    Dataset<Row> predicted = model.transform(kept);
    List<String> columns = new ArrayList<>(List.of(FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN,
        TripColumns.TRIP_DISTANCE, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID, ProfileColumns.PU_DO));
    if (model.featureSet() != FeatureSet.EXTENDED) {
      columns.add(ModelColumns.PREDICTION_PAIR);
    }
    return predicted.select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  private static Map<MetricKey, RegressionMetrics> evaluate(Dataset<Row> trainPredicted, Dataset<Row> validPredicted,
      FeatureSet featureSet) {
    Map<MetricKey, RegressionMetrics> metrics = new EnumMap<>(MetricKey.class);
    metrics.put(MetricKey.TRAIN, RegressionMetrics.bySegment(
        trainPredicted, FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN).get("overall"));
    Map<String, RegressionMetrics> v = RegressionMetrics.bySegment(
        validPredicted, FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN);
    metrics.put(MetricKey.VALID, v.get("overall"));
    putIfPresent(metrics, MetricKey.VALID_SEEN, v.get("true"));
    putIfPresent(metrics, MetricKey.VALID_UNSEEN, v.get("false"));
    if (featureSet == FeatureSet.EXTENDED) {
      return metrics; // one regression for every row: there is no prediction "without the back-off"
    }
    Map<String, RegressionMetrics> courseOnly = RegressionMetrics.bySegment(
        validPredicted, FeatureColumns.DURATION, ModelColumns.PREDICTION_PAIR, ModelColumns.PU_DO_SEEN);
    putIfPresent(metrics, MetricKey.VALID_UNSEEN_WITHOUT_BACKOFF, courseOnly.get("false"));
    putIfPresent(metrics, MetricKey.VALID_WITHOUT_BACKOFF, courseOnly.get("overall"));
    return metrics;
  }

  private static void putIfPresent(Map<MetricKey, RegressionMetrics> m, MetricKey key, RegressionMetrics value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void requireRows(String role, List<DropCounts> counts, List<YearMonth> months) {
    if (counts.stream().mapToLong(DropCounts::kept).sum() == 0) {
      throw new NoRowsKeptException(role, months.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
    }
  }

  private static ModelCard card(Settings settings, Request request, RunInfo run, PreparedMonths trainMonths,
      PreparedMonths validMonths, DurationModel model, Map<MetricKey, RegressionMetrics> metrics) {
    List<ModelCard.InputFile> inputs = new ArrayList<>();
    addInputs(inputs, "train", trainMonths.files(), trainMonths.counts());
    addInputs(inputs, "valid", validMonths.files(), validMonths.counts());
    LinearRegressionModel pair = model.mainRegression();
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("min_duration_minutes", settings.filters().minDurationMinutes());
    filters.put("max_duration_minutes", settings.filters().maxDurationMinutes());
    filters.put("drop_pickup_outside_month", settings.filters().dropPickupOutsideMonth());
    return ModelCard.builder()
        .name(settings.model().name())
        .createdAt(run.startedAt().toString())
        .runId(run.id())
        .taxiType(request.taxiType().id())
        .featureSet(settings.model().featureSet().id())
        .trainMonths(request.trainMonths().stream().map(YearMonth::toString).toList())
        .validMonths(request.validMonths().stream().map(YearMonth::toString).toList())
        .inputs(inputs)
        .metrics(ModelCard.metricsById(metrics))
        .pipeline(PipelineParams.describe(model.pipeline()))
        .training(model.training().orElseGet(() -> summaryTraining(pair)))
        .numFeatures(pair.numFeatures())
        .puDoVocabularySize(model.vocabularySize())
        .filters(filters)
        .sparkVersion(SparkSession.active().version())
        .tripcastVersion(TripcastVersion.get())
        .build();
  }

  /** The training record of a regression MLlib fitted: its solver and its summary's objective history. */
  private static ModelCard.Training summaryTraining(LinearRegressionModel regression) {
    double[] history = regression.summary().objectiveHistory();
    return new ModelCard.Training(regression.getSolver(), regression.summary().totalIterations(),
        history.length == 0 ? Double.NaN : history[history.length - 1]);
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

  /** The registry event's metrics: RMSE per metric key, e.g. {@code valid_rmse} (minutes). */
  private static Map<String, Double> figures(Map<MetricKey, RegressionMetrics> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((key, m) -> {
      if (!Double.isNaN(m.rmse())) {
        out.put(key.id() + "_rmse", m.rmse());
      }
    });
    return out;
  }
}
