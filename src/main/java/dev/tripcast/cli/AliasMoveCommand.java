package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunLog;
import dev.tripcast.model.ModelRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code models promote} and {@code models rollback} share: the {@code --alias} option and its
 * check, the one-line summary of the recorded move, and the run details (the version the alias now
 * points at and the metrics that justified it).
 */
abstract class AliasMoveCommand extends JobCommand<ModelsJob.Moved> {
  @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = "champion",
      description = "champion or challenger (default: ${DEFAULT-VALUE}).")
  String alias;

  /**
   * Checks {@code --alias}.
   *
   * @throws dev.tripcast.errors.InvalidInputException if it is not one of {@link ModelRef#ALIASES}
   */
  @Override
  void validate() {
    if (!ModelRef.ALIASES.contains(alias)) {
      throw new InvalidArgumentException("--alias", alias, "one of " + ModelRef.ALIASES);
    }
  }

  @Override
  ExitCode print(PrintWriter out, ModelsJob.Moved r) {
    out.printf("model %s: %s%n", r.model(), ModelsSummaries.event(r.event()));
    return ExitCode.OK;
  }

  @Override
  RunLog.Details details(ModelsJob.Moved result) {
    return new RunLog.Details(result.event().version(), result.event().metrics(), Map.of(), List.of());
  }
}
