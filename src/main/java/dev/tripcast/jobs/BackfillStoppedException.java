package dev.tripcast.jobs;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.TripcastException;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A backfill stopped at a month. The exit code is the failed month's ({@link ExitCode#INTERNAL_ERROR}
 * for an unexpected failure, {@link ExitCode#of}); the message lists the months done and not
 * started, then the month's own error (its cause).
 */
public final class BackfillStoppedException extends TripcastException {
  private final String taxiType;
  private final YearMonth failed;
  private final List<YearMonth> done;
  private final List<YearMonth> notStarted;

  /**
   * @param cause the failed month's error
   */
  public BackfillStoppedException(String taxiType, YearMonth failed, List<YearMonth> done, List<YearMonth> notStarted,
      Throwable cause) {
    super(ExitCode.of(cause), String.format(
        "backfill of %s stopped at %s after %d of %d months (done: %s; not started: %s): %s",
        taxiType, failed, done.size(), done.size() + 1 + notStarted.size(), months(done), months(notStarted),
        reason(cause)), cause);
    this.taxiType = taxiType;
    this.failed = failed;
    this.done = List.copyOf(done);
    this.notStarted = List.copyOf(notStarted);
  }

  /** The taxi type. */
  public String taxiType() {
    return taxiType;
  }

  /** The month that failed; a resumed backfill starts there. */
  public YearMonth failed() {
    return failed;
  }

  /** The months committed before it. */
  public List<YearMonth> done() {
    return done;
  }

  /** The months after it, not started. */
  public List<YearMonth> notStarted() {
    return notStarted;
  }

  private static String reason(Throwable cause) {
    return cause instanceof TripcastException ? cause.getMessage()
        : StorageFaults.find(cause).map(Throwable::getMessage)
            .orElseGet(() -> "unexpected failure: " + StorageFaults.summary(cause));
  }

  private static String months(List<YearMonth> months) {
    return months.isEmpty() ? "none" : months.stream().map(YearMonth::toString).collect(Collectors.joining(", "));
  }
}
