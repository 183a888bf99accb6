package dev.tripcast.jobs;

import dev.tripcast.errors.InvalidInputException;
import java.time.YearMonth;
import java.util.Collection;

/**
 * {@code retrain}'s evaluation month is one a model trained on; exit 2.
 */
public final class TrainedOnEvalMonthException extends InvalidInputException {
  private final String who;
  private final YearMonth month;
  private final Collection<?> trainMonths;

  public TrainedOnEvalMonthException(String who, YearMonth month, Collection<?> trainMonths) {
    super(String.format("retrain: %s trains on %s (%s), the evaluation month; evaluate on a month neither"
        + " model trained on (--month) or train on other months (--train)", who, month, trainMonths), null);
    this.who = who;
    this.month = month;
    this.trainMonths = trainMonths;
  }

  /** The model, e.g. "the challenger" or "the champion v2". */
  public String who() {
    return who;
  }

  /** The evaluation month. */
  public YearMonth month() {
    return month;
  }

  /** The months it trains (or trained) on. */
  public Collection<?> trainMonths() {
    return trainMonths;
  }
}
