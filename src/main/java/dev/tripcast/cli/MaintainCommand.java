package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MaintainJob;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    return NightlyJob.StepView.of(result -> summary(out, result), MaintainCommand::runsRow);
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

  /**
   * The {@code runs} row of a maintain run: per table, {@code metrics} {@code <table>.files_before},
   * {@code .files_after}, {@code .bytes_before}, {@code .bytes_after} (data files under the table's
   * folder, all versions), {@code .live_files_before}, {@code .live_files_after} (the current
   * version's), {@code .partitions_optimized}, {@code .files_vacuumed}; {@code commits} table →
   * the version it left (where the next maintain looks for changes from).
   */
  static RunLog.Details runsRow(MaintainJob.Result result) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Long> commits = new LinkedHashMap<>();
    for (MaintainJob.TableResult t : result.tables()) {
      String n = t.table() + ".";
      metrics.put(n + "files_before", (double) t.before().diskFiles());
      metrics.put(n + "files_after", (double) t.after().diskFiles());
      metrics.put(n + "bytes_before", (double) t.before().diskBytes());
      metrics.put(n + "bytes_after", (double) t.after().diskBytes());
      metrics.put(n + "live_files_before", (double) t.before().liveFiles());
      metrics.put(n + "live_files_after", (double) t.after().liveFiles());
      metrics.put(n + "partitions_optimized", (double) t.partitions().size());
      metrics.put(n + "files_vacuumed", (double) t.filesVacuumed());
      commits.put(t.table(), t.after().version());
    }
    return new RunLog.Details(null, metrics, commits, List.of());
  }
}
