package dev.tripcast.errors;

/**
 * Process exit codes, mapped only at the CLI edge ({@code dev.tripcast.cli.Tripcast}).
 * Schedulers (Airflow, cron) may branch on them; the values are a stable contract.
 */
public enum ExitCode {
  /** The job finished and every output table was committed. */
  OK(0),
  /** An unexpected failure (a bug, or Spark/Delta failing); see the log with {@code --verbose}. */
  INTERNAL_ERROR(1),
  /**
   * Bad command-line arguments, configuration, or input data, or a Spark other than 3.5 (the one
   * Delta Lake 3.3 needs); with {@code tripcast.catalog.database} set, also a table name taken in
   * that database by another location or a table that is not Delta, or a session without a
   * metastore. Nothing was written. Retrying without a fix gives the same result.
   */
  INVALID_INPUT(2),
  /** The requested model version does not exist. Nothing was written. */
  MODEL_NOT_FOUND(3),
  /** The job ran but a quality threshold was breached ({@code tripcast report --max-rmse}). */
  THRESHOLD_BREACHED(4),
  /**
   * Another run changed the same Delta rows at the same moment and won: e.g. two
   * {@code models promote} racing for one alias (the attempt is recorded in
   * {@code model_registry}), or a Delta commit of a job conflicting with another run's (the
   * message names the table and the run of its latest commit). Nothing of this run's change was
   * committed. Read the new state and decide again, or re-run the job.
   */
  CONCURRENT_CHANGE(5),
  /**
   * {@code retrain} ran and decided: the challenger did not beat the champion by the configured
   * margin (or regressed on a segment), so the champion serves on. Not a failure; the decision is
   * in {@code model_registry} and {@code runs}. A scheduler branches on it (exit 0: promoted).
   */
  CHAMPION_KEPT(6),
  /**
   * {@code monitor} (or {@code score}, {@code nightly}) ran and committed, and an ERROR-level
   * data-drift rule of {@code tripcast.monitoring.rules} fired: the month's inputs or predictions
   * moved away from the model's reference. The rows are in {@code drift_metrics} and
   * {@code checks}. Not a failure: a scheduler branches on it (e.g. retrain).
   */
  DATA_DRIFT(7),
  /**
   * As {@link #DATA_DRIFT}, but an ERROR-level performance rule fired (the month's RMSE or bias,
   * from labels, against the model's validation figures). Takes precedence over {@link #DATA_DRIFT}
   * when both fire: the model is measurably worse, not only facing other data.
   */
  PERFORMANCE_BREACHED(8),
  /**
   * A disk the run writes to ran full (the warehouse's, the model store's, or Spark's local
   * scratch space): the message names the table or folder when Spark's error does. Nothing of the
   * failed write was committed (a Delta commit is one atomic log entry; a model version is
   * published only when complete). Free space and re-run: the re-run replaces the same keys.
   */
  STORAGE_FULL(9),
  /**
   * The object store (S3 through s3a) stopped answering: connections refused, timed out or its host
   * unknown after the S3A client's retries ({@code tripcast.s3.connection}: 12–25 s a request with the
   * shipped settings). The message names the path and the endpoint when the client's error does.
   * Nothing of the failed write was committed (a Delta commit is one PUT of its log entry); a
   * month whose earlier tables were committed shows as half-written until re-scored. Re-run when the
   * store answers again: the re-run replaces the same keys. Its {@code runs} row usually stays
   * {@code running} (the store was gone when it tried to end it); the next run names it.
   */
  STORE_UNREACHABLE(10),
  /**
   * {@code alerts retry} ran, and alerts are still pending in {@code alerts} after its delivery
   * pass: the webhook refused the connection, timed out, or answered 5xx or 429 until the retry
   * budget ran out (or answered another 4xx, which is final). Each row's {@code last_error} says
   * which. The next {@code monitor}, {@code nightly} or {@code alerts retry} tries the pending
   * ones again.
   */
  ALERTS_UNDELIVERED(11);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }

  /**
   * The constant of a numeric exit code, as a step of {@code nightly} returned it.
   *
   * @throws IllegalArgumentException for a number no tripcast command exits with
   */
  public static ExitCode ofCode(int code) {
    for (ExitCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a tripcast exit code: " + code);
  }

  /**
   * The code a failure exits with: a {@link TripcastException}'s own, {@link #STORAGE_FULL} or
   * {@link #STORE_UNREACHABLE} when a full disk or an unreachable object store caused it
   * ({@link StorageFaults#find}), {@link #INTERNAL_ERROR} for anything else (a bug, or Spark or
   * Delta failing).
   */
  public static ExitCode of(Throwable failure) {
    if (failure instanceof TripcastException te) {
      return te.exitCode();
    }
    return StorageFaults.find(failure).map(TripcastException::exitCode).orElse(INTERNAL_ERROR);
  }
}
