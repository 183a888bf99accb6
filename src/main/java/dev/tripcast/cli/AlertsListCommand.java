package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.AlertsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.monitoring.AlertsTable.Alert;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tripcast alerts list}: the pending alerts, then the latest others, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the alerts still pending, then the latest delivered or refused ones, one line each.")
final class AlertsListCommand extends JobCommand<AlertsJob.Listing> {
  @Option(names = "--recent", paramLabel = "N", defaultValue = "10",
      description = "How many of the latest delivered or refused alerts to print (default: ${DEFAULT-VALUE}).")
  int recent;

  @Override
  String plan() {
    return "list alerts";
  }

  @Override
  AlertsJob.Listing run(RunContext context) {
    return AlertsJob.list(context);
  }

  @Override
  ExitCode print(PrintWriter out, AlertsJob.Listing r) {
    List<Alert> pending = r.pending();
    List<Alert> done = r.alerts().stream().filter(a -> !pending.contains(a)).toList();
    out.printf("alerts: %d pending, %d delivered or refused%n", pending.size(), done.size());
    pending.forEach(a -> out.println("  " + AlertLine.of(a)));
    List<Alert> last = done.subList(Math.max(0, done.size() - recent), done.size());
    if (!last.isEmpty()) {
      out.println("latest:");
      last.forEach(a -> out.println("  " + AlertLine.of(a)));
    }
    return ExitCode.OK;
  }
}
