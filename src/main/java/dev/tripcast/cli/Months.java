package dev.tripcast.cli;

import dev.tripcast.errors.InvalidArgumentException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A list of service months from the command line: one month {@code 2021-01}, a comma list
 * {@code 2021-01,2021-03}, or an inclusive range {@code 2021-01..2021-03} (also mixed:
 * {@code 2020-11,2021-01..2021-02}). Months keep their order; duplicates are dropped.
 *
 * @param months at least one month
 */
public record Months(List<YearMonth> months) {
  /** The longest range accepted, to catch typos such as 2021-01..2201-01. */
  static final int MAX_MONTHS = 240;

  /**
   * Parses a month list.
   *
   * @throws dev.tripcast.errors.InvalidInputException naming the bad part
   */
  public static Months parse(String option, String text) {
    LinkedHashSet<YearMonth> out = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      int dots = p.indexOf("..");
      if (dots < 0) {
        out.add(month(option, p));
        continue;
      }
      out.addAll(range(option, p, month(option, p.substring(0, dots)), month(option, p.substring(dots + 2))).months());
      if (out.size() > MAX_MONTHS) {
        throw new InvalidArgumentException(option, p, "at most " + MAX_MONTHS + " months");
      }
    }
    return new Months(List.copyOf(new ArrayList<>(out)));
  }

  /**
   * The months {@code from}..{@code to}, both included.
   *
   * @param option the option(s) named in an error, e.g. "--from/--to"
   * @param text the argument text named in an error
   * @throws dev.tripcast.errors.InvalidInputException if {@code to} is before {@code from} or the
   *     range is longer than {@link #MAX_MONTHS}
   */
  static Months range(String option, String text, YearMonth from, YearMonth to) {
    if (to.isBefore(from)) {
      throw new InvalidArgumentException(option, text, "a range whose end is not before its start");
    }
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      out.add(m);
      if (out.size() > MAX_MONTHS) {
        throw new InvalidArgumentException(option, text, "at most " + MAX_MONTHS + " months");
      }
    }
    return new Months(List.copyOf(out));
  }

  private static YearMonth month(String option, String text) {
    return oneMonth(text).orElseThrow(() ->
        new InvalidArgumentException(option, text, "a month YYYY-MM, a list 2021-01,2021-02 or a range 2021-01..2021-03"));
  }

  /** {@code text} as a month if it is exactly YYYY-MM with a month 01..12. */
  private static Optional<YearMonth> oneMonth(String text) {
    if (!text.matches("\\d{4}-\\d{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Picocli converter of exactly one month YYYY-MM, through {@link #parse}. */
  static final class OneMonthConverter implements CommandLine.ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
      List<YearMonth> months;
      try {
        months = parse("month", value).months();
      } catch (RuntimeException e) {
        months = List.of();
      }
      if (months.size() != 1 || value.contains(",") || value.contains("..")) {
        throw new CommandLine.TypeConversionException("invalid value '" + value + "': expected a month YYYY-MM");
      }
      return months.get(0);
    }
  }

  /** Picocli converter; the option name is filled in by the error handler. */
  static final class Converter implements CommandLine.ITypeConverter<Months> {
    @Override
    public Months convert(String value) {
      try {
        return parse("month list", value);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
