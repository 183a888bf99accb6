package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RidgeSystem}'s two solves find the same minimum: elimination of the exclusive one-hot
 * block and conjugate gradients, on the statistics of 2,000 rows with a 40-value one-hot (PU_DO
 * like), two 8-value one-hots it nests in (PU, DO like: collinear with it and the intercept) and
 * a distance, gathered on the driver.
 */
class RidgeSystemTest {
  private static final int PAIRS = 40;
  private static final int ZONES = 8;
  private static RidgeStatistics statistics;

  @BeforeAll
  static void statistics() {
    int p = PAIRS + 2 * ZONES + 1;
    statistics = new RidgeStatistics(p);
    Random random = new Random(3);
    for (int row = 0; row < 2_000; row++) {
      int pair = random.nextInt(PAIRS);
      int pu = pair % ZONES;
      int dozone = (pair / ZONES + pair) % ZONES;
      double distance = 0.5 + 6 * random.nextDouble();
      double y = 3 + 2 * distance + pu - 0.5 * dozone + pair % 3 + random.nextGaussian();
      statistics.add(y, Vectors.sparse(p, new int[] {pair, PAIRS + pu, PAIRS + ZONES + dozone, p - 1},
          new double[] {1, 1, 1, distance}));
    }
  }

  @ParameterizedTest(name = "regParam {0}")
  @ValueSource(doubles = {1e-4, 1e-2, 1})
  void eliminationAndConjugateGradientsFindTheSameMinimum(double regParam) {
    RidgeSystem.Solution direct = new RidgeSystem(statistics).solve(regParam);
    RidgeSystem.Solution iterative = new RidgeSystem(statistics, 0).solve(regParam);

    assertEquals(0, direct.iterations());
    assertTrue(iterative.iterations() > 0);
    assertArrayEquals(iterative.coefficients(), direct.coefficients(), 1e-6);
    assertEquals(iterative.intercept(), direct.intercept(), 1e-6);
  }

  @ParameterizedTest(name = "regParam {0}")
  @ValueSource(doubles = {1e-4, 1e-2, 1})
  void eliminationLeavesNoResidual(double regParam) {
    RidgeSystem.Solution direct = new RidgeSystem(statistics).solve(regParam);
    assertTrue(direct.relativeResidual() < 1e-10, "relative residual " + direct.relativeResidual());
  }
}
