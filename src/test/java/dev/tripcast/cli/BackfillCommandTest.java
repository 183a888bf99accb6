package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.CliRun;
import dev.tripcast.model.ModelRef;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.ingest.TaxiType;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parses {@code tripcast backfill} arguments without running anything. */
class BackfillCommandTest {
  private static final Settings DEFAULTS = SettingsLoader.load(Optional.empty());

  @Test
  void parsesTaxiRangeAndDefaultModelVersion() {
    BackfillCommand cmd = parse("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-05");

    assertEquals(TaxiType.GREEN, cmd.taxi.taxi);
    assertEquals(YearMonth.of(2021, 2), cmd.from);
    assertEquals(YearMonth.of(2021, 5), cmd.to);
    cmd.model.resolve(DEFAULTS);
    assertEquals(ModelRef.champion(), cmd.model.model);
    assertEquals(List.of(YearMonth.of(2021, 2), YearMonth.of(2021, 3), YearMonth.of(2021, 4), YearMonth.of(2021, 5)),
        cmd.months());
  }

  @Test
  void parsesAnExplicitModelVersionAndAOneMonthRangeAcrossOptionsOrder() {
    BackfillCommand cmd = parse("backfill", "--model-version", "v2", "--to", "2021-03", "--from", "2021-03",
        "--taxi", "YELLOW");

    assertEquals(TaxiType.YELLOW, cmd.taxi.taxi);
    cmd.model.resolve(DEFAULTS);
    assertEquals(new ModelRef.Version(2), cmd.model.model);
    assertEquals(List.of(YearMonth.of(2021, 3)), cmd.months());
  }

  @Test
  void aRangeCrossesTheYearBoundary() {
    assertEquals(List.of(YearMonth.of(2020, 11), YearMonth.of(2020, 12), YearMonth.of(2021, 1)),
        parse("backfill", "--taxi", "green", "--from", "2020-11", "--to", "2021-01").months());
  }

  @Test
  void anEndBeforeTheStartIsRefusedNamingBothOptions() {
    BackfillCommand cmd = parse("backfill", "--taxi", "green", "--from", "2021-05", "--to", "2021-02");

    InvalidInputException e = assertThrows(InvalidInputException.class, cmd::months);
    assertEquals("invalid value '2021-05..2021-02' for --from/--to: expected a range whose end is not before its start",
        e.getMessage());
  }

  @Test
  void aMalformedMonthIsAParameterErrorNamingTheOption() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> parse("backfill", "--taxi", "green", "--from", "2021-13", "--to", "2021-05"));
    assertTrue(e.getMessage().contains("'--from'"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid value '2021-13': expected a month YYYY-MM"), e.getMessage());
  }

  @Test
  void aMonthListIsNotAcceptedForFrom() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> parse("backfill", "--taxi", "green", "--from", "2021-02..2021-03", "--to", "2021-05"));
    assertTrue(e.getMessage().contains("invalid value '2021-02..2021-03': expected a month YYYY-MM"), e.getMessage());
  }

  @Test
  void eachRequiredOptionIsRequired() {
    for (List<String> args : List.of(
        List.of("backfill", "--from", "2021-02", "--to", "2021-03"),
        List.of("backfill", "--taxi", "green", "--to", "2021-03"),
        List.of("backfill", "--taxi", "green", "--from", "2021-02"))) {
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
          () -> parse(args.toArray(String[]::new)));
      assertInstanceOf(CommandLine.MissingParameterException.class, e, args.toString());
    }
  }

  @Test
  void throughTheCliAReversedRangeIsOneErrorLineAndExitCode2BeforeAnySettingIsRead() {
    CliRun r = CliRun.run("backfill", "--taxi", "green", "--from", "2021-05", "--to", "2021-02",
        "--config", "/no/such/file.conf");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] invalid value '2021-05..2021-02' for --from/--to: expected a range whose end is not"
        + " before its start", r.singleErrorLine());
    assertEquals("", r.out());
  }

  private static BackfillCommand parse(String... args) {
    CommandLine.ParseResult parsed = Tripcast.commandLine().parseArgs(args);
    return (BackfillCommand) parsed.subcommand().commandSpec().userObject();
  }
}
