package dev.tripcast.model;

import dev.tripcast.errors.InvalidInputException;

/**
 * {@code models rollback}: the alias has no earlier version to go back to; exit 2.
 */
public final class NothingToRollBackException extends InvalidInputException {
  private final String model;
  private final String alias;
  private final String current;

  public NothingToRollBackException(String model, String alias, String current) {
    super(String.format("model %s: @%s is %s and has no earlier version to roll back to", model, alias,
        current == null ? "not set" : current), null);
    this.model = model;
    this.alias = alias;
    this.current = current;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The alias. */
  public String alias() {
    return alias;
  }

  /** The version it points at; null if it is not set. */
  public String current() {
    return current;
  }
}
