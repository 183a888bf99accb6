package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.model.ModelRef;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tripcast models rollback}: moves an alias back to the version it held before its current one. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Moves an alias (default champion) back to the version it held before, recorded with a reason.")
final class ModelsRollbackCommand extends JobCommand<ModelsJob.Moved> {
  @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = "champion",
      description = "champion or challenger (default: ${DEFAULT-VALUE}).")
  String alias;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "rollback",
      description = "Why, recorded in model_registry (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  void validate() {
    if (!ModelRef.ALIASES.contains(alias)) {
      throw Errors.badArgument("--alias", alias, "one of " + ModelRef.ALIASES);
    }
  }

  @Override
  String plan() {
    return "roll @" + alias + " back to its previous version";
  }

  @Override
  ModelsJob.Moved run(SparkSession spark, Settings settings, RunInfo run) {
    return ModelsJob.rollback(spark, settings, alias, reason, run);
  }

  @Override
  ExitCode print(PrintWriter out, ModelsJob.Moved r) {
    out.printf("model %s: %s%n", r.model(), ModelsSummaries.event(r.event()));
    return ExitCode.OK;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(ModelsJob.Moved result) {
    return new dev.tripcast.jobs.RunLog.Details(result.event().version(), result.event().metrics(),
        java.util.Map.of(), java.util.List.of());
  }
}
