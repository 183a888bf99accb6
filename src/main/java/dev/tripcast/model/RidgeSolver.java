package dev.tripcast.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the {@code extended} model's ridge regression is fitted ({@code
 * tripcast.model.extended.solver}). Both minimise MLlib's objective for {@code
 * standardization=false, elasticNetParam=0} ({@link ExactRidge}); the saved pipeline has the same
 * stages and format either way.
 */
public enum RidgeSolver {
  /**
   * {@link ExactRidge}: sufficient statistics in one Spark pass, the penalised normal equations
   * solved on the driver, every penalty of the grid from the same statistics.
   */
  EXACT("exact"),
  /** MLlib's L-BFGS, one Spark job per loss evaluation, stopped at {@code max-iter} or {@code tol}. */
  L_BFGS("l-bfgs");

  private final String id;

  RidgeSolver(String id) {
    this.id = id;
  }

  /** The configuration value, e.g. "exact". */
  public String id() {
    return id;
  }

  /** Parses a configuration value; empty if unknown. */
  public static Optional<RidgeSolver> fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /** The accepted configuration values. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(RidgeSolver::id).toList();
  }
}
