package dev.tripcast.cli;

import java.io.File;
import java.net.URI;
import java.util.Optional;

/**
 * Finds the {@code --config} file on the driver. In client deploy mode the launcher passes an
 * absolute path. In cluster deploy mode the driver starts on a cluster node, so
 * {@code jobs/tripcast-submit} ships the file with {@code spark-submit --files} and passes only
 * its name: YARN puts it in the driver's working directory (found as a relative path); a
 * standalone worker does not, so a name that is not found there is looked up among the
 * {@code spark.files} entries spark-submit hands the driver as a system property, which works
 * when the submitted path is readable on the node (a shared folder).
 */
final class ConfigFileLocator {
  private ConfigFileLocator() {}

  /**
   * @param given the {@code --config} value
   * @param sparkFiles the {@code spark.files} property: comma-separated paths or URIs; may be null
   * @return {@code given} if it is a file or not a bare name; else the first readable local
   *     {@code spark.files} entry with that name; else {@code given} (the loader then reports it missing)
   */
  static File resolve(File given, String sparkFiles) {
    if (given.isFile() || given.getParent() != null || sparkFiles == null) {
      return given;
    }
    for (String entry : sparkFiles.split(",")) {
      Optional<File> local = localFile(entry.trim());
      if (local.isPresent() && local.get().getName().equals(given.getName()) && local.get().isFile()) {
        return local.get();
      }
    }
    return given;
  }

  /** A plain path or a {@code file:} URI as a File; empty for other schemes (hdfs:, s3a:) and junk. */
  private static Optional<File> localFile(String entry) {
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (!entry.contains(":")) {
      return Optional.of(new File(entry));
    }
    try {
      URI uri = new URI(entry);
      return "file".equals(uri.getScheme()) && uri.getPath() != null ? Optional.of(new File(uri.getPath())) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
