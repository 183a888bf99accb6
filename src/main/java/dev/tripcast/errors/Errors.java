package dev.tripcast.errors;

import java.time.YearMonth;
import java.util.Collection;

/**
 * The one factory of user-facing errors. Every message is one line: the problem, the thing at
 * fault, and what to do about it.
 */
public final class Errors {
  private Errors() {}

  /** A TLC month file is not under the data root. */
  public static InvalidInputException monthNotFound(String taxiType, YearMonth month, String path) {
    return invalid(String.format(
        "no %s trip file for month %s: %s does not exist (check paths.data-root or the month)",
        taxiType, month, path), null);
  }

  /** A TLC month file exists but cannot be read as Parquet. */
  public static InvalidInputException unreadableMonth(String path, Throwable cause) {
    return invalid(String.format("cannot read %s as Parquet: %s", path, firstLine(cause)), cause);
  }

  /** A TLC month file lacks a column the job needs. */
  public static InvalidInputException missingColumn(String path, String column, Collection<String> present) {
    return invalid(String.format(
        "%s has no column %s required by the %s layout (columns present: %s)",
        path, column, layoutOf(path), String.join(", ", present)), null);
  }

  /** A command-line argument could not be parsed. */
  public static InvalidInputException badArgument(String option, String value, String expected) {
    return invalid(String.format("invalid value '%s' for %s: expected %s", value, option, expected), null);
  }

  /** A configuration key is missing or has the wrong type or value. */
  public static InvalidInputException badConfig(String key, String problem) {
    return invalid(String.format("configuration key '%s': %s", key, problem), null);
  }

  /** The merged configuration does not parse or resolve; Typesafe Config's message names the key. */
  public static InvalidInputException invalidConfig(String problem) {
    return invalid("configuration: " + problem, null);
  }

  /** A configuration file given with --config does not exist or does not parse. */
  public static InvalidInputException badConfigFile(String file, String problem) {
    return invalid(String.format("configuration file %s: %s", file, problem), null);
  }

  /** No model version exists under the model root for this name. */
  public static ModelNotFoundException noModel(String modelDir) {
    return new ModelNotFoundException(String.format(
        "no trained model under %s (run 'tripcast train' first or check paths.model-root)", modelDir));
  }

  /** The requested model version does not exist. */
  public static ModelNotFoundException modelVersionNotFound(String modelDir, String version, Collection<String> existing) {
    return new ModelNotFoundException(String.format(
        "model version %s not found under %s (existing versions: %s)",
        version, modelDir, existing.isEmpty() ? "none" : String.join(", ", existing)));
  }

  /** A model version directory already exists; versions are never overwritten. */
  public static IllegalStateException versionExists(String versionDir) {
    return new IllegalStateException("model version directory already exists, refusing to overwrite: " + versionDir);
  }

  /** Train or validation months leave no rows after filtering. */
  public static InvalidInputException noRowsKept(String role, String months) {
    return invalid(String.format(
        "no %s rows left after filtering months %s (check the months and the filters.* settings)", role, months), null);
  }

  /** A Delta table is on S3 but only Delta's single-driver log store is configured for its scheme. */
  public static InvalidInputException singleDriverLogStore(String tablePath, String logStoreKey) {
    return invalid(String.format(
        "Delta table %s is on S3 but %s is not set: Delta's default S3 log store is safe for one writing driver only"
            + " (set it to io.delta.storage.S3DynamoDBLogStore, see README \"S3\", or set"
            + " tripcast.s3.single-driver-log-store = warn if one driver at a time writes these tables)",
        tablePath, logStoreKey), null);
  }

  private static InvalidInputException invalid(String message, Throwable cause) {
    return new InvalidInputException(message, cause);
  }

  private static String layoutOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int cut = name.indexOf("_tripdata_");
    return cut > 0 ? name.substring(0, cut) : "TLC";
  }

  private static String firstLine(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
