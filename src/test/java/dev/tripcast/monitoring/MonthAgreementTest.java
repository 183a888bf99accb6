package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MonthAgreementTest {
  private static final YearMonth APRIL = YearMonth.of(2021, 4);

  @Test
  void tablesThatCountTheSameTripsAgree() {
    assertEquals(Optional.empty(), MonthAgreement.check("green", APRIL, "v1", 30, OptionalLong.of(30), OptionalLong.of(30)));
  }

  @Test
  void aRunKilledAfterItsTripsCommitLeavesNoReportAndSaysHowToRepair() {
    assertEquals(Optional.of("green 2021-04 is half-written: scored_trips holds 30 trips scored by v1, error_report "
        + "has no rows for v1, data_quality has no score rows; a score run died between its commits (its runs row "
        + "still says running): re-run 'tripcast score --taxi green --month 2021-04' to repair it"),
        MonthAgreement.check("green", APRIL, "v1", 30, OptionalLong.empty(), OptionalLong.empty()));
  }

  @Test
  void aRunKilledBeforeItsQualityCommitLeavesTheOlderRunsCounts() {
    assertEquals(Optional.of("green 2021-04 is half-written: scored_trips holds 31 trips scored by v2, error_report's "
        + "overall row counts 31, data_quality's score rows keep 30; a score run died between its commits (its runs "
        + "row still says running): re-run 'tripcast score --taxi green --month 2021-04' to repair it"),
        MonthAgreement.check("green", APRIL, "v2", 31, OptionalLong.of(31), OptionalLong.of(30)));
  }
}
