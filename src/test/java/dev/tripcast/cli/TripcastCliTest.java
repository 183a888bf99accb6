package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.RunsTable;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TrivialModels;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Drives {@link Tripcast} through picocli with captured stdout and stderr. Parsing errors run no
 * job; the runs that reach Spark reuse the shared test session (the CLI does not stop a session
 * it did not create) and are pointed at this test's own folders with a {@code --config} file.
 */
class TripcastCliTest {
  private static final String SPARK = dev.tripcast.config.SparkVersionCheck.running();
  @TempDir Path work;

  private Path dataRoot;
  private Path tables;
  private Path models;
  private Path config;

  @BeforeEach
  void writeConfig() throws IOException {
    dataRoot = Files.createDirectory(work.resolve("data"));
    tables = work.resolve("tables");
    models = work.resolve("models");
    config = TestConfig.write(work.resolve("test.conf"), dataRoot, tables, models);
  }

  @Test
  void helpListsEachSubcommandWithItsWholeDescription() {
    CliRun r = CliRun.run("--help");

    assertEquals(ExitCode.OK.code(), r.code());
    assertTrue(r.out().startsWith("Usage: tripcast [-hV] [COMMAND]"), r.out());
    String text = flat(r.out());
    assertTrue(text.contains("train Fits the trip-duration pipeline on the training months,"), r.out());
    assertTrue(text.contains("(never overwriting one). evaluate For each training month M, fits the course model"), r.out());
    assertTrue(text.contains("replaces M's rows of the model_evaluation Delta table. score Scores every trip of one month"), r.out());
    assertTrue(text.contains("data_quality Delta tables; then monitors the month (drift_metrics, checks, alert) unless"
        + " --no-monitor"), r.out());
    assertTrue(text.contains("monitoring's verdict is 'tripcast monitor's and 'tripcast nightly's. backfill Scores every"
        + " month from --from to --to"), r.out());
    assertTrue(text.contains("the months before it stay committed. Monitors each month after scoring it, as score does,"
        + " unless --no-monitor. retrain Trains a challenger on the months before --month"), r.out());
    assertTrue(text.contains("with the same data and settings repeats the decision without training again. report Prints"
        + " the committed error report"), r.out());
    assertTrue(text.contains("of that month, or of --from..--to. monitor Compares one scored month (and each of its days)"
        + " with the reference profile"), r.out());
    assertTrue(text.contains("exits 7 (data drift) or 8 (performance breached) when an ERROR monitoring rule fires."
        + " nightly One night of production for one month: score it with the champion, monitor it"), r.out());
    assertTrue(text.contains("Each step is its own run in the runs table. Then, when tripcast.maintenance.every has passed"
        + " since the last maintain run, tripcast maintain (its outcome does not change the night's exit code). maintain"
        + " Maintains every tripcast Delta table that exists: OPTIMIZE of the partitions that changed"), r.out());
    assertTrue(text.contains("with each table's files and bytes before and after. models Lists, shows, promotes and rolls"
        + " back"), r.out());
    assertTrue(text.contains("(model_registry Delta table). alerts Lists the monitoring alerts of the webhook's outbox"
        + " (alerts Delta table) and delivers the pending ones. sql Runs Spark SQL over the Delta tables"), r.out());
    assertTrue(text.contains("and prints the result. Reads only: a script with a statement other than a query, DESCRIBE,"
        + " SHOW or EXPLAIN runs nothing and exits 2. synth Writes a synthetic TLC-layout month of exactly --rows"), r.out());
    assertTrue(text.contains("never inside paths.data-root. help"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void trainHelpPrintsItsOptions() {
    CliRun r = CliRun.run("train", "--help");

    assertEquals(ExitCode.OK.code(), r.code());
    assertTrue(r.out().startsWith("Usage: tripcast train "), r.out());
    for (String option : List.of("--taxi=TYPE", "--train=MONTHS", "--valid=MONTHS", "--config=FILE", "--verbose")) {
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    }
    assertEquals("", r.err());
  }

  @Test
  void scoreHelpPrintsItsOptionsAndTheDefaultModelVersion() {
    CliRun r = CliRun.run("score", "--help");

    assertEquals(ExitCode.OK.code(), r.code());
    assertTrue(r.out().startsWith("Usage: tripcast score "), r.out());
    for (String option : List.of("--taxi=TYPE", "--month=YYYY-MM", "--model, --model-version=MODEL", "(default: champion;")) {
      assertTrue(flat(r.out()).contains(option), option + " missing from:\n" + r.out());
    }
    assertEquals("", r.err());
  }

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun r = CliRun.run("--version");

    assertEquals(ExitCode.OK.code(), r.code());
    assertEquals(List.of("tripcast " + TripcastVersion.get()), r.out().lines().toList());
  }

  @Test
  void unknownTaxiTypeIsOneErrorLine() {
    CliRun r = CliRun.run("score", "--taxi", "purple", "--month", "2021-01");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    String line = r.singleErrorLine();
    assertTrue(line.contains("unknown taxi type 'purple': expected one of yellow, green, fhv, fhvhv"), line);
    assertTrue(line.endsWith("(see 'tripcast score --help')"), line);
    assertEquals("", r.out());
  }

  @Test
  void malformedModelVersionIsInvalidInputNotAMissingModel() {
    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-01", "--model-version", "foo");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertTrue(r.singleErrorLine().contains("invalid model version 'foo': expected v1, v2, ..., latest, champion or challenger"),
        r.singleErrorLine());
  }

  @Test
  void malformedModelVersionIsInvalidInputForBackfillToo() {
    CliRun r = CliRun.run("backfill", "--taxi", "green", "--from", "2021-01", "--to", "2021-02", "--model", "v0");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertTrue(r.singleErrorLine().contains("invalid model version 'v0': expected v1, v2, ..., latest, champion or challenger"),
        r.singleErrorLine());
  }

  @Test
  void scoreTakesModelUrisForTheSameReferences() {
    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-02", "--model", "models:/trip-duration/2",
        "--shadow", "models:/trip-duration@challenger", "--config", config.toString(), "--dry-run");

    assertEquals("dry run: would score green 2021-02 with model v2, and in shadow with challenger (arguments,"
        + " configuration and Spark " + SPARK + " checked; nothing started)", firstLine(r));
  }

  @Test
  void aModelUriOfAnotherModelIsOneErrorLineNamingBoth() {
    CliRun r = CliRun.run("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-03", "--model",
        "models:/fare@champion", "--config", config.toString(), "--dry-run");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] invalid value 'models:/fare@champion' for --model: expected a model URI of model"
        + " 'trip-duration' (tripcast.model.name), not of 'fare'", r.singleErrorLine());
    assertEquals("", r.out());
  }

  @Test
  void aMalformedModelUriIsOneErrorLineGivingTheUriForms() {
    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-02", "--shadow", "models:/trip-duration@prod");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] Invalid value for option '--shadow': invalid model version 'models:/trip-duration@prod':"
        + " expected models:/NAME@ALIAS (ALIAS one of [champion, challenger]), models:/NAME/N (N = 1, 2, ...) or"
        + " models:/NAME/latest (see 'tripcast score --help')", r.singleErrorLine());
  }

  @Test
  void modelsShowPrintsTheVersionsUriAndItsAliasesUris() {
    saveTrivialModel();
    CliRun promote = CliRun.runWithSpark("models", "promote", "models:/trip-duration/1", "--alias", "champion",
        "--reason", "first", "--config", config.toString());
    assertEquals(ExitCode.OK.code(), promote.code(), promote.err());

    CliRun r = CliRun.runWithSpark("models", "show", "models:/trip-duration@champion", "--config", config.toString());

    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    assertEquals(List.of("model trip-duration v1 @champion", "  uri             models:/trip-duration/1",
        "  alias uris      models:/trip-duration@champion"), r.out().lines().limit(3).toList());
  }

  @Test
  void sqlRefusesAStatementThatWritesWithOneErrorLine() {
    CliRun r = CliRun.runWithSpark("sql", "SELECT 1;\nDROP TABLE runs", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] statement 2 of 2 does not only read, so nothing was run: DROP TABLE runs (expected a query:"
        + " SELECT, WITH, VALUES, TABLE, FROM; or DESCRIBE, SHOW, EXPLAIN)", r.singleErrorLine());
    assertEquals("", r.out());
  }

  @Test
  void anUnknownCommandIsAnErrorWhateverFollowsIt() {
    for (List<String> args : List.of(List.of("nosuchcommand"), List.of("nosuchcommand", "--help"),
        List.of("nosuchcommand", "--version"))) {
      CliRun r = CliRun.run(args.toArray(String[]::new));

      assertEquals(ExitCode.INVALID_INPUT.code(), r.code(), args.toString());
      assertEquals("[ERROR] unknown command 'nosuchcommand': expected one of train, evaluate, score, backfill, retrain, report,"
          + " monitor, nightly, maintain, models, alerts, sql, synth, help (see 'tripcast --help')", r.singleErrorLine());
      assertEquals("", r.out());
    }
  }

  @Test
  void everyCommandThatTakesATaxiTypeListsAllFour() {
    for (String command : List.of("train", "evaluate", "score", "backfill", "retrain", "report", "synth")) {
      CliRun r = CliRun.run(command, "--help");

      assertTrue(flat(r.out()).contains("TLC layout: yellow, green, fhv or fhvhv."), command + ":\n" + r.out());
    }
  }

  @Test
  void synthDryRunWritesNothing() {
    Path out = work.resolve("scratch");
    CliRun r = CliRun.run("synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "1000",
        "--out", out.toString(), "--config", config.toString(), "--dry-run");

    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    assertTrue(r.out().startsWith("dry run: would write 1000 synthetic green trips for 2031-01 resampled from 2021-01"
        + " (seed 42) under " + out.resolve("synthetic")), r.out());
    assertFalse(Files.exists(out));
  }

  @Test
  void reportTakesAMonthOrARangeWithHtml() {
    CliRun range = CliRun.run("report", "--taxi", "green", "--from", "2021-01", "--to", "2021-03", "--html", "r.html",
        "--config", config.toString(), "--dry-run");
    CliRun both = CliRun.run("report", "--taxi", "green", "--month", "2021-01", "--from", "2021-01", "--to", "2021-03",
        "--html", "r.html");
    CliRun noHtml = CliRun.run("report", "--taxi", "green", "--from", "2021-01", "--to", "2021-03");
    CliRun neither = CliRun.run("report", "--taxi", "green");

    assertEquals(ExitCode.OK.code(), range.code(), range.err());
    assertTrue(range.out().startsWith("dry run: would report green 2021-01..2021-03 and write r.html"), range.out());
    assertEquals("[ERROR] invalid value '2021-01..2021-03' for --from/--to: expected no range together with --month",
        both.singleErrorLine());
    assertEquals("[ERROR] invalid value '2021-01..2021-03' for --from/--to: expected both months, with --html FILE",
        noHtml.singleErrorLine());
    assertEquals("[ERROR] invalid value '(none)' for --month: expected a month YYYY-MM, or --from and --to with --html"
        + " FILE", neither.singleErrorLine());
  }

  @Test
  void malformedMonthIsOneErrorLine() {
    CliRun r = CliRun.run("train", "--taxi", "green", "--train", "2021-13", "--valid", "2021-02");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    String line = r.singleErrorLine();
    assertTrue(line.contains("'--train'"), line);
    assertTrue(line.contains("invalid value '2021-13'"), line);
    assertEquals("", r.out());
  }

  @Test
  void missingRequiredOptionIsOneErrorLine() {
    CliRun r = CliRun.run("score", "--taxi", "green");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    String line = r.singleErrorLine();
    assertTrue(line.contains("Missing required option: '--month=YYYY-MM'"), line);
  }

  @Test
  void unknownSubcommandIsOneErrorLine() {
    CliRun r = CliRun.run("predict", "--taxi", "green");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertTrue(r.singleErrorLine().contains("predict"), r.err());
  }

  @Test
  void scoreTakesExactlyOneMonth() {
    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-01..2021-02", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] Invalid value for option '--month': invalid value '2021-01..2021-02': expected a month YYYY-MM"
        + " (see 'tripcast score --help')", r.singleErrorLine());
  }

  @Test
  void synthIntoTheDataRootIsRefusedWithOneLineBeforeSparkStarts() {
    CliRun r = CliRun.run("synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "10",
        "--out", dataRoot.toString(), "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] refusing to write synthetic trips to " + dataRoot.resolve("synthetic")
        + ": it is inside paths.data-root " + dataRoot + ", which holds real TLC months (pass an --out folder outside it)",
        r.singleErrorLine());
    assertFalse(Files.exists(dataRoot.resolve("synthetic")));
  }

  @Test
  void synthNeedsAPositiveRowCountAndOneSourceMonth() {
    Path out = work.resolve("scratch");
    CliRun zero = CliRun.run("synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "0",
        "--out", out.toString(), "--config", config.toString());
    CliRun range = CliRun.run("synth", "--taxi", "green", "--from", "2021-01..2021-02", "--month", "2031-01",
        "--out", out.toString(), "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), zero.code());
    assertEquals("[ERROR] invalid value '0' for --rows: expected a positive number of rows", zero.singleErrorLine());
    assertEquals(ExitCode.INVALID_INPUT.code(), range.code());
    assertEquals("[ERROR] Invalid value for option '--from': invalid value '2021-01..2021-02': expected a month YYYY-MM"
        + " (see 'tripcast synth --help')", range.singleErrorLine());
    assertFalse(Files.exists(out));
  }

  @Test
  void missingConfigFileIsOneErrorLineNamingTheFile() {
    Path missing = work.resolve("missing.conf");

    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-01", "--config", missing.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] configuration file " + missing + ": no such file", r.singleErrorLine());
  }

  @Test
  void scoreOfAMissingMonthNamesTheMonthAndThePathAndWritesNothing() {
    saveTrivialModel();

    CliRun r = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-04", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] no green trip file for month 2021-04: file:" + dataRoot.resolve("green_tripdata_2021-04.parquet")
        + " does not exist (check paths.data-root or the month)", r.singleErrorLine());
    assertEquals("", r.out());
    RunsTable.onlyTheFailedRun(tables, "score", ExitCode.INVALID_INPUT.code());
  }

  @Test
  void scoreWithoutATrainedModelExitsWithModelNotFound() {
    Path realData = TestSettings.realDataRoot();
    String hocon = "include file(" + ConfigUtil.quoteString(config.toString()) + ")\n"
        + "tripcast.paths.data-root = " + ConfigUtil.quoteString(realData.toString()) + "\n";
    Path withRealData = write("real-data.conf", hocon);

    CliRun r = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-01", "--config", withRealData.toString());

    assertEquals(ExitCode.MODEL_NOT_FOUND.code(), r.code());
    assertEquals("[ERROR] no trained model under file:" + models.resolve("trip-duration")
        + " (run 'tripcast train' first or check paths.model-root)", r.singleErrorLine());
    assertEquals("", r.out());
    RunsTable.onlyTheFailedRun(tables, "score", ExitCode.MODEL_NOT_FOUND.code());
  }

  @Test
  void dryRunOfScoreChecksEverythingAndStartsNothing() {
    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-02", "--config", config.toString(), "--dry-run");

    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    assertEquals(List.of(
        "dry run: would score green 2021-02 with model champion (arguments, configuration and Spark " + SPARK + " checked;"
            + " nothing started)",
        "  data-root       " + dataRoot,
        "  warehouse-root  " + tables,
        "  model-root      " + models), r.out().lines().toList());
    assertEquals("", r.err());
    assertFalse(Files.exists(tables), "nothing may be written under " + tables);
  }

  @Test
  void dryRunOfTrainBackfillAndReportNamesWhatWouldRun() {
    assertEquals("dry run: would train a green model on [2021-01], validated on [2021-02] (arguments, configuration"
            + " and Spark " + SPARK + " checked; nothing started)",
        firstLine(CliRun.run("train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02", "--config",
            config.toString(), "--dry-run")));
    assertEquals("dry run: would backfill green 2021-02..2021-05 (4 months) with model v1 (arguments, configuration"
            + " and Spark " + SPARK + " checked; nothing started)",
        firstLine(CliRun.run("backfill", "--dry-run", "--taxi", "green", "--from", "2021-02", "--to", "2021-05",
            "--model-version", "v1", "--config", config.toString())));
    assertEquals("dry run: would report green 2021-02 with --max-rmse 8.5 (arguments, configuration and Spark " + SPARK
            + " checked; nothing started)",
        firstLine(CliRun.run("report", "--taxi", "green", "--month", "2021-02", "--max-rmse", "8.5", "--dry-run",
            "--config", config.toString())));
  }

  @Test
  void dryRunStillRefusesABadConfiguration() {
    Path bad = write("bad.conf", "tripcast.paths.data-rot = \"x\"\n");

    CliRun r = CliRun.run("score", "--taxi", "green", "--month", "2021-02", "--config", bad.toString(), "--dry-run");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] configuration key 'tripcast.paths.data-rot': not a tripcast setting (misspelled? see"
        + " reference.conf for the keys)", r.singleErrorLine());
    assertEquals("", r.out());
  }

  @Test
  void reportRefusesANonPositiveMaxRmse() {
    CliRun r = CliRun.run("report", "--taxi", "green", "--month", "2021-02", "--max-rmse", "0", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] invalid value '0.0' for --max-rmse: expected a number of minutes > 0", r.singleErrorLine());
  }

  @Test
  void reportOfAMonthNeverScoredSaysSoAndExitsWithInvalidInput() {
    CliRun r = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-02", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code());
    assertEquals("[ERROR] no error report for green 2021-02 in file:" + tables.resolve("error_report")
        + " (run 'tripcast score --taxi green --month 2021-02' first or check paths.warehouse-root)", r.singleErrorLine());
    assertEquals("", r.out());
  }

  private static String firstLine(CliRun r) {
    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    return r.out().lines().findFirst().orElse("");
  }

  /** Saves model v1 under the test's model root: a pipeline that passes rows through unchanged. */
  private void saveTrivialModel() {
    assertEquals("v1", TrivialModels.saveIdentity(models).version());
  }

  /** Help text with its line wrapping undone, so assertions do not depend on the terminal width. */
  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(work.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
