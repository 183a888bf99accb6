package dev.tripcast.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one classifier of storage faults: tells a full disk and an unreachable object store apart
 * from other failures wherever they sit in a Spark failure, as a cause (local mode, where the
 * task's exception object reaches the driver) or only as text (a cluster, where the driver gets
 * the executor's stack trace as a string).
 *
 * <ul>
 *   <li>full disk: an {@code IOException} "No space left on device" (ENOSPC) or "Disk quota
 *       exceeded" (EDQUOT); the path is the one of Spark's "Task failed while writing rows to PATH";
 *   <li>unreachable store: an error of the AWS SDK or of s3a ({@code SdkClientException},
 *       {@code AWSClientIOException}) whose cause is a refused, timed-out or unresolved connection
 *       ("Unable to execute HTTP request", "Connection refused", "connect timed out", "Read timed
 *       out", {@code UnknownHostException}). Other failures that mention a connection (Spark's own
 *       RPC, a webhook) are not this.
 * </ul>
 */
public final class StorageFaults {
  private static final List<String> UNREACHABLE = List.of("Unable to execute HTTP request", "Connection refused",
      "connect timed out", "Read timed out", "UnknownHostException");
  private static final Pattern S3A_PATH = Pattern.compile("(s3a://[^\\s:,;]+)");
  private static final Pattern CONNECT_TO = Pattern.compile("Connect to (\\S+?)(?: \\[[^\\]]*\\])? failed");
  private static final Pattern WRITING_ROWS_TO = Pattern.compile("writing rows to (\\S+?)\\.?(?:\\s|$)");
  private static final String ANY_DISK = "a disk this run writes to (Spark's local scratch space included)";
  private static final String ANY_S3A_PATH = "an s3a:// path of this run";

  private StorageFaults() {}

  /**
   * The storage fault that caused {@code failure}, if one did: a {@link StorageFullException}
   * naming the table or folder Spark was writing when its error says, or a
   * {@link StoreUnreachableException} naming the s3a path and the endpoint when the client's
   * error does.
   */
  public static Optional<StorageFaultException> find(Throwable failure) {
    return find(failure, ANY_DISK, ANY_S3A_PATH);
  }

  /**
   * {@link #find}, naming {@code path} (where the caller was writing, e.g. a model version's
   * staging folder) when the error itself names no path, as MLlib's model writer's does not.
   */
  public static Optional<StorageFaultException> findWriting(String path, Throwable failure) {
    return find(failure, path, path);
  }

  /**
   * One line for an unexpected failure: the storage fault's line if one caused it, else the first
   * line of {@code failure}'s {@code toString()} (its class and message, without the task stack
   * trace a Spark job failure's message carries).
   */
  public static String summary(Throwable failure) {
    return find(failure).map(Throwable::getMessage)
        .orElseGet(() -> String.valueOf(failure).lines().findFirst().orElse(failure.getClass().getName()));
  }

  private static Optional<StorageFaultException> find(Throwable failure, String anyDisk, String anyPath) {
    String text = chainText(failure);
    if (text.contains("No space left on device") || text.contains("Disk quota exceeded")) {
      Matcher writing = WRITING_ROWS_TO.matcher(text);
      return Optional.of(new StorageFullException(writing.find() ? writing.group(1) : anyDisk, failure));
    }
    boolean s3Client = text.contains("SdkClientException") || text.contains("AWSClientIOException");
    if (s3Client && UNREACHABLE.stream().anyMatch(text::contains)) {
      Matcher path = S3A_PATH.matcher(text);
      Matcher endpoint = CONNECT_TO.matcher(text);
      return Optional.of(new StoreUnreachableException(path.find() ? path.group(1) : anyPath,
          endpoint.find() ? endpoint.group(1) : null, failure));
    }
    return Optional.empty();
  }

  private static String chainText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
