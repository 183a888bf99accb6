package dev.tripcast.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a pipeline's last stage, a ridge {@link LinearRegression} ({@code elasticNetParam = 0},
 * {@code standardization = false}, {@code fitIntercept = true}, no weights), exactly: the minimum
 * of MLlib's objective for those parameters (Spark 3.5 {@code LinearRegression},
 * {@code L2Regularization} with the features' std, {@code RDDLossFunction}), which in the original
 * units is
 *
 * <pre>
 *   (1/2n) Σ (y_i − b − w·x_i)² + (λ / 2σ_y) Σ_j w_j²
 * </pre>
 *
 * with σ_y the label's sample standard deviation (n − 1), the intercept b not penalised and
 * w_j = 0 for a feature of sample variance 0 (MLlib leaves those out). Its minimum solves the
 * centred normal equations {@code (C + λ/σ_y I) w = c}, C the features' population covariance,
 * c their covariance with the label, and b = ȳ − w·x̄ ({@link RidgeSystem} says how it is solved).
 *
 * <p>One Spark job gathers {@link RidgeStatistics} from the feature stages' output; every penalty
 * is then solved from them on the driver. The fitted stage is an ordinary
 * {@link LinearRegressionModel} (the estimator's uid and parameters, {@code regParam} the one
 * solved for, {@code solver = "normal"}: MLlib's name for a closed-form fit), so the saved pipeline
 * has the same format as an L-BFGS one; it has no training summary.
 */
final class ExactRidge {
  private static final Logger LOG = LoggerFactory.getLogger(ExactRidge.class);
  /** Solver name in the model card. */
  static final String SOLVER = RidgeSolver.EXACT.id();

  private ExactRidge() {}

  /**
   * One fitted pipeline and the record of its regression's solve.
   *
   * @param pipeline flat, the feature stages then the {@link LinearRegressionModel}
   * @param training solver "exact", the conjugate-gradient iterations (0 when solved by
   *     elimination, {@link RidgeSystem}), and the objective at the
   *     solution in MLlib's units (labels divided by σ_y, so divided by σ_y²; comparable with an
   *     L-BFGS fit's last loss)
   */
  record Fit(PipelineModel pipeline, ModelCard.Training training) {}

  /**
   * Fits {@code pipeline} once per penalty: the stages before the last fitted once
   * ({@link PipelineFit#fit}), the statistics of their output gathered once, and one exact solve
   * per penalty.
   *
   * @param regParams MLlib {@code regParam} values, each &gt; 0
   * @return one fit per penalty, in their order
   * @throws IllegalArgumentException if the last stage is not a LinearRegression of the supported
   *     parameters (elasticNetParam 0, standardization false, fitIntercept true, no weight column)
   */
  static List<Fit> fitEach(Pipeline pipeline, Dataset<Row> data, List<Double> regParams) {
    PipelineStage[] stages = pipeline.getStages();
    if (stages.length == 0 || !(stages[stages.length - 1] instanceof LinearRegression lr)) {
      throw new IllegalArgumentException("the pipeline's last stage must be a LinearRegression");
    }
    requireSupported(lr);
    PipelineModel features = PipelineFit.fit(new Pipeline().setStages(Arrays.copyOf(stages, stages.length - 1)), data);
    Dataset<Row> assembled = features.transform(data);
    int numFeatures = AttributeGroup.fromStructField(assembled.schema().apply(lr.getFeaturesCol())).size();
    if (numFeatures < 0) {
      numFeatures = ((Vector) assembled.select(lr.getFeaturesCol()).head().get(0)).size();
    }
    RidgeStatistics statistics = RidgeStatistics.of(assembled, lr.getLabelCol(), lr.getFeaturesCol(), numFeatures);
    RidgeSystem system = new RidgeSystem(statistics);
    LOG.info("ridge statistics: {} rows, {} features ({} of variance 0), {} co-occurring pairs",
        statistics.n, numFeatures, numFeatures - system.activeFeatures(), statistics.xtx.size());
    List<Fit> fits = new ArrayList<>();
    for (double regParam : regParams) {
      RidgeSystem.Solution s = system.solve(regParam);
      LOG.info("regParam {}: exact ridge solved ({} conjugate-gradient iterations), relative residual {}",
          regParam, s.iterations(), s.relativeResidual());
      List<Transformer> chained = new ArrayList<>(List.of(features.stages()));
      chained.add(model(lr, regParam, s));
      fits.add(new Fit(PipelineFit.chain(chained, data), new ModelCard.Training(SOLVER, s.iterations(), s.objective())));
    }
    return fits;
  }

  private static LinearRegressionModel model(LinearRegression lr, double regParam, RidgeSystem.Solution s) {
    ParamMap params = new ParamMap();
    for (Param<?> p : lr.params()) {
      if (lr.isSet(p)) {
        @SuppressWarnings("unchecked")
        Param<Object> set = (Param<Object>) p;
        params.put(set, lr.getOrDefault(set));
      }
    }
    params.put(lr.regParam(), (Object) regParam).put(lr.solver(), "normal");
    LinearRegressionModel model = new LinearRegressionModel(lr.uid(), Vectors.dense(s.coefficients()), s.intercept())
        .copy(params);
    return model.setParent(lr);
  }

  private static void requireSupported(LinearRegression lr) {
    boolean weighted = lr.isDefined(lr.weightCol()) && !lr.getWeightCol().isEmpty();
    if (lr.getElasticNetParam() != 0.0 || lr.getStandardization() || !lr.getFitIntercept() || weighted) {
      throw new IllegalArgumentException("the exact ridge solver fits elasticNetParam 0, standardization false,"
          + " fitIntercept true and no weight column; got elasticNetParam " + lr.getElasticNetParam()
          + ", standardization " + lr.getStandardization() + ", fitIntercept " + lr.getFitIntercept()
          + (weighted ? ", weightCol " + lr.getWeightCol() : "") + ": use the l-bfgs solver for these");
    }
  }
}
