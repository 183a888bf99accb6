package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.TripcastException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tripcast} command: the one entry point for {@code spark-submit --class
 * dev.tripcast.cli.Tripcast} and for {@code java -cp} in local mode.
 *
 * <pre>
 * tripcast train    --taxi green --train 2021-01 --valid 2021-02 [--config FILE]
 * tripcast score    --taxi green --month 2021-02 [--model champion|challenger|v3|latest] [--config FILE]
 * tripcast backfill --taxi green --from 2021-02 --to 2021-05 [--model champion|challenger|v3|latest] [--config FILE]
 * tripcast report   --taxi green --month 2021-02 [--max-rmse MINUTES] [--config FILE]
 * tripcast models   list | show REF | promote vN --alias champion --reason TEXT | rollback [--alias champion]
 * tripcast sql      "SELECT ... FROM runs" [--max-rows N] [--config FILE]
 * tripcast synth    --taxi green --from 2021-01 --month 2031-01 --rows 3000000 --seed 42 --out DIR [--config FILE]
 * </pre>
 *
 * <p>Every subcommand is a {@link JobCommand} and also takes {@code --dry-run} (check arguments,
 * configuration and the Spark version, start nothing) and {@code --verbose}. Before it reads its settings, a subcommand checks
 * that the Spark it runs on is 3.5 ({@link dev.tripcast.config.SparkVersionCheck}).
 *
 * <p>Exit codes ({@link ExitCode}): 0 ok, 1 unexpected failure, 2 invalid input (arguments,
 * configuration, data, a Spark other than 3.5), 3 model not found, 4 threshold breached
 * ({@code report --max-rmse}), 5 concurrent change (another run committed first), 6 champion kept, 7 data drift,
 * 8 performance breached, 9 storage full (a disk ran full). Errors print one {@code [ERROR]} line on stderr; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "tripcast", mixinStandardHelpOptions = true, versionProvider = Tripcast.Version.class,
    description = "Batch scoring of NYC TLC trip duration on Apache Spark, with Delta Lake outputs.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, BackfillCommand.class,
        RetrainCommand.class,
        ReportCommand.class, MonitorCommand.class, NightlyCommand.class, MaintainCommand.class, ModelsCommand.class, AlertsCommand.class, SqlCommand.class, SynthCommand.class, CommandLine.HelpCommand.class})
public final class Tripcast {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on stdout and stderr and returns the exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with the given output and error writers and returns the exit code
   * (tests call this instead of main).
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      // picocli would print the top-level help and exit 0 for "tripcast nosuchcommand --help".
      err.printf("[ERROR] unknown command '%s': expected one of %s (see 'tripcast --help')%n", args[0],
          String.join(", ", cli.getSubcommands().keySet()));
      err.flush();
      return ExitCode.INVALID_INPUT.code();
    }
    return cli.execute(args);
  }

  /** The configured picocli command line, with tripcast's error handlers and exit codes. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Tripcast());
    cli.setParameterExceptionHandler(Tripcast::onBadArguments);
    cli.setExecutionExceptionHandler(Tripcast::onFailure);
    return cli;
  }

  private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("[ERROR] " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.INVALID_INPUT.code();
  }

  private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose");
    return printFailure(cli.getErr(), e, verbose);
  }

  /**
   * Prints a failed run's error on {@code err}, one line ("[ERROR] ..."; with {@code verbose}, the
   * stack trace too), as every command does.
   *
   * @return the exit code the error maps to
   */
  static int printFailure(PrintWriter err, Exception e, boolean verbose) {
    int code;
    TripcastException known = e instanceof TripcastException te ? te : StorageFaults.find(e).orElse(null);
    if (known != null) {
      err.println("[ERROR] " + Hints.line(known));
      code = known.exitCode().code();
    } else {
      err.println("[ERROR] unexpected failure: " + StorageFaults.summary(e) + (verbose ? "" : " (re-run with --verbose for the stack trace)"));
      code = ExitCode.INTERNAL_ERROR.code();
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Prints the tripcast and Spark versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tripcast " + dev.tripcast.config.TripcastVersion.get()};
    }
  }
}
