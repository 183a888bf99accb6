package dev.tripcast.errors;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

  /** A TLC month file exists but cannot be read in its format. */
  public static InvalidInputException unreadableMonth(String path, Object format, Throwable cause) {
    String kind = String.valueOf(format).startsWith("CSV") ? "CSV" : "Parquet";
    return invalid(String.format("cannot read %s as %s: %s", path, kind, firstLine(cause)), cause);
  }

  /**
   * A TLC month file whose header or footer reads but whose rows do not (truncated, or a corrupt
   * compressed block); {@code cause} is the decoding error a re-read of the file alone hit,
   * {@code failure} the job's failure, kept as a suppressed exception for {@code --verbose}.
   */
  public static InvalidInputException corruptMonth(String path, Throwable cause, Throwable failure) {
    InvalidInputException e = invalid(String.format(
        "cannot read %s to its end: %s: %s (the file is truncated or corrupt; replace it and re-run the month)",
        path, cause.getClass().getSimpleName(), firstLine(cause)), cause);
    e.addSuppressed(failure);
    return e;
  }

  /** A TLC file's column has a type tripcast cannot convert. */
  public static InvalidInputException wrongColumnType(String path, String column, String actual, String expected) {
    return invalid(String.format("%s: column %s has type %s, expected %s", path, column, actual, expected), null);
  }

  /** A TLC file uses the layout from before zone ids were published (latitude/longitude). */
  public static InvalidInputException layoutBeforeZoneIds(String path, String idColumn) {
    return invalid(String.format(
        "%s has pickup/dropoff latitude and longitude but no %s: TLC published zone ids only from July 2016 on, "
            + "and tripcast's features need them; use a later month", path, idColumn), null);
  }

  /** An existing output table's schema differs from what this tripcast version writes. */
  public static InvalidInputException tableSchemaMismatch(String path, String actual, String expected) {
    return invalid(String.format(
        "Delta table %s has columns [%s] but this tripcast writes [%s]: point paths.warehouse-root at a new "
            + "folder or migrate the table", path, actual, expected), null);
  }

  /** A month file holds no rows. */
  public static InvalidInputException emptyMonth(String path) {
    return invalid(String.format("%s holds no trips (0 rows): nothing to train on or score", path), null);
  }

  /** A column the job needs is null in every row of a file. */
  public static InvalidInputException allNull(String path, String column, long rows) {
    return invalid(String.format("%s: required column %s is null in all %d rows", path, column, rows), null);
  }

  /** The configured feature set needs a column the taxi type's layout does not have. */
  public static InvalidInputException featureSetUnsupported(String featureSet, String taxiType, String column) {
    return invalid(String.format(
        "feature set '%s' needs %s, which the %s layout does not have (set tripcast.model.feature-set = homework)",
        featureSet, column, taxiType), null);
  }

  /** A TLC month file lacks a column the job needs. */
  public static InvalidInputException missingColumn(String path, String column, Collection<String> present) {
    return invalid(String.format(
        "%s has no column %s required by the %s layout (columns present: %s)",
        path, column, layoutOf(path), String.join(", ", present)), null);
  }

  /** {@code tripcast synth} was asked to write into the data root of real months. */
  public static InvalidInputException syntheticInsideDataRoot(String folder, String dataRoot) {
    return invalid(String.format(
        "refusing to write synthetic trips to %s: it is inside paths.data-root %s, which holds real TLC months "
            + "(pass an --out folder outside it)", folder, dataRoot), null);
  }

  /** {@code tripcast synth} resamples only Parquet months. */
  public static InvalidInputException syntheticSourceNotParquet(String path) {
    return invalid(String.format(
        "%s is not Parquet: tripcast synth resamples TLC's Parquet months (use a month published as Parquet)", path), null);
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

  /** A saved model's card names a feature set this release does not know. */
  public static InvalidInputException unknownFeatureSet(String modelDir, String featureSet, String known) {
    return invalid(modelDir + "/model.json names feature set '" + featureSet
        + "', which this tripcast does not know (known: " + known + "); score it with the tripcast release that"
        + " trained it, or train a new version", null);
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

  /** The Spark running tripcast is not the major.minor version the shaded Delta Lake needs. */
  public static InvalidInputException unsupportedSpark(String running, String wantedMajorMinor, String deltaVersion) {
    return invalid(String.format(
        "Spark %s is running, but tripcast needs Spark %s.x (its Delta Lake %s works only with Spark %s):"
            + " submit with a Spark %s spark-submit (SPARK_HOME) or to a Spark %s cluster",
        running, wantedMajorMinor, deltaVersion, wantedMajorMinor, wantedMajorMinor, wantedMajorMinor), null);
  }

  /**
   * A backfill stopped at a month. The exit code is the failed month's ({@link ExitCode#INTERNAL_ERROR}
   * for an unexpected failure); the message lists the months done and not started, then the cause.
   */
  public static TripcastException backfillStopped(String taxiType, YearMonth failed, List<YearMonth> done,
      List<YearMonth> notStarted, Throwable cause) {
    ExitCode code = ExitCode.of(cause);
    String reason = cause instanceof TripcastException ? cause.getMessage()
        : storageFault(cause).map(Throwable::getMessage).orElseGet(() -> "unexpected failure: " + summary(cause));
    return new TripcastException(code, String.format(
        "backfill of %s stopped at %s after %d of %d months (done: %s; not started: %s): %s"
            + "; fix it and resume with --from %s (re-running a done month replaces it)",
        taxiType, failed, done.size(), done.size() + 1 + notStarted.size(), months(done), months(notStarted),
        reason, failed), cause);
  }

  /**
   * A step of {@code nightly} failed; the exit code is the step's. The step's own {@code [ERROR]}
   * line, printed before, says why.
   */
  public static TripcastException nightlyStopped(String taxiType, YearMonth month, String step, ExitCode code,
      List<String> done) {
    return new TripcastException(code, String.format(
        "nightly of %s %s stopped at step '%s' (exit %d, see its error above; steps done: %s); fix the cause and"
            + " re-run the night: every step replaces what it wrote, and retrain repeats a decision already made",
        taxiType, month, step, code.code(), done.isEmpty() ? "none" : String.join(", ", done)));
  }

  /** No error report was committed for this taxi type and month. */
  public static InvalidInputException noReport(String taxiType, YearMonth month, String table) {
    return invalid(String.format(
        "no error report for %s %s in %s (run 'tripcast score --taxi %s --month %s' first or check paths.warehouse-root)",
        taxiType, month, table, taxiType, month), null);
  }

  /**
   * A month whose tables disagree because a score run died between its commits, where the report
   * cannot be shown at all (its error report is missing); {@code line} says how and the repair.
   */
  public static InvalidInputException halfWrittenMonth(String line) {
    return invalid(line, null);
  }

  /** A month's overall RMSE is above the limit the caller set. */
  public static TripcastException thresholdBreached(String taxiType, YearMonth month, double rmse, double maxRmse) {
    return new TripcastException(ExitCode.THRESHOLD_BREACHED, String.format(
        "%s %s: overall RMSE %.4f minutes is above --max-rmse %.4f (check the data_quality table and consider retraining)",
        taxiType, month, rmse, maxRmse));
  }

  private static String months(List<YearMonth> months) {
    return months.isEmpty() ? "none" : months.stream().map(YearMonth::toString).collect(Collectors.joining(", "));
  }

  /** A Delta table is on S3 but only Delta's single-driver log store is configured for its scheme. */
  public static InvalidInputException singleDriverLogStore(String tablePath, String logStoreKey) {
    return invalid(String.format(
        "Delta table %s is on S3 but %s is not set: Delta's default S3 log store is safe for one writing driver only"
            + " (set it to io.delta.storage.S3DynamoDBLogStore, see README \"S3\", or set"
            + " tripcast.s3.single-driver-log-store = warn if one driver at a time writes these tables)",
        tablePath, logStoreKey), null);
  }

  /**
   * The first line of {@code failure}'s {@code toString()}: its class and message without the
   * task stack trace a Spark job failure's message carries (printed with {@code --verbose}); for a
   * full disk or an unreachable object store, {@link #storageFault}'s line instead.
   */
  public static String summary(Throwable failure) {
    return storageFault(failure).map(Throwable::getMessage)
        .orElseGet(() -> String.valueOf(failure).lines().findFirst().orElse(failure.getClass().getName()));
  }

  /**
   * The full-disk failure inside {@code failure}, if one caused it: an {@code IOException} "No space
   * left on device" (ENOSPC) or "Disk quota exceeded" (EDQUOT) anywhere in its cause chain or in
   * the text of a Spark job failure (which carries the executor's exception as text on a
   * cluster). The line names the table or folder Spark was writing ("Task failed while writing
   * rows to PATH") when its error says; exit {@link ExitCode#STORAGE_FULL}.
   */
  public static Optional<TripcastException> storageFull(Throwable failure) {
    return storageFull(failure, "a disk this run writes to (Spark's local scratch space included)");
  }

  /**
   * {@link #storageFault}, naming {@code path} (where the caller was writing, e.g. a model
   * version's staging folder) when the error itself names no path, as MLlib's model writer's does
   * not.
   */
  public static Optional<TripcastException> storageFaultWriting(String path, Throwable failure) {
    return storageFull(failure, path).or(() -> storeUnreachable(failure, path));
  }

  private static Optional<TripcastException> storageFull(Throwable failure, String orElseWhere) {
    String text = chainText(failure);
    if (!text.contains("No space left on device") && !text.contains("Disk quota exceeded")) {
      return Optional.empty();
    }
    Matcher writing = WRITING_ROWS_TO.matcher(text);
    String where = writing.find() ? writing.group(1) : orElseWhere;
    return Optional.of(new TripcastException(ExitCode.STORAGE_FULL, String.format(
        "no space left on the device of %s: nothing of that write was committed; free space there and re-run"
            + " (the re-run replaces the same month or version)", where), failure));
  }

  /**
   * The storage fault inside {@code failure}, if one caused it: {@link #storageFull} or
   * {@link #storeUnreachable}, with their exit codes and lines.
   */
  public static Optional<TripcastException> storageFault(Throwable failure) {
    return storageFull(failure).or(() -> storeUnreachable(failure));
  }

  /**
   * The unreachable object store inside {@code failure}, if one caused it: an error of the AWS SDK
   * or of s3a ({@code SdkClientException}, {@code AWSClientIOException}) whose cause is a refused,
   * timed-out or unresolved connection ("Unable to execute HTTP request", "Connection refused",
   * "connect timed out", "Read timed out", {@code UnknownHostException}), anywhere in the cause
   * chain or in the text of a Spark job failure. Other failures that mention a connection (Spark's
   * own RPC, a webhook) are not this. The line names the s3a path and the endpoint when the
   * client's error does; exit {@link ExitCode#STORE_UNREACHABLE}.
   */
  public static Optional<TripcastException> storeUnreachable(Throwable failure) {
    return storeUnreachable(failure, "an s3a:// path of this run");
  }

  private static Optional<TripcastException> storeUnreachable(Throwable failure, String orElseWhere) {
    String text = chainText(failure);
    boolean s3Client = text.contains("SdkClientException") || text.contains("AWSClientIOException");
    if (!s3Client || UNREACHABLE.stream().noneMatch(text::contains)) {
      return Optional.empty();
    }
    Matcher path = S3A_PATH.matcher(text);
    Matcher endpoint = CONNECT_TO.matcher(text);
    return Optional.of(new TripcastException(ExitCode.STORE_UNREACHABLE, String.format(
        "the object store did not answer for %s (%s) within the S3A client's retries: nothing of the failed step was"
            + " committed; re-run when the store answers again (the re-run replaces the same month or version)",
        path.find() ? path.group(1) : orElseWhere,
        endpoint.find() ? "connect to " + endpoint.group(1) + " failed" : "no connection"), failure));
  }

  private static final List<String> UNREACHABLE = List.of("Unable to execute HTTP request", "Connection refused",
      "connect timed out", "Read timed out", "UnknownHostException");
  private static final Pattern S3A_PATH = Pattern.compile("(s3a://[^\\s:,;]+)");
  private static final Pattern CONNECT_TO = Pattern.compile("Connect to (\\S+?)(?: \\[[^\\]]*\\])? failed");

  private static final Pattern WRITING_ROWS_TO = Pattern.compile("writing rows to (\\S+?)\\.?(?:\\s|$)");

  private static String chainText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
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

  /** A conditional write to a Delta table lost to a concurrent run (Delta conflict or key already taken). */
  public static ConcurrentChangeException concurrentChange(String tablePath, String what, Throwable cause) {
    return new ConcurrentChangeException(String.format(
        "%s: %s was not committed because another run changed the table first (%s); read the new state and"
            + " decide again", tablePath, what, cause == null ? "its key is taken" : firstLine(cause)), cause);
  }

  /** An alias (e.g. challenger) points at no version yet. */
  public static ModelNotFoundException aliasNotSet(String model, String alias, Collection<String> existing) {
    return new ModelNotFoundException(String.format(
        "model %s has no version with alias @%s (versions: %s); set it with 'tripcast models promote vN --alias %s"
            + " --reason ...'", model, alias, existing.isEmpty() ? "none" : String.join(", ", existing), alias));
  }

  /** {@code retrain}'s evaluation month is one a model trained on. */
  public static InvalidInputException trainedOnEvalMonth(String who, YearMonth month, Collection<?> trainMonths) {
    return invalid(String.format("retrain: %s trains on %s (%s), the evaluation month; evaluate on a month neither"
        + " model trained on (--month) or train on other months (--train)", who, month, trainMonths), null);
  }

  /** {@code score --shadow} names the model that serves the month. */
  public static InvalidInputException shadowIsServing(String shadowRef, String version) {
    return invalid(String.format("--shadow %s is %s, the model scoring the month: a shadow model must be another"
        + " version (see 'tripcast models list')", shadowRef, version), null);
  }

  /** {@code models rollback} has nothing to roll back to. */
  public static InvalidInputException nothingToRollBack(String model, String alias, String current) {
    return invalid(String.format("model %s: @%s is %s and has no earlier version to roll back to (see 'tripcast"
        + " models show %s')", model, alias, current == null ? "not set" : current, alias), null);
  }

  /** A promotion that would change nothing. */
  public static InvalidInputException aliasAlreadyThere(String model, String alias, String version) {
    return invalid(String.format("model %s: @%s is already %s; nothing to promote", model, alias, version), null);
  }

  /** A model was saved before reference profiles existed (or its profile was removed). */
  public static InvalidInputException noReferenceProfile(String modelPath) {
    return invalid(String.format("%s has no reference_profile.json, so it cannot be monitored: train a new version"
        + " (tripcast train or retrain) to get one", modelPath), null);
  }

  /** A month has no scored rows for the model to monitor. */
  public static InvalidInputException nothingScored(String taxiType, YearMonth month, String version, String table) {
    return invalid(String.format("no %s rows for %s %s scored by model %s: run tripcast score for that month first",
        table, taxiType, month, version), null);
  }
}
