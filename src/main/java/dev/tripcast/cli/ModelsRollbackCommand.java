package dev.tripcast.cli;

import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tripcast models rollback}: moves an alias back to the version it held before its current one. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Moves an alias (default champion) back to the version it held before, recorded with a reason.")
final class ModelsRollbackCommand extends AliasMoveCommand {
  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "rollback",
      description = "Why, recorded in model_registry (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  String plan() {
    return "roll @" + alias + " back to its previous version";
  }

  @Override
  ModelsJob.Moved run(RunContext context) {
    return ModelsJob.rollback(context, alias, reason);
  }
}
