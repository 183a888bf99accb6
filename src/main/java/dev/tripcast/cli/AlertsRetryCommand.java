package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.AlertsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.monitoring.AlertOutbox;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code tripcast alerts retry}: one delivery pass over the pending alerts now. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = "Delivers the pending alerts now, oldest first, within tripcast.monitoring.webhook.retry-budget;"
        + " exits 0 if none is left pending, 11 otherwise.")
final class AlertsRetryCommand extends JobCommand<AlertOutbox.Pass> {
  @Override
  String plan() {
    return "deliver pending alerts";
  }

  @Override
  AlertOutbox.Pass run(RunContext context) {
    return AlertsJob.retry(context);
  }

  @Override
  ExitCode print(PrintWriter out, AlertOutbox.Pass r) {
    out.printf("alerts: %d attempted, %d still pending%n", r.attempted().size(), r.pending());
    r.attempted().forEach(a -> out.println("  " + AlertLine.of(a)));
    return r.pending() == 0 ? ExitCode.OK : ExitCode.ALERTS_UNDELIVERED;
  }
}
