package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import dev.tripcast.synth.SyntheticMonth;
import java.io.File;
import java.io.PrintWriter;
import java.time.YearMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast synth}: writes a synthetic month by resampling a real one ({@link SyntheticMonth}). */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Writes a synthetic TLC-layout month of exactly --rows trips for load tests, by resampling whole"
        + " trips of a real month (with replacement) and moving them into --month with their durations kept."
        + " Output: <out>/synthetic/{taxi}_tripdata_{YYYY-MM}.parquet and _SYNTHETIC.json; never inside"
        + " paths.data-root.",
    footer = {"", "Example: tripcast synth --taxi green --from 2021-01 --month 2031-01 --rows 3000000 --seed 42"
        + " --out target/scratch --config conf/local.conf"})
final class SynthCommand extends JobCommand<SyntheticMonth.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The real month to resample (a Parquet file under paths.data-root).")
  YearMonth from;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The month the synthetic trips are moved into, e.g. 2031-01.")
  YearMonth month;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "3000000",
      description = "Exact number of trips to write (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
      description = "Random seed; the same seed and rows give the same file (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Scratch folder; the month is written to DIR/synthetic/.")
  File out;

  @Override
  void validate() {
    if (rows <= 0) {
      throw new InvalidArgumentException("--rows", Long.toString(rows), "a positive number of rows");
    }
  }

  @Override
  void check(Settings settings) {
    SyntheticMonth.requireOutsideDataRoot(settings.paths().dataRoot(), out.getPath(),
        new org.apache.hadoop.conf.Configuration());
  }

  @Override
  String plan() {
    return String.format("write %d synthetic %s trips for %s resampled from %s (seed %d) under %s", rows,
        taxi.taxi.id(), month, from, seed, SyntheticMonth.outputFolder(out.getPath()));
  }

  @Override
  SyntheticMonth.Result run(RunContext context) {
    return SyntheticMonth.write(context.spark(), context.settings(),
        new SyntheticMonth.Request(taxi.taxi, from, month, rows, seed, out.getPath()), context.run());
  }

  @Override
  ExitCode print(PrintWriter printer, SyntheticMonth.Result result) {
    Summaries.synth(printer, result);
    return ExitCode.OK;
  }
}
