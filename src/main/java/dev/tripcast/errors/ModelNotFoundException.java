package dev.tripcast.errors;

/**
 * The requested model version (or any version, for {@code latest}) does not exist under the
 * model root. Nothing was written. Train a model first or pass an existing version. The family of
 * exit {@link ExitCode#MODEL_NOT_FOUND}; {@code dev.tripcast.model} declares its conditions.
 */
public class ModelNotFoundException extends TripcastException {
  protected ModelNotFoundException(String message) {
    super(ExitCode.MODEL_NOT_FOUND, message, null);
  }
}
