package dev.tripcast.model;

import dev.tripcast.features.FeatureSet;

/**
 * Pipeline parameters ({@code tripcast.model}); saved with each model in its card.
 *
 * @param name model name in the registry
 * @param featureSet the model's inputs
 * @param pair the course's PU_DO + trip_distance linear regression
 * @param backoff the model used for PU_DO pairs never seen in training
 */
public record ModelParams(String name, FeatureSet featureSet, PairModel pair, Backoff backoff) {

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
}
