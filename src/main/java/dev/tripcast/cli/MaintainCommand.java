package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MaintainJob;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code tripcast maintain}: OPTIMIZE of the partitions changed since the last maintenance,
 * VACUUM and a log checkpoint of every tripcast table ({@link MaintainJob}); one line per table.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Maintains every tripcast Delta table that exists: OPTIMIZE of the partitions that changed since the"
        + " last maintain run, VACUUM with tripcast.maintenance.vacuum-retention (never below a table's"
        + " delta.deletedFileRetentionDuration, 7 days by default), and a checkpoint of the log at the table's"
        + " version. Recorded in the runs table with each table's files and bytes before and after.",
        "Exit codes: 0 done; 2 the retention is below a table's floor (nothing done); 5 a replace conflicted with an"
            + " OPTIMIZE (re-run)."},
    footer = {"", "Example: tripcast maintain --config conf/local.conf"})
final class MaintainCommand extends JobCommand.Viewed<MaintainJob.Result> {

  @Override
  String plan() {
    return "maintain every tripcast table: OPTIMIZE changed partitions, VACUUM, checkpoint";
  }

  @Override
  MaintainJob.Result run(RunContext context) {
    return MaintainJob.run(context);
  }

  @Override
  NightlyJob.StepView<MaintainJob.Result> view(PrintWriter out) {
    return stepView(out);
  }

  /** How a maintain run shows (one line per table) and what its {@code runs} row records; exit 0. */
  static NightlyJob.StepView<MaintainJob.Result> stepView(PrintWriter out) {
    return NightlyJob.StepView.of(result -> summary(out, result), MaintainJob.Result::details);
  }

  private static ExitCode summary(PrintWriter out, MaintainJob.Result result) {
    out.printf("maintain: VACUUM RETAIN %.0f HOURS, %d tables%n", result.retention().toMillis() / 3_600_000.0,
        result.tables().size());
    for (MaintainJob.TableResult t : result.tables()) {
      out.printf("  %-18s v%d -> v%d  OPTIMIZE %d partitions  live files %d -> %d  data files %d -> %d"
              + "  bytes %d -> %d  VACUUM deleted %d  checkpoint v%d%n",
          t.table(), t.before().version(), t.after().version(), t.partitions().size(), t.before().liveFiles(),
          t.after().liveFiles(), t.before().diskFiles(), t.after().diskFiles(), t.before().diskBytes(),
          t.after().diskBytes(), t.filesVacuumed(), t.after().checkpointVersion());
    }
    out.flush();
    return ExitCode.OK;
  }
}
