package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelUri;
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
  @Parameters(index = "0", paramLabel = "vN", description = "The version to promote, e.g. v2 or models:/NAME/2.")
  String version;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, recorded in model_registry.")
  String reason;

  /** The version to promote, set by {@link #check}. */
  private ModelRef.Version target;

  @Override
  void validate() {
    uri();
    super.validate();
  }

  @Override
  void check(Settings settings) {
    target = (ModelRef.Version) uri().ref("vN", settings.model().name());
  }

  /**
   * {@code vN} or {@code models:/NAME/N}.
   *
   * @throws dev.tripcast.errors.InvalidInputException if it is neither
   */
  private ModelUri uri() {
    InvalidArgumentException notAVersion = new InvalidArgumentException("vN", version,
        "a model version v1, v2, ... or " + ModelUri.PREFIX + "NAME/N");
    ModelUri uri;
    try {
      uri = ModelUri.parse("vN", version);
    } catch (InvalidInputException e) {
      throw notAVersion;
    }
    if (!(uri.ref() instanceof ModelRef.Version)) {
      throw notAVersion;
    }
    return uri;
  }

  @Override
  String plan() {
    return "promote " + version + " to @" + alias;
  }

  @Override
  ModelsJob.Moved run(RunContext context) {
    return ModelsJob.promote(context, target, alias, reason);
  }
}
