package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TripColumns;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the extended model's L2 penalty by data, never by the evaluation months: the training
 * rows are split in time at {@link #holdoutStart} (the last {@code holdout-fraction} of the
 * training days), each penalty of {@code model.extended.reg-param-grid} is fitted on the rows
 * before and scored (RMSE of {@code prediction}) on the rows after, and the model is refitted on
 * all training rows with the best. The grid's fits share their feature stages
 * ({@link DurationPipeline#fitEach}). A time split, not a random one, because the model is always
 * applied to later months: a random split would reward penalties that memorise the month.
 */
public final class RegularisationSearch {
  private static final Logger LOG = LoggerFactory.getLogger(RegularisationSearch.class);

  private RegularisationSearch() {}

  /**
   * @param model the model refitted on all training rows with the chosen penalty
   * @param choice the penalty, the grid's holdout RMSEs and the split, for the model card
   */
  public record Tuned(DurationModel model, ModelCard.Regularisation choice) {}

  /**
   * The first pickup (wall clock) of the holdout: the end of the last training month minus
   * {@code floor(fraction × days of all training months)} days, at least one day. Green 2021-01
   * with 0.25: 7 days, so days 25–31 are held out.
   */
  public static LocalDateTime holdoutStart(List<YearMonth> trainMonths, double fraction) {
    int days = trainMonths.stream().mapToInt(YearMonth::lengthOfMonth).sum();
    int holdoutDays = Math.max(1, (int) Math.floor(fraction * days));
    YearMonth last = trainMonths.stream().max(YearMonth::compareTo).orElseThrow();
    return last.plusMonths(1).atDay(1).atStartOfDay().minusDays(holdoutDays);
  }

  /**
   * Chooses the penalty and refits. With a grid of one value, fits with it directly.
   *
   * @param train kept training rows with {@code pickup_datetime} (cache them: every fit passes
   *     over them)
   * @param params model parameters of the extended feature set
   * @param holdoutStart from {@link #holdoutStart}
   * @throws IllegalArgumentException if the feature set is not extended
   */
  public static Tuned fitBest(Dataset<Row> train, ModelParams params, LocalDateTime holdoutStart) {
    if (params.featureSet() != FeatureSet.EXTENDED) {
      throw new IllegalArgumentException("only the extended feature set has a penalty grid, not " + params.featureSet().id());
    }
    ModelParams.Extended x = params.extended();
    List<Double> grid = x.regParamGrid();
    Column late = col(TripColumns.PICKUP_DATETIME).geq(lit(holdoutStart));
    Map<String, Double> holdoutRmse = new LinkedHashMap<>();
    long fitRows = 0;
    long holdoutRows = 0;
    double best = grid.get(0);
    if (grid.size() > 1) {
      Dataset<Row> early = train.where(not(late)).cache();
      Dataset<Row> holdout = train.where(late).cache();
      try {
        double bestRmse = Double.POSITIVE_INFINITY;
        List<DurationModel> candidates = DurationPipeline.fitEach(early, params, grid);
        for (int i = 0; i < grid.size(); i++) {
          double regParam = grid.get(i);
          DurationModel m = candidates.get(i);
          RegressionMetrics r = RegressionMetrics.bySegment(m.transform(holdout), FeatureColumns.DURATION,
              ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN).get("overall");
          holdoutRmse.put(Double.toString(regParam), r.rmse());
          holdoutRows = r.n();
          LOG.info("regParam {}: holdout RMSE {} (n={}, holdout from {})", regParam, r.rmse(), r.n(), holdoutStart);
          if (r.rmse() < bestRmse) {
            bestRmse = r.rmse();
            best = regParam;
          }
        }
        fitRows = early.count();
      } finally {
        early.unpersist();
        holdout.unpersist();
      }
    }
    LOG.info("chose regParam {} of {}; refitting on all training rows", best, grid);
    DurationModel model = DurationPipeline.fit(train, params.withExtended(x.withRegParam(best)));
    return new Tuned(model, new ModelCard.Regularisation(best, holdoutRmse, holdoutStart.toString(), fitRows, holdoutRows));
  }
}
