package dev.tripcast.monitoring;

import dev.tripcast.errors.InvalidInputException;

/**
 * A month whose tables disagree because a score run died between its commits ({@link MonthAgreement}),
 * where monitoring or the report cannot go on; exit 2.
 */
public final class HalfWrittenMonthException extends InvalidInputException {
  private final String line;

  public HalfWrittenMonthException(String line) {
    super(line, null);
    this.line = line;
  }

  /** The agreement's line: how the tables disagree and the repair. */
  public String line() {
    return line;
  }
}
