package dev.tripcast.cli;

import dev.tripcast.errors.StorageFaults;
import dev.tripcast.errors.TripcastException;
import dev.tripcast.jobs.BackfillStoppedException;
import dev.tripcast.jobs.ShadowIsServingException;
import dev.tripcast.model.AliasNotSetException;
import dev.tripcast.model.NoTrainedModelException;
import dev.tripcast.model.NothingToRollBackException;
import dev.tripcast.monitoring.NoReferenceProfileException;
import dev.tripcast.monitoring.NothingScoredException;
import dev.tripcast.reports.NoReportException;

/**
 * The command lines that fix a failure, appended to its one-line {@code [ERROR]} message at the
 * CLI edge: the packages that throw name the problem and the thing at fault (by the exception's
 * type and fields); which {@code tripcast} command repairs it is the CLI's knowledge.
 */
final class Hints {
  private Hints() {}

  /**
   * The line printed after {@code [ERROR] }: the failure's message and the hint for its type, if
   * one; a stopped backfill also carries the hint of the month's own error, which ends its message.
   */
  static String line(TripcastException failure) {
    return failure.getMessage() + hint(failure);
  }

  /**
   * The one line a run's {@code runs} row records of its failure: {@link #line} for tripcast's
   * own errors, the storage fault's line for a full disk or an unreachable store, else the first
   * line of the message.
   */
  static String runError(Exception failure) {
    if (failure instanceof TripcastException known) {
      return line(known);
    }
    String firstLine = String.valueOf(failure.getMessage()).lines().findFirst().orElse(failure.getClass().getName());
    return StorageFaults.find(failure).map(Throwable::getMessage).orElse(firstLine);
  }

  /** The hint for a failure's type and fields; empty if the message needs none. */
  static String hint(TripcastException failure) {
    if (failure instanceof NoTrainedModelException) {
      return " (run 'tripcast train' first or check paths.model-root)";
    }
    if (failure instanceof AliasNotSetException e) {
      return "; set it with 'tripcast models promote vN --alias " + e.alias() + " --reason ...'";
    }
    if (failure instanceof NothingToRollBackException e) {
      return " (see 'tripcast models show " + e.alias() + "')";
    }
    if (failure instanceof ShadowIsServingException) {
      return " (see 'tripcast models list')";
    }
    if (failure instanceof NoReportException e) {
      return String.format(" (run 'tripcast score --taxi %s --month %s' first or check paths.warehouse-root)",
          e.taxiType(), e.month());
    }
    if (failure instanceof NothingScoredException) {
      return ": run tripcast score for that month first";
    }
    if (failure instanceof NoReferenceProfileException) {
      return " (tripcast train or retrain) to get one";
    }
    if (failure instanceof BackfillStoppedException e) {
      String monthHint = e.getCause() instanceof TripcastException month ? hint(month) : "";
      return monthHint + "; fix it and resume with --from " + e.failed() + " (re-running a done month replaces it)";
    }
    return "";
  }
}
