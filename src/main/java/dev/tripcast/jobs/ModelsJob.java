package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.model.AliasNotSetException;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.RegressionMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's versions and aliases, read and moved: {@code tripcast models list|show|promote|rollback}.
 * Versions are the registry's folders ({@link ModelRegistry}); aliases and the event history are
 * the {@code model_registry} Delta table ({@link ModelAliases}). Every move is one Delta commit
 * recorded with its run id and reason.
 */
public final class ModelsJob {
  private ModelsJob() {}

  /**
   * One version as {@code models list} shows it.
   *
   * @param version "v3"
   * @param aliases the aliases pointing at it, possibly empty
   * @param trainMonths its training months, "YYYY-MM"
   * @param validRmse its validation RMSE, minutes (NaN if unknown)
   * @param runId the training run
   */
  public record VersionRow(String version, List<String> aliases, List<String> trainMonths, double validRmse,
      String runId) {}

  /**
   * @param model the registered model's name
   * @param versions every complete version, oldest first
   * @param aliases alias → version
   * @param events the registry's events, oldest first
   */
  public record Listing(String model, List<VersionRow> versions, Map<String, String> aliases,
      List<ModelAliases.Event> events) {}

  /**
   * @param model the registered model's name
   * @param event the committed event
   */
  public record Moved(String model, ModelAliases.Event event) {}

  /** Every version with its aliases, and the registry's events. */
  public static Listing list(RunContext context) {
    Settings settings = context.settings();
    ModelRegistry registry = context.registry();
    ModelAliases.State state = context.aliases().state();
    Map<String, String> aliases = state.aliases();
    List<VersionRow> rows = new ArrayList<>();
    for (String v : registry.versions()) {
      ModelCard card = registry.load(ModelRef.parse("version", v)).card();
      List<String> on = aliases.entrySet().stream().filter(e -> e.getValue().equals(v)).map(Map.Entry::getKey).toList();
      RegressionMetrics valid = card.metrics() == null ? null : card.metrics().get("valid");
      rows.add(new VersionRow(v, on, card.trainMonths(), valid == null ? Double.NaN : valid.rmse(), card.runId()));
    }
    return new Listing(settings.model().name(), rows, aliases, state.events());
  }

  /**
   * One version's card and the events that mention it.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the version or alias does not exist
   */
  public static Shown show(RunContext context, ModelRef ref) {
    Settings settings = context.settings();
    ModelRegistry registry = context.registry();
    ModelAliases aliases = context.aliases();
    ModelAliases.State state = aliases.state();
    ModelRef version = ref;
    if (ref instanceof ModelRef.Alias a) {
      version = ModelRef.parse("alias", state.alias(a.name()).version()
          .orElseThrow(() -> new AliasNotSetException(settings.model().name(), a.name(), registry.versions())));
    }
    ModelRegistry.SavedModel saved = registry.load(version);
    List<ModelAliases.Event> events = state.events().stream().filter(e -> saved.version().equals(e.version())).toList();
    Map<String, String> on = new LinkedHashMap<>(state.aliases());
    on.values().removeIf(v -> !v.equals(saved.version()));
    return new Shown(saved.version(), saved.path(), saved.card(), List.copyOf(on.keySet()), events);
  }

  /**
   * @param version "v3"
   * @param path its folder
   * @param card its model card
   * @param aliases aliases pointing at it
   * @param events registry events naming it, oldest first
   */
  public record Shown(String version, String path, ModelCard card, List<String> aliases,
      List<ModelAliases.Event> events) {}

  /**
   * Points {@code alias} at {@code version}, recording the reason and the version's validation figures.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the version does not exist
   * @throws dev.tripcast.errors.ConcurrentChangeException if another promotion won the race
   */
  public static Moved promote(RunContext context, ModelRef.Version version, String alias, String reason) {
    Settings settings = context.settings();
    RunInfo run = context.run();
    ModelRegistry.SavedModel saved = context.registry().load(version);
    ModelAliases aliases = context.aliases();
    Map<String, Double> figures = new LinkedHashMap<>();
    if (saved.card().metrics() != null) {
      saved.card().metrics().forEach((k, m) -> {
        if (!Double.isNaN(m.rmse())) {
          figures.put(k + "_rmse", m.rmse());
        }
      });
    }
    return new Moved(settings.model().name(),
        aliases.promote(aliases.state(), alias, saved.version(), run.id(), reason, figures));
  }

  /**
   * Moves {@code alias} back to the version it held before.
   *
   * @throws dev.tripcast.errors.InvalidInputException if it has no earlier version
   * @throws dev.tripcast.errors.ConcurrentChangeException if another move won the race
   */
  public static Moved rollback(RunContext context, String alias, String reason) {
    Settings settings = context.settings();
    RunInfo run = context.run();
    ModelAliases aliases = context.aliases();
    return new Moved(settings.model().name(), aliases.rollback(aliases.state(), alias, run.id(), reason));
  }
}
