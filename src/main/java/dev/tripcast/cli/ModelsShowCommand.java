package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelRef;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tripcast models show REF}: one version's card, aliases and registry events. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Shows one model version (vN, latest, champion or challenger): its card, aliases and events.")
final class ModelsShowCommand extends JobCommand<ModelsJob.Shown> {
  @Parameters(index = "0", paramLabel = "REF", converter = ModelOption.Converter.class,
      description = "v1, v2, ..., latest, champion or challenger.")
  ModelRef ref;

  @Override
  String plan() {
    return "show model " + ref;
  }

  @Override
  ModelsJob.Shown run(RunContext context) {
    return ModelsJob.show(context, ref);
  }

  @Override
  ExitCode print(PrintWriter out, ModelsJob.Shown r) {
    out.printf("model %s %s%s%n", r.card().name(), r.version(),
        r.aliases().isEmpty() ? "" : " @" + String.join(" @", r.aliases()));
    out.printf("  path            %s%n  trained         %s by run %s%n  train / valid   %s / %s (%s)%n", r.path(),
        r.card().createdAt(), r.card().runId(), r.card().trainMonths(), r.card().validMonths(), r.card().taxiType());
    if (r.card().metrics() != null) {
      r.card().metrics().forEach((k, m) -> out.printf("  %-15s n=%d  RMSE %.4f%n", k, m.n(), m.rmse()));
    }
    r.events().forEach(e -> out.println("  " + ModelsSummaries.event(e)));
    return ExitCode.OK;
  }
}
