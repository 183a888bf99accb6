package dev.tripcast.cli;

import static dev.tripcast.testing.TlcTrip.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.RunsTable;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TrivialModels;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * Months the contract refuses, run through the {@code tripcast} command line: one {@code [ERROR]}
 * line, exit code 2, the model root is not created and the warehouse holds only the run's own
 * failed {@code runs} row. Training and scoring
 * (with a saved course model) both stop before anything is written.
 */
class RefusedMonthsWriteNothingIT {
  /** A month file the contract refuses, and the one-line error ({@code %s} = the file's path). */
  enum Refused {
    ZERO_ROWS(TaxiType.GREEN, "2021-08", "%s holds no trips (0 rows): nothing to train on or score"),
    ZERO_BYTES(TaxiType.GREEN, "2021-09", "cannot read %1$s as Parquet: %1$s is not a Parquet file (length is too low: 0)"),
    DISTANCE_ALL_NULL(TaxiType.GREEN, "2021-10", "%s: required column trip_distance is null in all 3 rows"),
    BEFORE_ZONE_IDS(TaxiType.GREEN, "2015-06", "%s has pickup/dropoff latitude and longitude but no PULocationID: "
        + "TLC published zone ids only from July 2016 on, and tripcast's features need them; use a later month"),
    FHV_WITH_COURSE_FEATURES(TaxiType.FHV, "2021-01", "feature set 'course' needs trip_distance, which the fhv layout "
        + "does not have (set tripcast.model.feature-set = homework)"),
    /** Its header reads; its rows fail inside the first Spark job, which a re-read of the file alone pins on it. */
    TRUNCATED_CSV_GZ(TaxiType.GREEN, "2021-11", MonthFile.Format.CSV_GZ, "cannot read %s to its end: EOFException:"
        + " Unexpected end of input stream (the file is truncated or corrupt; replace it and re-run the month)");

    final TaxiType taxi;
    final String month;
    final MonthFile.Format format;
    final String message;

    Refused(TaxiType taxi, String month, String message) {
      this(taxi, month, MonthFile.Format.PARQUET, message);
    }

    Refused(TaxiType taxi, String month, MonthFile.Format format, String message) {
      this.taxi = taxi;
      this.month = month;
      this.format = format;
      this.message = message;
    }

    String message(Path dataRoot) {
      return String.format(message, TlcFiles.qualified(dataRoot.resolve(MonthFile.fileName(taxi, YearMonth.parse(month),
          format))));
    }
  }

  @TempDir static Path dataRoot;
  @TempDir static Path savedModels;

  @TempDir Path work;

  @BeforeAll
  static void writeRefusedMonthsAndSaveAModel() {
    TlcFiles files = new TlcFiles(dataRoot);
    files.parquet(TlcLayout.GREEN_S2, "2021-08", List.of());
    files.zeroBytes(TaxiType.GREEN, "2021-09");
    files.parquet(TlcLayout.GREEN_S2, "2021-10",
        trip("2021-10-01T10:00:00", 600, 43, 151, null),
        trip("2021-10-01T11:00:00", 600, 74, 75, null),
        trip("2021-10-01T12:00:00", 600, 41, 42, null));
    files.parquet(TlcLayout.GREEN_2015, "2015-06", trip("2015-06-01T10:00:00", 600, null, null, 1.5));
    files.parquet(TlcLayout.FHV, "2021-01", trip("2021-01-04T08:00:00", 600, 132, 45, null));
    files.truncatedCsvGz(TlcLayout.GREEN_S2, "2021-11");
    TrivialModels.saveIdentity(savedModels);
  }

  @ParameterizedTest
  @EnumSource(Refused.class)
  void trainOnARefusedMonthWritesNothing(Refused month) throws IOException {
    Path tables = work.resolve("tables");
    Path models = work.resolve("models");

    CliRun r = CliRun.runWithSpark("train", "--taxi", month.taxi.id(), "--train", month.month, "--valid", month.month,
        "--config", config(tables, models).toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code(), r.err());
    assertEquals("[ERROR] " + month.message(dataRoot) + System.lineSeparator(), r.err());
    assertEquals("", r.out());
    RunsTable.onlyTheFailedRun(tables, "train", ExitCode.INVALID_INPUT.code());
    assertFalse(Files.exists(models), "model root written: " + models);
  }

  @ParameterizedTest
  @EnumSource(Refused.class)
  void scoreOfARefusedMonthWritesNothing(Refused month) throws IOException {
    Path tables = work.resolve("tables");

    CliRun r = CliRun.runWithSpark("score", "--taxi", month.taxi.id(), "--month", month.month,
        "--config", config(tables, savedModels).toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code(), r.err());
    assertEquals("[ERROR] " + month.message(dataRoot) + System.lineSeparator(), r.err());
    RunsTable.onlyTheFailedRun(tables, "score", ExitCode.INVALID_INPUT.code());
  }
  /** Points the run at the shared data root and this test's own output folders. */
  private Path config(Path tables, Path models) {
    // the saved model's feature set, so that train and score refuse FHV with the same message
    return TestConfig.write(work.resolve("test.conf"), dataRoot, tables, models, "tripcast.model.feature-set = \"course\"");
  }
}
