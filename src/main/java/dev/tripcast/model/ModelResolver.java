package dev.tripcast.model;

import java.util.List;
import java.util.Optional;

/**
 * The one way from a model reference to a loaded version: {@code vN} and {@code latest} through
 * the registry's folders ({@link ModelRegistry}), {@code champion} and {@code challenger} through
 * the {@code model_registry} table ({@link ModelAliases}) first.
 *
 * <p>The registry's one standing policy lives here too: a registry with versions but no
 * champion makes its first version the champion. Resolving {@code champion} there writes
 * nothing and returns that version with a {@link FirstChampion} still to record; the caller
 * records it ({@link #record}) once the version has served (so a run that fails on its input
 * writes nothing). {@code retrain}, which needs a champion to compare with, asks for the same step
 * up front ({@link #pendingFirstChampion}).
 */
public final class ModelResolver {
  private final ModelRegistry registry;
  private final ModelAliases aliases;

  /**
   * @param registry the saved versions of the model
   * @param aliases the {@code model_registry} table of the same model
   */
  public ModelResolver(ModelRegistry registry, ModelAliases aliases) {
    this.registry = registry;
    this.aliases = aliases;
  }

  /**
   * The first version becoming champion of a registry that has none: a decision not yet recorded.
   *
   * @param version the first (oldest) complete version
   * @param versions every complete version, oldest first
   */
  public record FirstChampion(String version, List<String> versions) {}

  /**
   * A loaded version.
   *
   * @param model the version
   * @param firstChampion present if the version stands in for a champion not yet recorded
   */
  public record Loaded(ModelRegistry.SavedModel model, Optional<FirstChampion> firstChampion) {}

  /**
   * Loads the version {@code ref} selects. Writes nothing.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the version does not exist, the alias is
   *     not set ({@code challenger}), or the registry has no version at all
   * @throws dev.tripcast.errors.InvalidInputException if the model card names an unknown feature set
   */
  public Loaded load(ModelRef ref) {
    if (!(ref instanceof ModelRef.Alias)) {
      return new Loaded(registry.load(ref), Optional.empty());
    }
    List<String> versions = registry.versions();
    ModelAliases.Resolved resolved = aliases.resolve(ref, versions, registry.modelDir());
    ModelRegistry.SavedModel model = registry.load(resolved.ref());
    return new Loaded(model, resolved.firstChampion()
        ? Optional.of(new FirstChampion(model.version(), versions)) : Optional.empty());
  }

  /** The first-champion step a registry with versions but no champion still owes; empty otherwise. */
  public Optional<FirstChampion> pendingFirstChampion() {
    if (aliases.state().alias(ModelAliases.CHAMPION).version().isPresent()) {
      return Optional.empty();
    }
    List<String> versions = registry.versions();
    return versions.isEmpty() ? Optional.empty() : Optional.of(new FirstChampion(versions.get(0), versions));
  }

  /**
   * Records a first champion: the {@code alias_set} event of {@code @champion} in
   * {@code model_registry} ({@link ModelAliases#promoteFirstChampion}).
   *
   * @param runId the run that decided it
   * @return one line for the user if this run recorded it; empty if another run set a champion meanwhile
   */
  public Optional<String> record(FirstChampion first, String runId) {
    return aliases.promoteFirstChampion(first.version(), first.versions(), runId);
  }

  /** {@link #record}s the loaded version's first-champion step, if it has one. */
  public List<String> recordUse(Loaded loaded, String runId) {
    return loaded.firstChampion().flatMap(f -> record(f, runId)).stream().toList();
  }
}
