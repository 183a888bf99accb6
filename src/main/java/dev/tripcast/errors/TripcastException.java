package dev.tripcast.errors;

/**
 * Base of every user-facing tripcast error. The message is one line that states the problem,
 * the thing at fault (file, month, column, key) and the fix. Each package declares its own
 * subclasses, one per condition a caller reacts to, carrying the fields that name the thing at fault;
 * command-line hints ("run 'tripcast score …' first") are added by the CLI, not here.
 *
 * <p>Programmer errors (bugs) are not {@code TripcastException}s: they surface as ordinary
 * runtime exceptions and map to {@link ExitCode#INTERNAL_ERROR}.
 */
public class TripcastException extends RuntimeException {
  private final ExitCode exitCode;

  protected TripcastException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  protected TripcastException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code the CLI maps this error to. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
