package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelAliases;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tripcast models list}: every version, its aliases and validation RMSE, and recent events. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists every model version with its aliases and validation RMSE, then the latest registry events.")
final class ModelsListCommand extends JobCommand<ModelsJob.Listing> {
  @Option(names = "--events", paramLabel = "N", defaultValue = "10",
      description = "How many of the latest registry events to print (default: ${DEFAULT-VALUE}).")
  int events;

  @Override
  String plan() {
    return "list model versions and aliases";
  }

  @Override
  ModelsJob.Listing run(RunContext context) {
    return ModelsJob.list(context);
  }

  @Override
  ExitCode print(PrintWriter out, ModelsJob.Listing r) {
    out.printf("model %s: %d versions, aliases %s%n", r.model(), r.versions().size(), r.aliases());
    for (ModelsJob.VersionRow v : r.versions()) {
      out.printf("  %-5s %-22s train %-20s valid RMSE %7.4f  run %s%n", v.version(),
          v.aliases().isEmpty() ? "" : "@" + String.join(" @", v.aliases()), String.join(",", v.trainMonths()),
          v.validRmse(), v.runId());
    }
    List<ModelAliases.Event> last = r.events().subList(Math.max(0, r.events().size() - events), r.events().size());
    if (!last.isEmpty()) {
      out.println("latest events:");
      last.forEach(e -> out.println("  " + ModelsSummaries.event(e)));
    }
    return ExitCode.OK;
  }
}
