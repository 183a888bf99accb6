package dev.tripcast.jobs;

import java.time.Duration;

/**
 * How far a run of several steps (a backfill's months) has come: step {@code done} of
 * {@code total}, the time elapsed, and an estimate of what is left at the mean time per step so far.
 *
 * @param done steps finished, 1..total
 * @param total steps in the run
 * @param elapsed wall time since the run started
 */
public record Progress(int done, int total, Duration elapsed) {

  /** The remaining steps at the mean duration of the finished ones (zero when done). */
  public Duration remaining() {
    return elapsed.dividedBy(done).multipliedBy(total - done);
  }

  /** "month 2 of 5, 1m 22s elapsed, about 2m 03s left". */
  public String describe(String step) {
    return String.format("%s %d of %d, %s elapsed, %s", step, done, total, format(elapsed),
        done == total ? "done" : "about " + format(remaining()) + " left");
  }

  private static String format(Duration d) {
    long s = Math.round(d.toMillis() / 1000.0);
    return s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
  }
}
