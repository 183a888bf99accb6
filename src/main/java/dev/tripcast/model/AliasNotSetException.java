package dev.tripcast.model;

import dev.tripcast.errors.ModelNotFoundException;
import java.util.List;

/**
 * An alias (e.g. {@code challenger}) points at no version yet; exit 3.
 */
public final class AliasNotSetException extends ModelNotFoundException {
  private final String model;
  private final String alias;
  private final List<String> existing;

  public AliasNotSetException(String model, String alias, List<String> existing) {
    super(String.format("model %s has no version with alias @%s (versions: %s)", model, alias,
        existing.isEmpty() ? "none" : String.join(", ", existing)));
    this.model = model;
    this.alias = alias;
    this.existing = existing;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The alias, e.g. {@code challenger}. */
  public String alias() {
    return alias;
  }

  /** The versions that exist. */
  public List<String> existing() {
    return existing;
  }
}
