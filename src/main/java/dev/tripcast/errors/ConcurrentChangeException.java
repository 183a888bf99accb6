package dev.tripcast.errors;

/**
 * Another run committed a conflicting change to the same Delta table first (Delta's optimistic
 * concurrency, or a conditional insert that found its key taken). This run's change was not
 * committed. Read the table's new state and decide again; retrying blindly may undo the other
 * run's decision. The family of exit {@link ExitCode#CONCURRENT_CHANGE}.
 */
public class ConcurrentChangeException extends TripcastException {
  protected ConcurrentChangeException(String message, Throwable cause) {
    super(ExitCode.CONCURRENT_CHANGE, message, cause);
  }
}
