package dev.tripcast.cli;

import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tripcast models promote vN --alias champion --reason TEXT}: points an alias at a version
 * in one Delta commit; a concurrent promotion that wins makes this one fail (exit 5) and both
 * attempts stay recorded.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Points an alias (champion or challenger) at a model version, recorded with a reason."
        + " Exits 5 if another promotion of the same model committed first.")
final class ModelsPromoteCommand extends AliasMoveCommand {
  @Parameters(index = "0", paramLabel = "vN", description = "The version to promote, e.g. v2.")
  String version;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, recorded in model_registry.")
  String reason;

  @Override
  void validate() {
    target();
    super.validate();
  }

  private ModelRef.Version target() {
    return ModelRef.version(version).orElseThrow(() -> new InvalidArgumentException("vN", version, "a model version v1, v2, ..."));
  }

  @Override
  String plan() {
    return "promote " + version + " to @" + alias;
  }

  @Override
  ModelsJob.Moved run(RunContext context) {
    return ModelsJob.promote(context, target(), alias, reason);
  }
}
