package dev.tripcast.jobs;

import dev.tripcast.errors.ExitCode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

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
   * @param errorLine the one line the {@code runs} row records of a failure (the CLI's, with its hints)
   * @throws dev.tripcast.errors.TripcastException whatever the body throws, after the row records it
   */
  public static <R> Outcome<R> run(RunContext context, String key, List<String> args, Consumer<String> notes,
      Function<Exception, String> errorLine, Function<RunContext, Outcome<R>> body) {
    RunLog log = RunLog.start(context, key, args);
    log.stale().forEach(notes);
    try {
      Outcome<R> outcome = body.apply(context);
      log.succeeded(outcome.exitCode().code(), outcome.details());
      return outcome;
    } catch (Exception e) { // also SparkException: checked in Java's eyes, thrown undeclared by Scala
      log.failed(ExitCode.of(e).code(), errorLine.apply(e));
      throw e;
    }
  }

  /**
   * {@link #run}, as a step of a larger run ({@link NightlyJob}): a failure, once recorded, is
   * handed to {@code failed}, which shows it and returns its exit code, instead of going on.
   *
   * @return the step's exit code, its own or its failure's
   */
  public static <R> int runStep(RunContext context, String key, List<String> args, Consumer<String> notes,
      Function<Exception, String> errorLine, ToIntFunction<Exception> failed, Function<RunContext, Outcome<R>> body) {
    try {
      return run(context, key, args, notes, errorLine, body).exitCode().code();
    } catch (Exception e) { // the step's failure, already recorded: its exit code decides the night
      return failed.applyAsInt(e);
    }
  }
}
