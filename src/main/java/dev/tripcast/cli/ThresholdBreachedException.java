package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.TripcastException;
import java.time.YearMonth;

/**
 * {@code report --max-rmse}: the month's overall RMSE is above the limit; exit
 * {@link ExitCode#THRESHOLD_BREACHED}. The report itself was printed.
 */
public final class ThresholdBreachedException extends TripcastException {
  private final double rmse;
  private final double maxRmse;

  /**
   * @param rmse the month's overall RMSE, minutes
   * @param maxRmse the limit given with {@code --max-rmse}, minutes
   */
  public ThresholdBreachedException(String taxiType, YearMonth month, double rmse, double maxRmse) {
    super(ExitCode.THRESHOLD_BREACHED, String.format(
        "%s %s: overall RMSE %.4f minutes is above --max-rmse %.4f (check the data_quality table and consider retraining)",
        taxiType, month, rmse, maxRmse));
    this.rmse = rmse;
    this.maxRmse = maxRmse;
  }

  /** The month's overall RMSE, minutes. */
  public double rmse() {
    return rmse;
  }

  /** The limit, minutes. */
  public double maxRmse() {
    return maxRmse;
  }
}
