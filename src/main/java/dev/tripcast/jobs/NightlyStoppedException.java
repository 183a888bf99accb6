package dev.tripcast.jobs;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.TripcastException;
import java.time.YearMonth;
import java.util.List;

/**
 * A step of {@code nightly} failed; the exit code is the step's. The step's own {@code [ERROR]}
 * line, printed before, says why. Every step replaces what it wrote, so the night can be re-run.
 */
public final class NightlyStoppedException extends TripcastException {
  private final String step;
  private final List<String> done;

  /**
   * @param step the step that failed, e.g. {@code monitor}
   * @param code its exit code
   * @param done the steps done before it, in order
   */
  public NightlyStoppedException(String taxiType, YearMonth month, String step, ExitCode code, List<String> done) {
    super(code, String.format(
        "nightly of %s %s stopped at step '%s' (exit %d, see its error above; steps done: %s); fix the cause and"
            + " re-run the night: every step replaces what it wrote, and retrain repeats a decision already made",
        taxiType, month, step, code.code(), done.isEmpty() ? "none" : String.join(", ", done)));
    this.step = step;
    this.done = List.copyOf(done);
  }

  /** The step that failed. */
  public String step() {
    return step;
  }

  /** The steps done before it, in order. */
  public List<String> done() {
    return done;
  }
}
