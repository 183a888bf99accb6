package dev.tripcast.cli;

import picocli.CommandLine.Command;

/**
 * {@code tripcast models}: the registry's versions and aliases ({@code champion},
 * {@code challenger}), each subcommand a {@link JobCommand} recorded like any run.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Lists, shows, promotes and rolls back registered model versions and their aliases"
        + " (model_registry Delta table).",
    subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsPromoteCommand.class,
        ModelsRollbackCommand.class},
    footer = {"", "Example: tripcast models promote v2 --alias champion --reason 'beat v1 on 2021-04' --config conf/local.conf"})
final class ModelsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: expected one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
