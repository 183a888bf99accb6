package dev.tripcast.model;

import dev.tripcast.features.FeatureSet;
import java.util.List;

/**
 * Pipeline parameters ({@code tripcast.model}); saved with each model in its card.
 *
 * @param name model name in the registry
 * @param featureSet the model's inputs
 * @param pair the course's PU_DO + trip_distance linear regression
 * @param backoff the model used for PU_DO pairs never seen in training
 * @param extended the {@code extended} feature set's features and ridge regression
 */
public record ModelParams(String name, FeatureSet featureSet, PairModel pair, Backoff backoff, Extended extended) {

  /** These parameters with another feature set. */
  public ModelParams withFeatureSet(FeatureSet newFeatureSet) {
    return new ModelParams(name, newFeatureSet, pair, backoff, extended);
  }

  /** These parameters with other back-off parameters. */
  public ModelParams withBackoff(Backoff newBackoff) {
    return new ModelParams(name, featureSet, pair, newBackoff, extended);
  }

  /** These parameters with other extended-model parameters. */
  public ModelParams withExtended(Extended newExtended) {
    return new ModelParams(name, featureSet, pair, backoff, newExtended);
  }

  /**
   * MLlib {@code LinearRegression} parameters of the PU_DO model.
   *
   * @param solver "l-bfgs" (required above 4,096 features), "normal" or "auto"
   * @param maxIter maximum L-BFGS iterations, &gt; 0
   * @param tol convergence tolerance, &gt;= 0
   * @param regParam L2 penalty; 0 reproduces the course's ordinary least squares
   */
  public record PairModel(String solver, int maxIter, double tol, double regParam) {}

  /**
   * Back-off for unseen PU_DO pairs: additive PULocationID + DOLocationID + capped distance.
   *
   * @param enabled false predicts unseen pairs with the PU_DO model alone (intercept + distance)
   * @param regParam L2 penalty that makes the back-off solution unique, &gt; 0
   * @param maxTripDistanceMiles distance cap of the back-off's distance feature, miles
   */
  public record Backoff(boolean enabled, double regParam, double maxTripDistanceMiles) {}

  /**
   * The {@code extended} feature set: one ridge regression (unstandardized features, no L1) over PU_DO, PU and DO one-hots, a distance spline, hour × weekday and zone-group pair ×
   * spline terms ({@link DurationPipeline}).
   *
   * @param regParamGrid candidate L2 penalties, each &gt; 0; with more than one, training picks the
   *     one with the lowest RMSE on the last days of the training months and refits with it;
   *     a single value is used as is
   * @param holdoutFraction share of the training months' days, at their end, that scores the grid
   *     (rounded down to whole days, at least one), in (0, 1)
   * @param solver how the regression is fitted: MLlib's L-BFGS ({@link RidgeSolver#L_BFGS},
   *     the default) or {@link RidgeSolver#EXACT}
   * @param maxIter maximum L-BFGS iterations, &gt; 0 (read by the L-BFGS solver only)
   * @param tol L-BFGS convergence tolerance, &gt;= 0 (read by the L-BFGS solver only)
   * @param maxTripDistanceMiles the distance is clamped to [0, this], miles, &gt; 0; a flag marks
   *     trips recorded above it
   * @param distanceKnotsMiles knots of the piecewise-linear distance spline, miles, ascending,
   *     each in (0, maxTripDistanceMiles)
   */
  public record Extended(List<Double> regParamGrid, double holdoutFraction, RidgeSolver solver, int maxIter, double tol,
      double maxTripDistanceMiles, List<Double> distanceKnotsMiles) {
    public Extended {
      regParamGrid = List.copyOf(regParamGrid);
      distanceKnotsMiles = List.copyOf(distanceKnotsMiles);
    }

    /** These parameters with a grid of one value: the regParam to fit with. */
    public Extended withRegParam(double regParam) {
      return new Extended(List.of(regParam), holdoutFraction, solver, maxIter, tol, maxTripDistanceMiles, distanceKnotsMiles);
    }

    /** These parameters fitted by another solver. */
    public Extended withSolver(RidgeSolver newSolver) {
      return new Extended(regParamGrid, holdoutFraction, newSolver, maxIter, tol, maxTripDistanceMiles, distanceKnotsMiles);
    }
  }
}
