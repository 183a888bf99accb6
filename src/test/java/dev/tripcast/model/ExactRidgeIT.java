package dev.tripcast.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extended model fitted by {@link ExactRidge} (regParam 1e-3, no search) is an ordinary saved
 * pipeline: {@code PipelineModel.load}, the driver-side {@link SavedPipelineReader} and the
 * compiled engine all score the next month as the fitted model does. Two green months written by
 * the test ({@link SmallMonths#noisy}, 2,000 trips each): what is checked is the saved format, not
 * the fit's quality (the real month's figures are in docs/model.md).
 */
class ExactRidgeIT {
  private static final double REG_PARAM = 1e-3;
  private static final int TRIPS = 2000;

  @TempDir static Path work;
  private static DurationModel model;
  private static String savedDir;
  private static Dataset<Row> february;

  @BeforeAll
  static void fitAndSaveOnce() throws IOException {
    TlcFiles files = new TlcFiles(work.resolve("data"));
    files.parquet(TlcLayout.GREEN_S2, "2021-01", SmallMonths.noisy("2021-01", TRIPS, 1.0, 1));
    files.parquet(TlcLayout.GREEN_S2, "2021-02", SmallMonths.noisy("2021-02", TRIPS, 1.0, 2));
    Settings settings = TestSettings.defaults(files.root(), work);
    ModelParams defaults = settings.model().withFeatureSet(FeatureSet.EXTENDED);
    ModelParams params = defaults.withExtended(defaults.extended().withRegParam(REG_PARAM).withSolver(RidgeSolver.EXACT));
    Dataset<Row> january = PreparedMonths.load(TestSpark.session(), settings, FeatureSet.EXTENDED, TaxiType.GREEN,
        List.of(YearMonth.of(2021, 1))).kept().cache();
    try {
      model = DurationPipeline.fit(january, params);
    } finally {
      january.unpersist();
    }
    savedDir = work.resolve("pipeline").toString();
    model.pipeline().write().save(savedDir);
    february = PreparedMonths.load(TestSpark.session(), settings, FeatureSet.EXTENDED, TaxiType.GREEN,
        List.of(YearMonth.of(2021, 2))).kept().cache();
  }

  @AfterAll
  static void release() {
    february.unpersist();
  }

  /** max |a − b| of {@code prediction} over February's rows joined by source row, and the row count. */
  private static Row difference(Dataset<Row> a, Dataset<Row> b) {
    return a.select(col(TripColumns.SOURCE_ROW), col(ModelColumns.PREDICTION).as("a"))
        .join(b.select(col(TripColumns.SOURCE_ROW), col(ModelColumns.PREDICTION).as("b")), TripColumns.SOURCE_ROW)
        .agg(max(abs(col("a").minus(col("b")))), count(lit(1))).first();
  }

  @Test
  void theFitRecordsTheExactSolver() {
    ModelCard.Training training = model.training().orElseThrow();
    assertEquals("exact", training.solver());
    assertTrue(training.finalLoss() > 0, training.toString());
    assertEquals(REG_PARAM, model.mainRegression().getRegParam());
  }

  @Test
  void pipelineModelLoadPredictsExactlyWhatTheFitPredicts() {
    Row diff = difference(model.transform(february), PipelineModel.load(savedDir).transform(february));
    assertEquals(0.0, diff.getDouble(0));
    assertEquals(february.count(), diff.getLong(1));
  }

  @Test
  void theDriverSideReaderGivesWhatPipelineModelLoadGives() {
    PipelineModel loaded = PipelineModel.load(savedDir);
    PipelineModel read = SavedPipelineReader.read(savedDir, TestSpark.session().sparkContext().hadoopConfiguration())
        .orElseThrow();
    SavedPipelineReaderIT.assertSameStages(loaded, read);
  }

  @Test
  void theCompiledEngineScoresLikeMllib() {
    DurationModel loaded = new DurationModel(PipelineModel.load(savedDir), FeatureSet.EXTENDED);
    Row diff = difference(loaded.score(february, ScoringEngine.MLLIB), loaded.score(february, ScoringEngine.COMPILED));
    assertTrue(diff.getDouble(0) <= 1e-9, "max |compiled − mllib| = " + diff.getDouble(0));
    assertEquals(february.count(), diff.getLong(1));
  }
}
