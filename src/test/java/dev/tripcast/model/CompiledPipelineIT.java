package dev.tripcast.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Binarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled engine against {@code PipelineModel.transform}, the reference: for the course (with
 * its back-off), homework and extended feature sets, each trained once on real green 2021-01,
 * the same {@code prediction} (max |difference| 0) and {@code pu_do_seen} on every green month
 * shipped in {@code data/tlc}, on a grid of crafted trips (unseen pairs, zone -1 and null, unseen
 * zone 266, distances 0 to 250 miles, every hour of every weekday) and on seeded random trips.
 */
class CompiledPipelineIT {
  private static final YearMonth TRAIN = YearMonth.of(2021, 1);
  private static final List<YearMonth> SHIPPED = List.of(YearMonth.of(2020, 12), YearMonth.of(2021, 1),
      YearMonth.of(2021, 2), YearMonth.of(2021, 3), YearMonth.of(2021, 4), YearMonth.of(2021, 5),
      YearMonth.of(2022, 1), YearMonth.of(2022, 2), YearMonth.of(2023, 1), YearMonth.of(2023, 2),
      YearMonth.of(2023, 3));
  /** The penalty the extended model is fitted with (one fit, no search). */
  private static final double EXTENDED_REG_PARAM = 1e-3;
  private static final String ID = "row_id";

  @TempDir static Path work;
  private static SparkSession spark;
  private static Settings settings;
  private static final Map<FeatureSet, DurationModel> MODELS = new EnumMap<>(FeatureSet.class);
  private static Dataset<Row> crafted;
  private static Dataset<Row> random;

  @BeforeAll
  static void trainOncePerFeatureSet() {
    spark = TestSpark.session();
    settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    for (FeatureSet featureSet : FeatureSet.values()) {
      ModelParams params = settings.model().withFeatureSet(featureSet);
      params = params.withExtended(params.extended().withRegParam(EXTENDED_REG_PARAM));
      Dataset<Row> train = PreparedMonths.load(spark, settings, featureSet, TaxiType.GREEN, List.of(TRAIN)).kept().cache();
      MODELS.put(featureSet, DurationPipeline.fit(train, params));
      train.unpersist();
    }
    crafted = withPuDo(craftedTrips()).cache();
    random = withPuDo(randomTrips(20_000, 7)).cache();
  }

  @AfterAll
  static void release() {
    crafted.unpersist();
    random.unpersist();
  }

  @ParameterizedTest
  @EnumSource(FeatureSet.class)
  void everyShippedMonthScoresIdentically(FeatureSet featureSet) {
    Dataset<Row> months = PreparedMonths.load(spark, settings, featureSet, TaxiType.GREEN, SHIPPED).kept()
        .withColumn(ID, concat_ws("/", col(TripColumns.MONTH), col(TripColumns.SOURCE_ROW))).cache();
    try {
      assertIdentical(featureSet, "shipped months", months);
    } finally {
      months.unpersist();
    }
  }

  @ParameterizedTest
  @EnumSource(FeatureSet.class)
  void craftedTripsScoreIdentically(FeatureSet featureSet) {
    assertIdentical(featureSet, "crafted trips", crafted);
  }

  @ParameterizedTest
  @EnumSource(FeatureSet.class)
  void randomTripsScoreIdentically(FeatureSet featureSet) {
    assertIdentical(featureSet, "random trips", random);
  }

  @ParameterizedTest
  @EnumSource(FeatureSet.class)
  void theCompiledPlanHasNoUdfAndNoVector(FeatureSet featureSet) {
    Dataset<Row> scored = MODELS.get(featureSet).score(crafted, ScoringEngine.COMPILED);
    String plan = scored.queryExecution().executedPlan().toString();

    assertFalse(plan.contains("UDF"), plan);
    assertFalse(List.of(scored.columns()).contains(ModelColumns.FEATURES));
    assertTrue(List.of(scored.columns()).containsAll(List.of(ModelColumns.PREDICTION, ModelColumns.PU_DO_SEEN)));
  }

  @Test
  void aStageTheCompilerDoesNotKnowScoresWithMllib() {
    DurationModel course = MODELS.get(FeatureSet.COURSE);
    PipelineStage unknown = new Binarizer().setInputCol(TripColumns.TRIP_DISTANCE).setOutputCol("long_trip").setThreshold(5.0);
    DurationModel extended = new DurationModel(
        new Pipeline().setStages(new PipelineStage[] {course.pipeline(), unknown}).fit(crafted), FeatureSet.COURSE);

    assertTrue(CompiledPipeline.compile(extended.pipeline()).isEmpty());
    assertTrue(CompiledPipeline.compile(course.pipeline()).isPresent());
    assertTrue(List.of(extended.score(crafted, ScoringEngine.COMPILED).columns()).contains("long_trip"));
  }

  /** Both engines on {@code input} (keyed by {@value #ID}), joined: same rows, predictions and seen flags. */
  private static void assertIdentical(FeatureSet featureSet, String what, Dataset<Row> input) {
    DurationModel model = MODELS.get(featureSet);
    Dataset<Row> mllib = model.score(input, ScoringEngine.MLLIB)
        .select(col(ID), col(ModelColumns.PREDICTION).as("p_mllib"), col(ModelColumns.PU_DO_SEEN).as("s_mllib"));
    Dataset<Row> compiled = model.score(input, ScoringEngine.COMPILED)
        .select(col(ID), col(ModelColumns.PREDICTION).as("p_compiled"), col(ModelColumns.PU_DO_SEEN).as("s_compiled"));
    Row r = mllib.join(compiled, ID).agg(
        count(lit(1)),
        max(abs(col("p_mllib").minus(col("p_compiled")))),
        sum(when(col("s_mllib").eqNullSafe(col("s_compiled")), 0).otherwise(1)),
        sum(when(col("p_mllib").isNull().equalTo(col("p_compiled").isNull()), 0).otherwise(1)),
        sum(when(col("s_mllib"), 0).otherwise(1))).first();
    long rows = input.count();
    double maxAbsDiff = r.isNullAt(1) ? 0.0 : r.getDouble(1);
    System.out.printf("compiled vs mllib, %s, %s: %d rows (%d unseen), max |diff| %s%n", featureSet.id(), what,
        r.getLong(0), r.getLong(4), maxAbsDiff);
    assertEquals(rows, r.getLong(0), "every row once in both outputs");
    assertEquals(0L, r.getLong(2), "pu_do_seen differs");
    assertEquals(0L, r.getLong(3), "a prediction is null in one engine only");
    assertTrue(maxAbsDiff <= 1e-9, "max |compiled − mllib| = " + maxAbsDiff);
  }

  /**
   * Every zone pair of {-1, 1, 74, 132, 265, 266 (never a TLC zone), null} × distances 0 to 250
   * miles × the 168 hours of a week (pickups from Sunday 2021-02-07 00:17).
   */
  private static Dataset<Row> craftedTrips() {
    List<Row> rows = new ArrayList<>();
    Integer[] zones = {-1, 1, 74, 132, 265, 266, null};
    double[] miles = {0.0, 0.01, 1.0, 2.5, 12.0, 60.0, 60.5, 250.0};
    long id = 0;
    for (Integer pu : zones) {
      for (Integer dozone : zones) {
        for (double d : miles) {
          for (int hour = 0; hour < 7 * 24; hour++) {
            rows.add(org.apache.spark.sql.RowFactory.create(id++, pu, dozone, d,
                java.time.LocalDateTime.of(2021, 2, 7, 0, 17).plusHours(hour)));
          }
        }
      }
    }
    return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add(ID, "long").add(TripColumns.PU_LOCATION_ID, "int").add(TripColumns.DO_LOCATION_ID, "int")
        .add(TripColumns.TRIP_DISTANCE, "double").add(TripColumns.PICKUP_DATETIME, "timestamp_ntz"));
  }

  /** {@code n} trips from {@code seed}: any zone (2 % null), 5 % zero distances, any pickup in 2019–2023. */
  private static Dataset<Row> randomTrips(int n, long seed) {
    return spark.range(0, n, 1, 2).select(
        col("id").as(ID),
        zone(seed).as(TripColumns.PU_LOCATION_ID),
        zone(seed + 1).as(TripColumns.DO_LOCATION_ID),
        expr("CASE WHEN rand(" + (seed + 2) + ") < 0.05 THEN 0D ELSE -ln(rand(" + (seed + 3) + ")) * 6 END")
            .as(TripColumns.TRIP_DISTANCE),
        expr("CAST(timestamp_seconds(1546300800 + CAST(rand(" + (seed + 4) + ") * 157766400 AS BIGINT)) AS TIMESTAMP_NTZ)")
            .as(TripColumns.PICKUP_DATETIME));
  }

  private static org.apache.spark.sql.Column zone(long seed) {
    return expr("CASE WHEN rand(" + seed + ") < 0.02 THEN NULL ELSE CAST(floor(rand(" + (seed + 100) + ") * 268) AS INT) - 1 END");
  }

  /** {@code PU_DO} as the features build it, but null when the pickup zone is null (a null category). */
  private static Dataset<Row> withPuDo(Dataset<Row> trips) {
    return trips.withColumn(FeatureColumns.PU_DO, when(col(TripColumns.PU_LOCATION_ID).isNotNull(),
        concat_ws("_", col(TripColumns.PU_LOCATION_ID), coalesce(col(TripColumns.DO_LOCATION_ID), lit(-1)))));
  }
}
