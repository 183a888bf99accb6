package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SparkVersionCheck;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.TripcastException;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape every subcommand shares: validate the arguments → read the settings → check them →
 * (with {@code --dry-run}: print the plan and stop) → record the run as {@code running} in the
 * {@code runs} table ({@link RunLog}) → run the job in a Spark session → print its summary →
 * complete the run's row (succeeded or failed, exit code, {@link #details}). Errors are exceptions mapped to exit codes in one place ({@link Tripcast}); a
 * subcommand only fills in the steps.
 *
 * @param <R> the job's result
 */
abstract class JobCommand<R> implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  /**
   * Checks the arguments alone, before the configuration is read.
   *
   * @throws dev.tripcast.errors.InvalidInputException naming the bad option
   */
  void validate() {}

  /**
   * Checks the arguments against the settings, before anything starts (also under --dry-run).
   *
   * @throws dev.tripcast.errors.InvalidInputException naming the bad option or setting
   */
  void check(Settings settings) {}

  /** What the command will do, one line, e.g. "score green 2021-02 with model latest". */
  abstract String plan();

  /** Runs the job; the session is the run's own (stopped afterwards) unless one already existed. */
  abstract R run(SparkSession spark, Settings settings, RunInfo run);

  /**
   * Prints the result's summary on stdout.
   *
   * @return the exit code, {@link ExitCode#OK} unless the command judges the result (report)
   */
  abstract ExitCode print(PrintWriter out, R result);

  @Override
  public final Integer call() {
    validate();
    Settings settings = common.settings();
    check(settings);
    PrintWriter out = spec.commandLine().getOut();
    if (common.dryRun) {
      out.printf("dry run: would %s (arguments, configuration and Spark %s checked; nothing started)%n",
          plan(), SparkVersionCheck.running());
      out.printf("  data-root       %s%n  warehouse-root  %s%n  model-root      %s%n",
          settings.paths().dataRoot(), settings.paths().warehouseRoot(), settings.paths().modelRoot());
      out.flush();
      return ExitCode.OK.code();
    }
    RunInfo run = RunInfo.start(jobName());
    ExitCode code = SparkRun.with(settings, run, common.verbose, spark -> {
      if (!recorded()) {
        return print(out, run(spark, settings, run));
      }
      RunLog log = RunLog.start(spark, settings, run, plan(), spec.commandLine().getParseResult().originalArgs());
      log.stale().forEach(line -> out.println("note: " + line));
      try {
        R result = run(spark, settings, run);
        ExitCode printed = print(out, result);
        log.succeeded(printed.code(), details(result));
        return printed;
      } catch (Exception e) { // also SparkException: checked in Java's eyes, thrown undeclared by Scala
        String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
        log.failed(ExitCode.of(e).code(), e instanceof TripcastException te ? Hints.line(te)
            : StorageFaults.find(e).map(Throwable::getMessage).orElse(firstLine));
        throw e;
      }
    });
    out.flush();
    return code.code();
  }

  /**
   * What the {@code runs} row records of the result: model version, metrics, commits, inputs.
   * Commands override it; the default records nothing beyond the run's identity and status.
   */
  RunLog.Details details(R result) {
    return RunLog.Details.none();
  }

  /** Whether the run gets a {@code runs} row; read-only tools ({@code sql}) say no. */
  boolean recorded() {
    return true;
  }

  /** The job recorded for this run: the subcommand, prefixed by its parent's name if nested ("models-promote"). */
  String jobName() {
    CommandSpec parent = spec.parent();
    return parent != null && parent.parent() != null ? parent.name() + "-" + spec.name() : spec.name();
  }
}
