package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.synth.SyntheticMonth;
import java.io.File;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tripcast synth}: writes a synthetic month by resampling a real one ({@link SyntheticMonth}). */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Writes a synthetic TLC-layout month of exactly --rows trips for load tests, by resampling whole"
        + " trips of a real month (with replacement) and moving them into --month with their durations kept."
        + " Output: <out>/synthetic/{taxi}_tripdata_{YYYY-MM}.parquet and _SYNTHETIC.json; never inside"
        + " paths.data-root.",
    footer = {"", "Example: tripcast synth --taxi green --from 2021-01 --month 2031-01 --rows 3000000 --seed 42"
        + " --out target/scratch --config conf/local.conf"})
final class SynthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = TaxiTypeConverter.class,
      description = "TLC layout of the source month.")
  TaxiType taxi;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = Months.Converter.class,
      description = "The real month to resample (a Parquet file under paths.data-root).")
  Months from;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.Converter.class,
      description = "The month the synthetic trips are moved into, e.g. 2031-01.")
  Months month;

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
  public Integer call() {
    YearMonth source = single("--from", from);
    YearMonth target = single("--month", month);
    if (rows <= 0) {
      throw Errors.badArgument("--rows", Long.toString(rows), "a positive number of rows");
    }
    Settings settings = common.settings();
    SyntheticMonth.requireOutsideDataRoot(settings.paths().dataRoot(), out.getPath(),
        new org.apache.hadoop.conf.Configuration());
    RunInfo run = RunInfo.start("synth");
    SyntheticMonth.Result result = SparkRun.with(settings, run, spark -> SyntheticMonth.write(
        spark, settings, new SyntheticMonth.Request(taxi, source, target, rows, seed, out.getPath()), run));
    Summaries.synth(spec.commandLine().getOut(), result);
    return ExitCode.OK.code();
  }

  private static YearMonth single(String option, Months months) {
    if (months.months().size() != 1) {
      throw Errors.badArgument(option, months.months().toString(), "exactly one month");
    }
    return months.months().get(0);
  }
}
