package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ModelsJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelUri;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tripcast models show REF}: one version's URI, card, aliases (and their URIs) and registry events. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Shows one model version (vN, latest, champion, challenger or a model URI): its URI, card,"
        + " aliases and events.")
final class ModelsShowCommand extends JobCommand<ModelsJob.Shown> {
  @Parameters(index = "0", paramLabel = "REF", converter = ModelOption.Converter.class,
      description = "v1, v2, ..., latest, champion, challenger, models:/NAME@ALIAS or models:/NAME/N.")
  ModelUri uri;

  /** The reference, set by {@link #check}. */
  private ModelRef ref;

  @Override
  void check(Settings settings) {
    ref = uri.ref("REF", settings.model().name());
  }

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
    String name = r.card().name();
    out.printf("  uri             %s%n", ModelUri.format(name, ModelRef.version(r.version()).orElseThrow()));
    if (!r.aliases().isEmpty()) {
      out.printf("  alias uris      %s%n", String.join(", ",
          r.aliases().stream().map(a -> ModelUri.format(name, new ModelRef.Alias(a))).toList()));
    }
    out.printf("  path            %s%n  trained         %s by run %s%n  train / valid   %s / %s (%s)%n", r.path(),
        r.card().createdAt(), r.card().runId(), r.card().trainMonths(), r.card().validMonths(), r.card().taxiType());
    if (r.card().metrics() != null) {
      r.card().metrics().forEach((k, m) -> out.printf("  %-15s n=%d  RMSE %.4f%n", k, m.n(), m.rmse()));
    }
    r.events().forEach(e -> out.println("  " + ModelsSummaries.event(e)));
    return ExitCode.OK;
  }
}
