package dev.tripcast.errors;

import java.util.Optional;

/**
 * The object store (S3 through s3a) did not answer within the S3A client's retries: a refused,
 * timed-out or unresolved connection; exit {@link ExitCode#STORE_UNREACHABLE}. Re-run when the
 * store answers again.
 */
public final class StoreUnreachableException extends StorageFaultException {
  private final String path;
  private final String endpoint;

  StoreUnreachableException(String path, String endpoint, Throwable cause) {
    super(ExitCode.STORE_UNREACHABLE, String.format(
        "the object store did not answer for %s (%s) within the S3A client's retries: nothing of the failed step was"
            + " committed; re-run when the store answers again (the re-run replaces the same month or version)",
        path, endpoint == null ? "no connection" : "connect to " + endpoint + " failed"), cause);
    this.path = path;
    this.endpoint = endpoint;
  }

  /** The s3a path the client's error names, or a description of it when it names none. */
  public String path() {
    return path;
  }

  /** The endpoint ({@code host:port}) the client could not connect to, if its error says. */
  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }
}
