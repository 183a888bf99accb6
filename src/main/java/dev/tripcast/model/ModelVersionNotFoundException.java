package dev.tripcast.model;

import dev.tripcast.errors.ModelNotFoundException;
import java.util.List;

/**
 * The requested model version does not exist; exit 3.
 */
public final class ModelVersionNotFoundException extends ModelNotFoundException {
  private final String modelDir;
  private final String version;
  private final List<String> existing;

  public ModelVersionNotFoundException(String modelDir, String version, List<String> existing) {
    super(String.format("model version %s not found under %s (existing versions: %s)",
        version, modelDir, existing.isEmpty() ? "none" : String.join(", ", existing)));
    this.modelDir = modelDir;
    this.version = version;
    this.existing = existing;
  }

  /** The model's folder under the model root. */
  public String modelDir() {
    return modelDir;
  }

  /** The version asked for, e.g. {@code v7}. */
  public String version() {
    return version;
  }

  /** The versions that exist. */
  public List<String> existing() {
    return existing;
  }
}
