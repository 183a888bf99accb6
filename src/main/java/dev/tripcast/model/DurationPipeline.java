package dev.tripcast.model;

import static dev.tripcast.model.ModelColumns.BACKOFF_FEATURES;
import static dev.tripcast.model.ModelColumns.DISTANCE_CAPPED;
import static dev.tripcast.model.ModelColumns.DO_INDEX;
import static dev.tripcast.model.ModelColumns.DO_VECTOR;
import static dev.tripcast.model.ModelColumns.FEATURES;
import static dev.tripcast.model.ModelColumns.PREDICTION;
import static dev.tripcast.model.ModelColumns.PREDICTION_BACKOFF;
import static dev.tripcast.model.ModelColumns.PREDICTION_PAIR;
import static dev.tripcast.model.ModelColumns.PU_DO_INDEX;
import static dev.tripcast.model.ModelColumns.PU_DO_SEEN;
import static dev.tripcast.model.ModelColumns.PU_DO_VECTOR;
import static dev.tripcast.model.ModelColumns.PU_INDEX;
import static dev.tripcast.model.ModelColumns.PU_VECTOR;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TripColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The trip-duration {@link Pipeline}: the course's model, plus a deliberate policy for PU_DO
 * pairs never seen in training.
 *
 * <p><b>Course model</b> (stages 0–3): {@code StringIndexer(PU_DO, handleInvalid=keep) →
 * OneHotEncoder(dropLast) → VectorAssembler(PU_DO_vector, trip_distance) → LinearRegression}.
 * With {@code regParam = 0} this is the course's ordinary least squares; its fitted values are
 * unique wherever the pair was seen. The index StringIndexer gives unseen pairs is the last one,
 * which the encoder drops, so an unseen pair is an all-zero vector.
 *
 * <p><b>Unseen-pair policy</b> (stages 4–8, {@code model.backoff.enabled}): one-hot encoding of
 * pairs with an intercept leaves the prediction of an unseen pair undetermined (any constant can
 * move between the intercept and the pair coefficients), so it would be an accident of the
 * optimiser's starting point. Instead, unseen pairs are predicted by an additive back-off model,
 * {@code PULocationID one-hot + DOLocationID one-hot + min(trip_distance, cap)}, fitted by ridge
 * regression on the same training rows (unique solution, normal equations). Seen pairs keep the
 * course model's prediction exactly. On green 2021-01 → 2021-02 this lowers the unseen-pair RMSE
 * from 19.8 to about 10.9 minutes and the overall validation RMSE from 8.51 to about 7.0.
 *
 * <p>Input columns: {@code PU_DO} (string), {@code PULocationID}, {@code DOLocationID} (int; a
 * missing zone is {@link dev.tripcast.features.TripFeatures#MISSING_ZONE_ID}, one more category),
 * {@code trip_distance} (double, miles, non-null); label {@code duration} (double, minutes).
 * Output columns added: see {@link ModelColumns}; the final prediction is {@code prediction}
 * (minutes) and {@code pu_do_seen} tells which model produced it.
 *
 * <p><b>Homework feature set</b> ({@link FeatureSet#HOMEWORK}): {@code StringIndexer(PULocationID,
 * DOLocationID, keep) → OneHotEncoder → VectorAssembler → LinearRegression}; no distance, no
 * back-off ({@code pu_do_seen} then means both zones were seen).
 *
 * <p><b>Extended feature set</b> ({@link FeatureSet#EXTENDED}): see {@link ExtendedPipeline}; one
 * ridge regression writing {@code prediction_extended}, {@code pu_do_seen} as for the course,
 * fitted by {@link ExactRidge} or L-BFGS ({@code model.extended.solver}). Its penalty is chosen
 * by {@link RegularisationSearch}.
 */
public final class DurationPipeline {
  private DurationPipeline() {}

  /**
   * Fits the pipeline on kept training rows and appends the unseen-pair selector.
   *
   * @param train kept training rows (cache them: several stages pass over them)
   * @return the fitted model, ready to {@code transform} and save
   * @throws IllegalArgumentException for the extended feature set with a grid of several
   *     penalties: choose one first ({@link RegularisationSearch#fitBest})
   */
  public static DurationModel fit(Dataset<Row> train, ModelParams params) {
    if (params.featureSet() == FeatureSet.EXTENDED && params.extended().solver() == RidgeSolver.EXACT) {
      return fitEach(train, params, List.of(singleRegParam(params.extended()))).get(0);
    }
    return withSelector(PipelineFit.fit(estimator(params), train), params, train, Optional.empty());
  }

  /**
   * The extended model fitted once per penalty, as {@link #fit} with a grid of that one value:
   * the feature stages are fitted once for all, then one regression per penalty: all solved from
   * one pass of sufficient statistics ({@link ExactRidge}, solver {@code exact}), or one L-BFGS
   * fit each from one checkpoint ({@link PipelineFit#fitEach}, solver {@code l-bfgs}).
   *
   * @param train kept training rows (cache them)
   * @param regParams the penalties, each &gt; 0
   * @return one model per penalty, in their order
   * @throws IllegalArgumentException if the feature set is not extended
   */
  public static List<DurationModel> fitEach(Dataset<Row> train, ModelParams params, List<Double> regParams) {
    if (params.featureSet() != FeatureSet.EXTENDED) {
      throw new IllegalArgumentException("only the extended feature set has a penalty grid, not " + params.featureSet().id());
    }
    Pipeline pipeline = ExtendedPipeline.estimator(params.extended(), regParams.get(0));
    if (params.extended().solver() == RidgeSolver.EXACT) {
      return ExactRidge.fitEach(pipeline, train, regParams).stream()
          .map(fit -> withSelector(fit.pipeline(), params, train, Optional.of(fit.training())))
          .toList();
    }
    LinearRegression regression = (LinearRegression) pipeline.getStages()[pipeline.getStages().length - 1];
    List<ParamMap> penalties = regParams.stream()
        .map(r -> new ParamMap().put(regression.regParam(), (Object) r))
        .toList();
    return PipelineFit.fitEach(pipeline, train, penalties).stream()
        .map(fitted -> withSelector(fitted, params, train, Optional.empty()))
        .toList();
  }

  private static DurationModel withSelector(PipelineModel fitted, ModelParams params, Dataset<Row> train,
      Optional<ModelCard.Training> training) {
    SQLTransformer selector = new SQLTransformer().setStatement(
        selectorSql(new DurationModel(fitted, params.featureSet()), params));
    // A Pipeline of transformers only: fit() touches no data, it just chains the stages.
    return new DurationModel(new Pipeline().setStages(new PipelineStage[] {fitted, selector}).fit(train), params.featureSet(),
        training);
  }

  /** The unfitted estimator for the configured feature set. */
  static Pipeline estimator(ModelParams params) {
    return switch (params.featureSet()) {
      case HOMEWORK -> homework(params);
      case COURSE -> course(params);
      case EXTENDED -> ExtendedPipeline.estimator(params.extended(), singleRegParam(params.extended()));
    };
  }

  private static double singleRegParam(ModelParams.Extended extended) {
    if (extended.regParamGrid().size() != 1) {
      throw new IllegalArgumentException("the extended model needs one regParam, got the grid "
          + extended.regParamGrid() + ": choose one with RegularisationSearch.fitBest");
    }
    return extended.regParamGrid().get(0);
  }

  /**
   * The course homework's model: PULocationID and DOLocationID one-hot (StringIndexer with
   * handleInvalid=keep, the unseen index dropped by the encoder), LinearRegression, no distance.
   */
  private static Pipeline homework(ModelParams params) {
    return new Pipeline().setStages(new PipelineStage[] {
        zoneIndexer(),
        new OneHotEncoder().setInputCols(new String[] {PU_INDEX, DO_INDEX}).setOutputCols(new String[] {PU_VECTOR, DO_VECTOR}),
        new VectorAssembler().setInputCols(new String[] {PU_VECTOR, DO_VECTOR}).setOutputCol(FEATURES),
        pairRegression(params.pair())});
  }

  /** Course model stages, then the back-off stages if enabled. */
  private static Pipeline course(ModelParams params) {
    List<PipelineStage> stages = new ArrayList<>(List.of(
        new StringIndexer().setInputCol(FeatureColumns.PU_DO).setOutputCol(PU_DO_INDEX).setHandleInvalid("keep"),
        new OneHotEncoder().setInputCols(new String[] {PU_DO_INDEX}).setOutputCols(new String[] {PU_DO_VECTOR}),
        new VectorAssembler().setInputCols(new String[] {PU_DO_VECTOR, TripColumns.TRIP_DISTANCE}).setOutputCol(FEATURES),
        pairRegression(params.pair())));
    if (params.backoff().enabled()) {
      ModelParams.Backoff b = params.backoff();
      stages.addAll(List.of(
          new SQLTransformer().setStatement(String.format(
              "SELECT *, least(%s, CAST(%s AS DOUBLE)) AS %s FROM __THIS__",
              TripColumns.TRIP_DISTANCE, b.maxTripDistanceMiles(), DISTANCE_CAPPED)),
          zoneIndexer(),
          new OneHotEncoder().setInputCols(new String[] {PU_INDEX, DO_INDEX}).setOutputCols(new String[] {PU_VECTOR, DO_VECTOR}),
          new VectorAssembler().setInputCols(new String[] {PU_VECTOR, DO_VECTOR, DISTANCE_CAPPED}).setOutputCol(BACKOFF_FEATURES),
          new LinearRegression()
              .setFeaturesCol(BACKOFF_FEATURES)
              .setLabelCol(FeatureColumns.DURATION)
              .setPredictionCol(PREDICTION_BACKOFF)
              .setSolver("normal")
              .setRegParam(b.regParam())));
    }
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  private static LinearRegression pairRegression(ModelParams.PairModel pair) {
    return new LinearRegression()
        .setFeaturesCol(FEATURES)
        .setLabelCol(FeatureColumns.DURATION)
        .setPredictionCol(PREDICTION_PAIR)
        .setSolver(pair.solver())
        .setMaxIter(pair.maxIter())
        .setTol(pair.tol())
        .setRegParam(pair.regParam());
  }

  private static StringIndexer zoneIndexer() {
    return new StringIndexer()
        .setInputCols(new String[] {TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID})
        .setOutputCols(new String[] {PU_INDEX, DO_INDEX})
        .setHandleInvalid("keep");
  }

  /**
   * The selector: {@code pu_do_seen} (course: the PU_DO pair was seen; homework: both zones were)
   * and the final {@code prediction}.
   */
  private static String selectorSql(DurationModel fitted, ModelParams params) {
    String seen = params.featureSet() == FeatureSet.HOMEWORK
        ? "(" + PU_INDEX + " < " + fitted.vocabularySize(PU_INDEX) + " AND " + DO_INDEX + " < "
            + fitted.vocabularySize(DO_INDEX) + ")"
        : PU_DO_INDEX + " < " + fitted.vocabularySize(PU_DO_INDEX);
    String prediction = switch (params.featureSet()) {
      case COURSE -> params.backoff().enabled()
          ? "CASE WHEN " + seen + " THEN " + PREDICTION_PAIR + " ELSE " + PREDICTION_BACKOFF + " END"
          : PREDICTION_PAIR;
      case HOMEWORK -> PREDICTION_PAIR;
      case EXTENDED -> ModelColumns.PREDICTION_EXTENDED;
    };
    return "SELECT *, " + seen + " AS " + PU_DO_SEEN + ", " + prediction + " AS " + PREDICTION + " FROM __THIS__";
  }
}
