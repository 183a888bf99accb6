package dev.tripcast.model;

import dev.tripcast.errors.InvalidInputException;

/**
 * A promotion that would change nothing: the alias already points at the version; exit 2.
 */
public final class AliasAlreadySetException extends InvalidInputException {
  private final String model;
  private final String alias;
  private final String version;

  public AliasAlreadySetException(String model, String alias, String version) {
    super(String.format("model %s: @%s is already %s; nothing to promote", model, alias, version), null);
    this.model = model;
    this.alias = alias;
    this.version = version;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The alias. */
  public String alias() {
    return alias;
  }

  /** The version it already points at. */
  public String version() {
    return version;
  }
}
