package dev.tripcast.bench;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.config.SparkSessions;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.UnreadableMonthException;
import dev.tripcast.jobs.RunContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark's floor: what Spark alone needs to move a month into Delta. It reads, from the
 * month's Parquet file, exactly the columns {@code tripcast score} reads (the layout's source
 * columns of {@link TripColumns#TRIP_FIELDS} and the row position {@code _metadata.row_index},
 * as they are, no casts) and writes them to a Delta table at
 * {@code <paths.warehouse-root>/<--table>} (overwrite): no features, no model, no report, no
 * data-quality pass. Same session settings as tripcast ({@link SparkSessions}).
 *
 * <pre>
 * java -cp ... dev.tripcast.bench.Floor --taxi green --month 2021-01 --config FILE [--table floor]
 * </pre>
 *
 * Prints {@code floor <taxi> <month>: wrote <rows> rows to <table>}; rows come from the Parquet
 * footer (no extra Spark job). Exit codes as tripcast's ({@link ExitCode}).
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
    description = "Benchmark floor: reads the columns scoring reads from a month and writes them to Delta.")
public final class Floor implements Callable<Integer> {
  @Option(names = "--taxi", required = true, description = "TLC layout: yellow, green, fhv, fhvhv.")
  String taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to copy.")
  YearMonth month;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file overriding reference.conf.")
  File config;

  @Option(names = "--table", defaultValue = "floor", description = "Table name under paths.warehouse-root"
      + " (default: ${DEFAULT-VALUE}).")
  String table;

  /** Runs the floor and exits with its code. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Floor());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("[ERROR] " + e.getMessage());
      return ExitCode.of(e).code();
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() {
    TaxiType layout = TaxiType.fromId(taxi).orElseThrow(() -> new InvalidArgumentException("--taxi", taxi, TaxiType.ids()));
    Settings settings = SettingsLoader.load(Optional.ofNullable(config));
    SparkSession spark = SparkSessions.getOrCreate(settings);
    try {
      String path = new org.apache.hadoop.fs.Path(
          RunContext.open(spark, settings, RunInfo.start("floor")).warehouse().root(), table).toString();
      long rows = write(spark, settings, layout, month, path);
      System.out.printf("floor %s %s: wrote %d rows to %s%n", layout, month, rows, path);
      return ExitCode.OK.code();
    } finally {
      spark.stop();
    }
  }

  /**
   * Copies the month's scoring columns to a Delta table (one Spark write, nothing else).
   *
   * @return rows of the month file (from its Parquet footer)
   * @throws dev.tripcast.errors.InvalidInputException if the month is missing or not Parquet
   */
  public static long write(SparkSession spark, Settings settings, TaxiType layout, YearMonth month, String path) {
    MonthFile file = new MonthLocator(settings.paths().dataRoot(), spark.sparkContext().hadoopConfiguration())
        .locate(layout, List.of(month)).get(0);
    if (file.format() != MonthFile.Format.PARQUET) {
      throw new UnreadableMonthException(file.path(), file.format(), new IllegalArgumentException("the floor reads Parquet only"));
    }
    Dataset<Row> raw = spark.read().parquet(file.path());
    List<Column> columns = new ArrayList<>();
    for (String canonical : TripColumns.TRIP_FIELDS) {
      layout.sourceColumn(canonical)
          .flatMap(name -> Arrays.stream(raw.columns()).filter(c -> c.equalsIgnoreCase(name)).findFirst())
          .ifPresent(name -> columns.add(col("`" + name + "`")));
    }
    columns.add(col("_metadata.row_index").as(TripColumns.SOURCE_ROW));
    raw.select(columns.toArray(new Column[0])).write().format("delta").mode("overwrite").save(path);
    return rowCount(file.path(), spark);
  }

  private static long rowCount(String path, SparkSession spark) {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new Path(path), spark.sparkContext().hadoopConfiguration()))) {
      return reader.getRecordCount();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footer of " + path, e);
    }
  }
}
