package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonthsTest {
  private static final String OPTION = "--train";

  @Test
  void singleMonth() {
    assertEquals(List.of(YearMonth.of(2021, 1)), Months.parse(OPTION, "2021-01").months());
  }

  @Test
  void commaListKeepsTheGivenOrder() {
    assertEquals(List.of(YearMonth.of(2021, 3), YearMonth.of(2021, 1)),
        Months.parse(OPTION, "2021-03,2021-01").months());
  }

  @Test
  void rangeIsInclusiveAtBothEnds() {
    assertEquals(List.of(YearMonth.of(2021, 1), YearMonth.of(2021, 2), YearMonth.of(2021, 3)),
        Months.parse(OPTION, "2021-01..2021-03").months());
  }

  @Test
  void rangeCrossesTheYearBoundary() {
    assertEquals(List.of(YearMonth.of(2020, 11), YearMonth.of(2020, 12), YearMonth.of(2021, 1)),
        Months.parse(OPTION, "2020-11..2021-01").months());
  }

  @Test
  void singleMonthRangeIsThatMonth() {
    assertEquals(List.of(YearMonth.of(2021, 2)), Months.parse(OPTION, "2021-02..2021-02").months());
  }

  @Test
  void mixedListAndRange() {
    assertEquals(List.of(YearMonth.of(2020, 11), YearMonth.of(2021, 1), YearMonth.of(2021, 2)),
        Months.parse(OPTION, "2020-11,2021-01..2021-02").months());
  }

  @Test
  void duplicatesAreDroppedKeepingFirstOccurrence() {
    assertEquals(List.of(YearMonth.of(2021, 2), YearMonth.of(2021, 1), YearMonth.of(2021, 3)),
        Months.parse(OPTION, "2021-02,2021-01..2021-03,2021-01").months());
  }

  @Test
  void reversedRangeIsRejectedNamingTheRange() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Months.parse(OPTION, "2021-03..2021-01"));
    assertTrue(e.getMessage().contains("'2021-03..2021-01'"), e.getMessage());
    assertTrue(e.getMessage().contains(OPTION), e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void rangeLongerThanTheLimitIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Months.parse(OPTION, "2021-01..2201-01"));
    assertTrue(e.getMessage().contains("at most " + Months.MAX_MONTHS + " months"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-13", "2021-00", "2021-1", "21-01", "abc", "2021/01", ""})
  void malformedMonthIsRejectedNamingTheValue(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Months.parse(OPTION, text));
    assertEquals("invalid value '" + text + "' for " + OPTION
        + ": expected a month YYYY-MM, a list 2021-01,2021-02 or a range 2021-01..2021-03", e.getMessage());
  }

  @Test
  void malformedPartOfAListIsNamedAlone() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Months.parse(OPTION, "2021-01,2021-1x,2021-03"));
    assertTrue(e.getMessage().startsWith("invalid value '2021-1x' for --train"), e.getMessage());
  }

  @Test
  void emptyRangeEndIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Months.parse(OPTION, "2021-01.."));
    assertTrue(e.getMessage().startsWith("invalid value '' for --train"), e.getMessage());
  }

  @Test
  void trailingCommaIsRejected() {
    assertThrows(InvalidInputException.class, () -> Months.parse(OPTION, "2021-01,"));
  }
}
