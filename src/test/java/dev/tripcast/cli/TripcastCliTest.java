package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRegistry;
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
    config = Files.writeString(work.resolve("test.conf"), String.join("\n",
        "tripcast.paths.data-root = " + ConfigUtil.quoteString(dataRoot.toString()),
        "tripcast.paths.warehouse-root = " + ConfigUtil.quoteString(tables.toString()),
        "tripcast.paths.model-root = " + ConfigUtil.quoteString(models.toString()),
        "# Same as the shared test session, so reusing it changes nothing for later tests.",
        "tripcast.spark.master = \"local[2]\"",
        "tripcast.spark.conf { \"spark.sql.shuffle.partitions\" = \"2\" }",
        ""));
  }

  @Test
  void helpListsEachSubcommandWithItsWholeDescription() {
    Run r = run("--help");

    assertEquals(ExitCode.OK.code(), r.code);
    assertTrue(r.out.startsWith("Usage: tripcast [-hV] [COMMAND]"), r.out);
    String text = flat(r.out);
    assertTrue(text.contains("train Fits the trip-duration pipeline on the training months,"), r.out);
    assertTrue(text.contains("(never overwriting one). score Scores every trip of one month"), r.out);
    assertTrue(text.contains("data_quality Delta tables. backfill Scores every month from --from to --to"), r.out);
    assertTrue(text.contains("the months before it stay committed. report Prints the committed error report"), r.out);
    assertTrue(text.contains("is above it. synth Writes a synthetic TLC-layout month of exactly --rows"), r.out);
    assertTrue(text.contains("never inside paths.data-root. help"), r.out);
    assertEquals("", r.err);
  }

  @Test
  void trainHelpPrintsItsOptions() {
    Run r = run("train", "--help");

    assertEquals(ExitCode.OK.code(), r.code);
    assertTrue(r.out.startsWith("Usage: tripcast train "), r.out);
    for (String option : List.of("--taxi=TYPE", "--train=MONTHS", "--valid=MONTHS", "--config=FILE", "--verbose")) {
      assertTrue(r.out.contains(option), option + " missing from:\n" + r.out);
    }
    assertEquals("", r.err);
  }

  @Test
  void scoreHelpPrintsItsOptionsAndTheDefaultModelVersion() {
    Run r = run("score", "--help");

    assertEquals(ExitCode.OK.code(), r.code);
    assertTrue(r.out.startsWith("Usage: tripcast score "), r.out);
    for (String option : List.of("--taxi=TYPE", "--month=YYYY-MM", "--model-version=VERSION", "(default: latest)")) {
      assertTrue(flat(r.out).contains(option), option + " missing from:\n" + r.out);
    }
    assertEquals("", r.err);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    Run r = run("--version");

    assertEquals(ExitCode.OK.code(), r.code);
    assertEquals(List.of("tripcast " + TripcastVersion.get()), r.out.lines().toList());
  }

  @Test
  void unknownTaxiTypeIsOneErrorLine() {
    Run r = run("score", "--taxi", "purple", "--month", "2021-01");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    String line = r.singleErrorLine();
    assertTrue(line.contains("unknown taxi type 'purple': expected one of yellow, green, fhv, fhvhv"), line);
    assertTrue(line.endsWith("(see 'tripcast score --help')"), line);
    assertEquals("", r.out);
  }

  @Test
  void malformedModelVersionIsInvalidInputNotAMissingModel() {
    Run r = run("score", "--taxi", "green", "--month", "2021-01", "--model-version", "foo");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertTrue(r.singleErrorLine().contains("invalid model version 'foo': expected v1, v2, ... or latest"),
        r.singleErrorLine());
  }

  @Test
  void malformedMonthIsOneErrorLine() {
    Run r = run("train", "--taxi", "green", "--train", "2021-13", "--valid", "2021-02");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    String line = r.singleErrorLine();
    assertTrue(line.contains("'--train'"), line);
    assertTrue(line.contains("invalid value '2021-13'"), line);
    assertEquals("", r.out);
  }

  @Test
  void missingRequiredOptionIsOneErrorLine() {
    Run r = run("score", "--taxi", "green");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    String line = r.singleErrorLine();
    assertTrue(line.contains("Missing required option: '--month=YYYY-MM'"), line);
  }

  @Test
  void unknownSubcommandIsOneErrorLine() {
    Run r = run("predict", "--taxi", "green");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertTrue(r.singleErrorLine().contains("predict"), r.err);
  }

  @Test
  void scoreTakesExactlyOneMonth() {
    Run r = run("score", "--taxi", "green", "--month", "2021-01..2021-02", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] invalid value '[2021-01, 2021-02]' for --month: expected exactly one month", r.singleErrorLine());
  }

  @Test
  void synthIntoTheDataRootIsRefusedWithOneLineBeforeSparkStarts() {
    Run r = run("synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "10",
        "--out", dataRoot.toString(), "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] refusing to write synthetic trips to " + dataRoot.resolve("synthetic")
        + ": it is inside paths.data-root " + dataRoot + ", which holds real TLC months (pass an --out folder outside it)",
        r.singleErrorLine());
    assertFalse(Files.exists(dataRoot.resolve("synthetic")));
  }

  @Test
  void synthNeedsAPositiveRowCountAndOneSourceMonth() {
    Path out = work.resolve("scratch");
    Run zero = run("synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "0",
        "--out", out.toString(), "--config", config.toString());
    Run range = run("synth", "--taxi", "green", "--from", "2021-01..2021-02", "--month", "2031-01",
        "--out", out.toString(), "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), zero.code);
    assertEquals("[ERROR] invalid value '0' for --rows: expected a positive number of rows", zero.singleErrorLine());
    assertEquals(ExitCode.INVALID_INPUT.code(), range.code);
    assertEquals("[ERROR] invalid value '[2021-01, 2021-02]' for --from: expected exactly one month", range.singleErrorLine());
    assertFalse(Files.exists(out));
  }

  @Test
  void missingConfigFileIsOneErrorLineNamingTheFile() {
    Path missing = work.resolve("missing.conf");

    Run r = run("score", "--taxi", "green", "--month", "2021-01", "--config", missing.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] configuration file " + missing + ": no such file", r.singleErrorLine());
  }

  @Test
  void scoreOfAMissingMonthNamesTheMonthAndThePathAndWritesNothing() {
    saveTrivialModel();

    Run r = runWithSpark("score", "--taxi", "green", "--month", "2021-04", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] no green trip file for month 2021-04: file:" + dataRoot.resolve("green_tripdata_2021-04.parquet")
        + " does not exist (check paths.data-root or the month)", r.singleErrorLine());
    assertEquals("", r.out);
    assertFalse(Files.exists(tables), "nothing may be written under " + tables);
  }

  @Test
  void scoreWithoutATrainedModelExitsWithModelNotFound() {
    Path realData = TestSettings.realDataRoot();
    String hocon = "include file(" + ConfigUtil.quoteString(config.toString()) + ")\n"
        + "tripcast.paths.data-root = " + ConfigUtil.quoteString(realData.toString()) + "\n";
    Path withRealData = write("real-data.conf", hocon);

    Run r = runWithSpark("score", "--taxi", "green", "--month", "2021-01", "--config", withRealData.toString());

    assertEquals(ExitCode.MODEL_NOT_FOUND.code(), r.code);
    assertEquals("[ERROR] no trained model under file:" + models.resolve("trip-duration")
        + " (run 'tripcast train' first or check paths.model-root)", r.singleErrorLine());
    assertEquals("", r.out);
    assertFalse(Files.exists(tables), "nothing may be written under " + tables);
  }

  @Test
  void dryRunOfScoreChecksEverythingAndStartsNothing() {
    Run r = run("score", "--taxi", "green", "--month", "2021-02", "--config", config.toString(), "--dry-run");

    assertEquals(ExitCode.OK.code(), r.code, r.err);
    assertEquals(List.of(
        "dry run: would score green 2021-02 with model latest (arguments, configuration and Spark " + SPARK + " checked;"
            + " nothing started)",
        "  data-root       " + dataRoot,
        "  warehouse-root  " + tables,
        "  model-root      " + models), r.out.lines().toList());
    assertEquals("", r.err);
    assertFalse(Files.exists(tables), "nothing may be written under " + tables);
  }

  @Test
  void dryRunOfTrainBackfillAndReportNamesWhatWouldRun() {
    assertEquals("dry run: would train a green model on [2021-01], validated on [2021-02] (arguments, configuration"
            + " and Spark " + SPARK + " checked; nothing started)",
        firstLine(run("train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02", "--config",
            config.toString(), "--dry-run")));
    assertEquals("dry run: would backfill green 2021-02..2021-05 (4 months) with model v1 (arguments, configuration"
            + " and Spark " + SPARK + " checked; nothing started)",
        firstLine(run("backfill", "--dry-run", "--taxi", "green", "--from", "2021-02", "--to", "2021-05",
            "--model-version", "v1", "--config", config.toString())));
    assertEquals("dry run: would report green 2021-02 with --max-rmse 8.5 (arguments, configuration and Spark " + SPARK
            + " checked; nothing started)",
        firstLine(run("report", "--taxi", "green", "--month", "2021-02", "--max-rmse", "8.5", "--dry-run",
            "--config", config.toString())));
  }

  @Test
  void dryRunStillRefusesABadConfiguration() {
    Path bad = write("bad.conf", "tripcast.paths.data-rot = \"x\"\n");

    Run r = run("score", "--taxi", "green", "--month", "2021-02", "--config", bad.toString(), "--dry-run");

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] configuration key 'tripcast.paths.data-rot': not a tripcast setting (misspelled? see"
        + " reference.conf for the keys)", r.singleErrorLine());
    assertEquals("", r.out);
  }

  @Test
  void reportRefusesANonPositiveMaxRmse() {
    Run r = run("report", "--taxi", "green", "--month", "2021-02", "--max-rmse", "0", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] invalid value '0.0' for --max-rmse: expected a number of minutes > 0", r.singleErrorLine());
  }

  @Test
  void reportOfAMonthNeverScoredSaysSoAndExitsWithInvalidInput() {
    Run r = runWithSpark("report", "--taxi", "green", "--month", "2021-02", "--config", config.toString());

    assertEquals(ExitCode.INVALID_INPUT.code(), r.code);
    assertEquals("[ERROR] no error report for green 2021-02 in file:" + tables.resolve("error_report")
        + " (run 'tripcast score --taxi green --month 2021-02' first or check paths.warehouse-root)", r.singleErrorLine());
    assertEquals("", r.out);
  }

  private static String firstLine(Run r) {
    assertEquals(ExitCode.OK.code(), r.code, r.err);
    return r.out.lines().findFirst().orElse("");
  }

  /** Saves model v1 under the test's model root: a pipeline that passes rows through unchanged. */
  private void saveTrivialModel() {
    SparkSession spark = TestSpark.session();
    PipelineModel identity = new Pipeline()
        .setStages(new PipelineStage[] {new SQLTransformer().setStatement("SELECT * FROM __THIS__")})
        .fit(spark.range(1).toDF());
    ModelCard card = new ModelCard("trip-duration", null, "2021-03-01T00:00:00Z", "test-run", "green", "course",
        List.of("2021-01"), List.of("2021-02"), List.of(), Map.of(), Map.of(), null, 0, 0, Map.of(), null, null);
    ModelRegistry registry = new ModelRegistry(models.toString(), "trip-duration", spark.sparkContext().hadoopConfiguration());
    assertEquals("v1", registry.save(identity, card).version());
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

  /** Runs the command line; for runs that stop before Spark (parsing, settings). */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Tripcast.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs the command line after making sure the shared session exists: the CLI reuses it and leaves it running. */
  private static Run runWithSpark(String... args) {
    TestSpark.session();
    return run(args);
  }

  private record Run(int code, String out, String err) {
    /** The one stderr line, which must start with [ERROR]. */
    String singleErrorLine() {
      List<String> lines = err.lines().toList();
      assertEquals(1, lines.size(), "stderr should be one line:\n" + err);
      assertTrue(lines.get(0).startsWith("[ERROR] "), lines.get(0));
      return lines.get(0);
    }
  }
}
