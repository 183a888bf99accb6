package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.DurationModel;
import dev.tripcast.model.DurationPipeline;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.model.ModelEvaluationTable;
import dev.tripcast.model.ModelEvaluationTable.Cell;
import dev.tripcast.model.ModelParams;
import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.model.RegularisationSearch;
import dev.tripcast.tables.RunMetadata;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.tables.Warehouse.Commit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation matrix: for each training month M, fits three models on M — {@code course} (the
 * course's model, no back-off), {@code course_backoff} (the course's model with the unseen-pair
 * back-off, {@code tripcast.model.backoff}) and {@code extended} (penalty chosen on M's last days)
 * — and evaluates each on M+1 … M+horizon, overall and by seen/unseen PU_DO. Evaluation months
 * without a file are skipped. Nothing is saved to the registry; the cells replace the training
 * months' rows of {@link ModelEvaluationTable#TABLE}. Filters and parameters come from the
 * settings. Run it with {@code tripcast evaluate}.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private EvaluateJob() {}

  /**
   * @param taxiType layout of the months
   * @param trainMonths months to train on, one model set per month
   * @param horizonMonths how many following months to evaluate on, &gt; 0
   */
  public record Request(TaxiType taxiType, List<YearMonth> trainMonths, int horizonMonths) {}

  /**
   * @param cells every (training month, evaluation month, model, segment)
   * @param skipped evaluation months without a usable file, with the reason
   * @param commit the {@code model_evaluation} commit
   */
  public record Result(List<Cell> cells, Map<String, String> skipped, Commit commit) {}

  /**
   * Runs the matrix.
   *
   * @throws InvalidInputException if a training month is missing or unusable
   */
  public static Result run(RunContext context, Request request) {
    SparkSession spark = context.spark();
    Settings settings = context.settings();
    RunInfo run = context.run();
    Warehouse warehouse = context.warehouse();
    warehouse.check(ModelEvaluationTable.TABLE);
    List<Cell> cells = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (YearMonth m : request.trainMonths()) {
      Dataset<Row> train = kept(spark, settings, request.taxiType(), m).cache();
      Map<YearMonth, Dataset<Row>> evals = new LinkedHashMap<>();
      for (int ahead = 1; ahead <= request.horizonMonths(); ahead++) {
        YearMonth e = m.plusMonths(ahead);
        if (!exists(spark, settings, request.taxiType(), e)) {
          skipped.put(e.toString(), "no " + request.taxiType().id() + " file under " + settings.paths().dataRoot());
          continue;
        }
        evals.put(e, kept(spark, settings, request.taxiType(), e).cache());
      }
      try {
        for (String variant : List.of("course", "course_backoff", "extended")) {
          ModelParams params = variant(settings.model(), variant);
          double regParam = Double.NaN;
          DurationModel model;
          if (params.featureSet() == FeatureSet.EXTENDED) {
            RegularisationSearch.Tuned tuned = RegularisationSearch.fitBest(train, params,
                RegularisationSearch.holdoutStart(List.of(m), params.extended().holdoutFraction()));
            model = tuned.model();
            regParam = tuned.choice().regParam();
          } else {
            model = DurationPipeline.fit(train, params);
          }
          for (Map.Entry<YearMonth, Dataset<Row>> e : evals.entrySet()) {
            Map<String, RegressionMetrics> r = RegressionMetrics.bySegment(model.score(e.getValue(), settings.scoringEngine()),
                FeatureColumns.DURATION, ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN);
            int ahead = (int) m.until(e.getKey(), java.time.temporal.ChronoUnit.MONTHS);
            for (Map.Entry<String, String> seg : Map.of("overall", ModelEvaluationTable.OVERALL,
                "true", ModelEvaluationTable.SEEN, "false", ModelEvaluationTable.UNSEEN).entrySet()) {
              if (r.containsKey(seg.getKey())) {
                cells.add(new Cell(m.toString(), e.getKey().toString(), ahead, variant, params.featureSet().id(),
                    regParam, seg.getValue(), r.get(seg.getKey())));
              }
            }
            LOG.info("{} trained on {}, evaluated on {}: RMSE {}", variant, m, e.getKey(), r.get("overall").rmse());
          }
        }
      } finally {
        train.unpersist();
        evals.values().forEach(Dataset::unpersist);
      }
    }
    cells.sort(java.util.Comparator.comparing(Cell::trainMonth).thenComparing(Cell::evalMonth)
        .thenComparing(Cell::model).thenComparing(Cell::segment));
    Commit commit = warehouse.replace(
        ModelEvaluationTable.TABLE.key(request.taxiType().id(), request.trainMonths().stream().map(YearMonth::toString).toList()),
        ModelEvaluationTable.rows(spark, request.taxiType().id(), run.id(), cells),
        RunMetadata.json(run.id(), run.job(), null));
    return new Result(cells, skipped, commit);
  }

  /** The parameters of one matrix row: the configured ones with the variant's feature set and back-off. */
  static ModelParams variant(ModelParams configured, String variant) {
    ModelParams.Backoff b = configured.backoff();
    return switch (variant) {
      case "course" -> configured.withFeatureSet(FeatureSet.COURSE)
          .withBackoff(new ModelParams.Backoff(false, b.regParam(), b.maxTripDistanceMiles()));
      case "course_backoff" -> configured.withFeatureSet(FeatureSet.COURSE)
          .withBackoff(new ModelParams.Backoff(true, b.regParam(), b.maxTripDistanceMiles()));
      case "extended" -> configured.withFeatureSet(FeatureSet.EXTENDED);
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
  }

  /** Kept rows of one month, prepared for the extended set (the course sets drop the same rows). */
  private static Dataset<Row> kept(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month) {
    return TrainJob.modelInput(PreparedMonths.load(spark, settings, FeatureSet.EXTENDED, taxiType, List.of(month)));
  }

  private static boolean exists(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month) {
    try {
      new MonthLocator(settings.paths().dataRoot(), spark.sparkContext().hadoopConfiguration()).locate(taxiType, List.of(month));
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }
}
