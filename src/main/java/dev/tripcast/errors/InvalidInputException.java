package dev.tripcast.errors;

/**
 * The user's input is unusable: a command-line argument, a configuration key, or a TLC month
 * (missing file, unreadable file, missing column). Nothing was written. Fix the input and re-run.
 * The family of exit {@link ExitCode#INVALID_INPUT}: each package declares the conditions it detects.
 */
public class InvalidInputException extends TripcastException {
  protected InvalidInputException(String message, Throwable cause) {
    super(ExitCode.INVALID_INPUT, message, cause);
  }
}
