package dev.tripcast.jobs;

import dev.tripcast.errors.Errors;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.TripcastException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A job run recorded in the {@code runs} table ({@link RunLog}): its {@code running} row is
 * appended, the body runs, and the row is completed as {@code succeeded} (with the body's exit
 * code and details) or {@code failed} (with the exception's exit code and first line), and the
 * exception goes on to the caller. Every command's run goes through it, and so does every step of
 * {@link NightlyJob}, each with its own row.
 */
public final class RecordedRun {
  private RecordedRun() {}

  /**
   * What a recorded body produced.
   *
   * @param result the job's typed result
   * @param exitCode the run's exit code, recorded in its row
   * @param details what the row records of the result
   */
  public record Outcome<R>(R result, ExitCode exitCode, RunLog.Details details) {}

  /**
   * Runs {@code body} as the run of {@code context}.
   *
   * @param key what the run works on, one line (the {@code run_key})
   * @param args the run's command line
   * @param notes receives one line per earlier run of the same job and key still marked running
   * @throws dev.tripcast.errors.TripcastException whatever the body throws, after the row records it
   */
  public static <R> Outcome<R> run(RunContext context, String key, List<String> args, Consumer<String> notes,
      Function<RunContext, Outcome<R>> body) {
    RunLog log = RunLog.start(context, key, args);
    log.stale().forEach(notes);
    try {
      Outcome<R> outcome = body.apply(context);
      log.succeeded(outcome.exitCode().code(), outcome.details());
      return outcome;
    } catch (Exception e) { // also SparkException: checked in Java's eyes, thrown undeclared by Scala
      String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
      log.failed(ExitCode.of(e).code(), e instanceof TripcastException ? firstLine
          : Errors.storageFault(e).map(Throwable::getMessage).orElse(firstLine));
      throw e;
    }
  }
}
