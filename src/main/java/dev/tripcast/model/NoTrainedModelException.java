package dev.tripcast.model;

import dev.tripcast.errors.ModelNotFoundException;

/**
 * No model version exists under the model root for this name; exit 3.
 */
public final class NoTrainedModelException extends ModelNotFoundException {
  private final String modelDir;

  public NoTrainedModelException(String modelDir) {
    super("no trained model under " + modelDir);
    this.modelDir = modelDir;
  }

  /** The model's folder under the model root. */
  public String modelDir() {
    return modelDir;
  }
}
