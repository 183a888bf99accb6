package dev.tripcast.errors;

/** Text of a failure's causes, for messages that name why a library failed. */
public final class Causes {
  private Causes() {}

  /** The first line of the message of {@code failure}'s root cause (the last in its cause chain). */
  public static String rootFirstLine(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
