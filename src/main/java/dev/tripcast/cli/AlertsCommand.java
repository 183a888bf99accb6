package dev.tripcast.cli;

import picocli.CommandLine.Command;

/**
 * {@code tripcast alerts}: the alert outbox ({@code alerts} Delta table), each subcommand a
 * {@link JobCommand} recorded like any run.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Lists the monitoring alerts of the webhook's outbox (alerts Delta table) and delivers the pending ones.",
    subcommands = {AlertsListCommand.class, AlertsRetryCommand.class},
    footer = {"", "Example: tripcast alerts retry --config conf/local.conf"})
final class AlertsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: expected one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
