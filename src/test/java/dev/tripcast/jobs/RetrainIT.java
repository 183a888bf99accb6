package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retrain} on the real green months, through the command line: v1 (the shared
 * {@link LocalReference} model, trained on 2021-01) is the champion; the challenger trains on
 * 2021-02..2021-03 (the default two-month window) and both are evaluated on 2021-04. The decision's
 * figures are checked against RMSEs this test computes on the driver from what {@code score
 * --shadow} wrote for each version to {@code scored_trips} and {@code shadow_trips} (another code
 * path than retrain's evaluation).
 */
class RetrainIT {
  /** The decision's RMSEs against the ones recomputed here from scored_trips (the same trips, the same models). */
  private static final double RMSE_TOLERANCE = 1e-9;
  /** The challenger's feature set: the course model, as the shared v1, so the figures below are the course's. */
  static final String COURSE = "tripcast.model.feature-set = \"course\"";

  @TempDir Path work;

  @Test
  void aBetterChallengerIsPromotedOnceAndRollbackRestoresTheChampion() {
    LocalReference.get().copyWithMarchTo(work); // 2021-02 and 2021-03 already scored with v1, as a backfill would
    String config = config(TestSettings.realDataRoot());

    ok(cli("models", "promote", "v1", "--alias", "champion", "--reason", "first model", "--config", config));
    ok(cli("backfill", "--taxi", "green", "--from", "2021-04", "--to", "2021-04", "--config", config));
    Map<String, double[]> v1 = rmseBySegment("v1"); // scored_trips 2021-04 with v1, before the promotion

    CliRun retrain = cli("retrain", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(ExitCode.OK.code(), retrain.code(), retrain.out() + retrain.err());
    assertTrue(retrain.out().contains("retrain: PROMOTED v2 to @champion (was v1)"), retrain.out());
    assertTrue(retrain.out().contains("trained on [2021-02, 2021-03] (trained now)"), retrain.out());
    ModelAliases.Event evaluated = lastEvent(ModelAliases.EVALUATED);
    assertEquals("promoted", evaluated.details().get("outcome"));
    assertEquals("v1", evaluated.previousVersion());
    assertEquals(List.of("v1", "v2"), registry().versions());
    assertEquals("v2", aliases().state().alias(ModelAliases.CHAMPION).version().orElseThrow());
    assertEquals(List.of("v1"), events(ModelAliases.ARCHIVED).stream().map(ModelAliases.Event::version).toList());

    // Both versions' evaluation rows are in error_report, keyed by model version.
    assertEquals(List.of("v1", "v2"), errorReportVersions("2021-04"));

    // Shadow scoring: the challenger alias is the serving version now, so it cannot shadow; v1 can.
    CliRun servingShadow = cli("score", "--taxi", "green", "--month", "2021-04", "--shadow", "challenger",
        "--config", config);
    assertEquals(ExitCode.INVALID_INPUT.code(), servingShadow.code(), servingShadow.out() + servingShadow.err());
    CliRun shadow = cli("score", "--taxi", "green", "--month", "2021-04", "--shadow", "v1", "--config", config);
    ok(shadow);
    assertTrue(shadow.out().contains("scored 2021-04 with model v2"), shadow.out());
    assertTrue(shadow.out().contains("shadow-scored 2021-04 with model v1"), shadow.out());
    Dataset<Row> served = april(ScoredTrips.TABLE);
    Dataset<Row> shadowed = april(ScoredTrips.SHADOW_TABLE);
    assertEquals(List.of("v2"), versions(served), "scored_trips serves one version");
    assertEquals(List.of("v1"), versions(shadowed));
    assertEquals(served.count(), shadowed.count());
    assertEquals(served.count(), served.join(shadowed.select("ride_id"), "ride_id").count(), "the same trips");

    // Recompute both sides of the decision on the driver: v1 from shadow_trips (its own seen flag
    // is the champion's segment), v2 from scored_trips, joined on ride_id.
    Map<String, double[]> champion = segments(shadowed.select(col("pu_do_seen"), col("diff")).collectAsList());
    Map<String, double[]> challenger = segments(shadowed.select(col("ride_id"), col("pu_do_seen"))
        .join(served.select(col("ride_id"), col("diff")), "ride_id").select(col("pu_do_seen"), col("diff"))
        .collectAsList());
    for (String segment : List.of("overall", "seen", "unseen")) {
      assertEquals(champion.get(segment)[0], evaluated.metrics().get(segment + "_n"), 0.0, segment);
      assertEquals(champion.get(segment)[1], evaluated.metrics().get(segment + "_champion_rmse"), RMSE_TOLERANCE, segment);
      assertEquals(challenger.get(segment)[1], evaluated.metrics().get(segment + "_challenger_rmse"), RMSE_TOLERANCE,
          segment);
    }
    assertEquals(v1.get("overall")[1], champion.get("overall")[1], RMSE_TOLERANCE, "v1 scored twice, same figures");
    // The decision, re-derived from the rule: better by the margin, no segment worse than the tolerance.
    Settings settings = settings();
    assertTrue(champion.get("overall")[1] - challenger.get("overall")[1] >= settings.lifecycle().marginMinutes());
    for (String segment : List.of("seen", "unseen")) {
      assertTrue(challenger.get(segment)[1] - champion.get(segment)[1] <= settings.lifecycle().segmentToleranceMinutes());
    }
    assertEquals(7.4993, champion.get("overall")[1], 0.005, "v1 on 2021-04 (docs/lifecycle.md's decisions table)");
    assertEquals(7.0810, challenger.get("overall")[1], 0.005, "v2 on 2021-04 (docs/lifecycle.md's decisions table)");

    // Same data, same settings: the same decision, no second challenger, no second promotion.
    long registryRows = registryRows();
    CliRun again = cli("retrain", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(ExitCode.OK.code(), again.code(), again.out() + again.err());
    assertTrue(again.out().contains("decided before  by run " + evaluated.runId()), again.out());
    assertTrue(again.out().contains("(registered earlier with the same fingerprint: not trained again)"), again.out());
    assertEquals(List.of("v1", "v2"), registry().versions());
    assertEquals(registryRows, registryRows(), "a repeated decision writes no registry event");

    // A person rolls back: v1 serves again, and scoring uses it.
    ok(cli("models", "rollback", "--reason", "v2 misbehaves downstream", "--config", config));
    CliRun rescore = cli("score", "--taxi", "green", "--month", "2021-04", "--config", config);
    ok(rescore);
    assertTrue(rescore.out().contains("scored 2021-04 with model v1"), rescore.out());
    // ... and the production figures of 2021-04 are v1's again, though error_report keeps both versions.
    CliRun report = cli("report", "--taxi", "green", "--month", "2021-04", "--config", config);
    ok(report);
    assertTrue(report.out().contains("error report green 2021-04 (model v1)"), report.out());
  }

  @Test
  void aChallengerTrainedOnShiftedDurationsIsNotPromoted() throws IOException {
    LocalReference.get().copyTo(work);
    Path data = Files.createDirectories(work.resolve("data"));
    for (String month : List.of("2021-01", "2021-04")) {
      Files.createSymbolicLink(data.resolve("green_tripdata_" + month + ".parquet"),
          TestSettings.realDataRoot().resolve("green_tripdata_" + month + ".parquet"));
    }
    for (String month : List.of("2021-02", "2021-03")) {
      writeSlowerCopy(month, data); // every trip 1.5 times as long: a model trained on them over-predicts
    }
    String config = config(data);
    ok(cli("models", "promote", "v1", "--alias", "champion", "--reason", "first model", "--config", config));

    CliRun retrain = cli("retrain", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(ExitCode.CHAMPION_KEPT.code(), retrain.code(), retrain.out() + retrain.err());
    assertTrue(retrain.out().contains("retrain: KEPT champion v1 (challenger v2)"), retrain.out());
    ModelAliases.Event evaluated = lastEvent(ModelAliases.EVALUATED);
    assertEquals("kept_champion", evaluated.details().get("outcome"));
    assertTrue(evaluated.metrics().get("overall_challenger_rmse") > evaluated.metrics().get("overall_champion_rmse"),
        evaluated.metrics().toString());
    assertTrue(evaluated.reason().startsWith("kept_champion: overall RMSE"), evaluated.reason());
    assertEquals("v1", aliases().state().alias(ModelAliases.CHAMPION).version().orElseThrow());
    assertEquals("v2", aliases().state().alias(ModelAliases.CHALLENGER).version().orElseThrow());
    assertTrue(events(ModelAliases.ARCHIVED).isEmpty());

    CliRun again = cli("retrain", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(ExitCode.CHAMPION_KEPT.code(), again.code(), again.out() + again.err());
    assertEquals(List.of("v1", "v2"), registry().versions());
  }

  private void writeSlowerCopy(String month, Path data) throws IOException {
    SparkSession spark = TestSpark.session();
    Path tmp = work.resolve("slow-" + month);
    spark.read().parquet(TestSettings.realDataRoot().resolve("green_tripdata_" + month + ".parquet").toString())
        .withColumn("lpep_dropoff_datetime", expr("timestamp_seconds(unix_timestamp(lpep_pickup_datetime)"
            + " + 1.5 * (unix_timestamp(lpep_dropoff_datetime) - unix_timestamp(lpep_pickup_datetime)))")
            .cast(spark.read().parquet(TestSettings.realDataRoot().resolve("green_tripdata_" + month + ".parquet")
                .toString()).schema().apply("lpep_dropoff_datetime").dataType()))
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(tmp.toString());
    try (Stream<Path> files = Files.list(tmp)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.move(part, data.resolve("green_tripdata_" + month + ".parquet"));
    }
  }

  /** Per segment (overall, seen, unseen of the version's own pu_do_seen): {n, RMSE} from scored_trips 2021-04. */
  private Map<String, double[]> rmseBySegment(String version) {
    List<Row> rows = april(ScoredTrips.TABLE).where(col("model_version").equalTo(version))
        .select("pu_do_seen", "diff").collectAsList();
    assertFalse(rows.isEmpty(), "scored_trips has no 2021-04 rows of " + version);
    return segments(rows);
  }

  /** Rows (pu_do_seen, diff) → per segment {n, RMSE}. */
  private static Map<String, double[]> segments(List<Row> rows) {
    List<double[]> seenAndDiff = rows.stream().map(r -> new double[] {r.getBoolean(0) ? 1 : 0, r.getDouble(1)}).toList();
    return Map.of(
        "overall", rmse(seenAndDiff),
        "seen", rmse(seenAndDiff.stream().filter(x -> x[0] == 1).toList()),
        "unseen", rmse(seenAndDiff.stream().filter(x -> x[0] == 0).toList()));
  }

  private static double[] rmse(List<double[]> seenAndDiff) {
    double sse = 0;
    for (double[] x : seenAndDiff) {
      sse += x[1] * x[1];
    }
    return new double[] {seenAndDiff.size(), Math.sqrt(sse / seenAndDiff.size())};
  }

  private Dataset<Row> april(Table table) {
    return warehouse().readAll(table).orElseThrow()
        .where(col("taxi_type").equalTo("green").and(col("month").equalTo("2021-04")));
  }

  private static List<String> versions(Dataset<Row> trips) {
    return trips.select("model_version").distinct().collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  private List<String> errorReportVersions(String month) {
    return warehouse().readAll(dev.tripcast.reports.ErrorReport.TABLE).orElseThrow()
        .where(col("month").equalTo(month)).select("model_version").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).sorted().collect(Collectors.toList());
  }

  private ModelAliases.Event lastEvent(String kind) {
    List<ModelAliases.Event> e = events(kind);
    assertFalse(e.isEmpty(), "no " + kind + " event");
    return e.get(e.size() - 1);
  }

  private List<ModelAliases.Event> events(String kind) {
    return aliases().state().events().stream().filter(e -> kind.equals(e.event())).toList();
  }

  private long registryRows() {
    return warehouse().readAll(ModelAliases.TABLE).orElseThrow().count();
  }

  private String config(Path dataRoot) {
    return TestConfig.write(work.resolve("it.conf"), dataRoot, work.resolve("tables"), work.resolve("models"),
        COURSE).toString();
  }

  private Settings settings() {
    return TestSettings.withFeatureSet(TestSettings.defaults(TestSettings.realDataRoot(), work),
        dev.tripcast.features.FeatureSet.COURSE);
  }

  private Warehouse warehouse() {
    return new Warehouse(TestSpark.session(), work.resolve("tables").toString(), LogStorePolicy.REFUSE);
  }

  private ModelAliases aliases() {
    return new ModelAliases(TestSpark.session(), warehouse(), settings().model().name());
  }

  private ModelRegistry registry() {
    return new ModelRegistry(work.resolve("models").toString(), settings().model().name(),
        TestSpark.session().sparkContext().hadoopConfiguration());
  }

  private static CliRun cli(String... args) {
    return CliRun.runWithSpark(args);
  }

  private static void ok(CliRun run) {
    assertEquals(0, run.code(), run.out() + run.err());
  }
}
