package dev.tripcast.monitoring;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the three tables {@code score} commits in turn (scored_trips, then error_report, then
 * data_quality) agree about one month. A score run killed between two commits leaves them
 * disagreeing: the trips of the new run beside the report and counts of an older run,
 * or of none. They agree when the month's {@code scored_trips} row count equals both the
 * {@code overall} row's {@code n} in {@code error_report} for the version that scored the trips and
 * the sum of {@code rows_kept} in the month's {@code data_quality} score rows. A re-run of the
 * month ({@code tripcast score}) replaces all three and so repairs it.
 *
 * <p>Not detected: a run killed after its first commit that re-scored the same file with the same
 * model, since every number then agrees (only {@code scored_at} and {@code run_id} differ).
 */
public final class MonthAgreement {
  private MonthAgreement() {}

  /**
   * @param taxiType the layout, e.g. "green"
   * @param month the service month
   * @param servedVersion the model version in the month's {@code scored_trips} rows
   * @param scoredTrips the month's {@code scored_trips} rows
   * @param reportTrips the {@code overall} row's {@code n} for {@code servedVersion}, empty if absent
   * @param qualityKept the month's {@code data_quality} score rows' {@code rows_kept} summed, empty if none
   * @return one line saying how the tables disagree and how to repair it, or empty when they agree
   */
  public static Optional<String> check(String taxiType, YearMonth month, String servedVersion, long scoredTrips,
      OptionalLong reportTrips, OptionalLong qualityKept) {
    if (reportTrips.equals(OptionalLong.of(scoredTrips)) && qualityKept.equals(OptionalLong.of(scoredTrips))) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    parts.add("scored_trips holds " + scoredTrips + " trips scored by " + servedVersion);
    parts.add(reportTrips.isPresent() ? "error_report's overall row counts " + reportTrips.getAsLong()
        : "error_report has no rows for " + servedVersion);
    parts.add(qualityKept.isPresent() ? "data_quality's score rows keep " + qualityKept.getAsLong()
        : "data_quality has no score rows");
    return Optional.of(String.format("%s %s is half-written: %s; a score run died between its commits (its runs row "
        + "still says running): re-run 'tripcast score --taxi %s --month %s' to repair it",
        taxiType, month, String.join(", ", parts), taxiType, month));
  }
}
