package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SparkVersionCheck;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RecordedRun;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape every subcommand shares: validate the arguments → read the settings → check them →
 * (with {@code --dry-run}: print the plan and stop) → make the run's {@link RunContext} in a Spark
 * session → record the run as {@code running} in the {@code runs} table ({@link RecordedRun}) →
 * run the job → print its summary → complete the run's row (succeeded or failed, exit code,
 * {@link #details}). Errors are exceptions mapped to exit codes in one place ({@link Tripcast}); a
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

  /**
   * Runs the job with the run's context; its session is the run's own (stopped afterwards) unless
   * one already existed.
   */
  abstract R run(RunContext context);

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
      RunContext context = RunContext.open(spark, settings, run);
      if (!recorded()) {
        return print(out, run(context));
      }
      return RecordedRun.run(context, plan(), spec.commandLine().getParseResult().originalArgs(),
          line -> out.println("note: " + line), Hints::runError, c -> {
            R result = run(c);
            ExitCode printed = print(out, result);
            return new RecordedRun.Outcome<>(result, printed, details(result));
          }).exitCode();
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

  /**
   * A command whose summary and {@code runs} details are one {@link NightlyJob.StepView}, so that
   * {@code nightly} shows and records the job as a step exactly as the command does.
   */
  abstract static class Viewed<R> extends JobCommand<R> {
    /** How the result shows on {@code out}. */
    abstract NightlyJob.StepView<R> view(PrintWriter out);

    @Override
    final ExitCode print(PrintWriter out, R result) {
      return view(out).print(result);
    }

    @Override
    final RunLog.Details details(R result) {
      return view(spec.commandLine().getOut()).details(result);
    }
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
