package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TrivialModels;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.ModelNotFoundException;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fits {@link DurationPipeline} once on a synthetic training set and round-trips it through a
 * {@link ModelRegistry} rooted in a temporary folder (real files, hence *IT).
 */
class ModelRegistryIT {
  /** The model's input columns (TrainJob's modelInput shape) plus an id to order rows by. */
  private static final StructType TRIPS = StructType.fromDDL(
      "id INT, PU_DO STRING, PULocationID INT, DOLocationID INT, trip_distance DOUBLE, duration DOUBLE");

  private static SparkSession spark;
  private static Settings settings;
  private static Dataset<Row> probes;
  private static DurationModel model;

  /** A registry holding v1 (run-1) and v2 (run-2), both of {@link #model}; tests only read it. */
  private static ModelRegistry twoVersions;
  private static Path twoVersionsRoot;
  private static ModelRegistry.SavedModel firstSave;
  private static ModelRegistry.SavedModel secondSave;
  private static byte[] v1CardBeforeSecondSave;
  private static Map<String, String> v1FilesBeforeSecondSave;

  /** Fitting and saving are the slow parts (seconds each): do them once for the class. */
  @BeforeAll
  static void fitAndSaveTwice(@TempDir Path work) {
    spark = TestSpark.session();
    // The course model: one fit (the extended default would search its penalty on real months).
    settings = TestSettings.withFeatureSet(TestSettings.defaults(TestSettings.realDataRoot(), work), FeatureSet.COURSE);
    probes = probeTrips();
    Dataset<Row> train = syntheticTrainingTrips().cache();
    model = DurationPipeline.fit(train, settings.model());
    train.unpersist();

    twoVersionsRoot = Path.of(settings.paths().modelRoot());
    twoVersions = registry(twoVersionsRoot);
    firstSave = twoVersions.save(model, card("run-1"));
    Path v1 = twoVersionsRoot.resolve("trip-duration/v1");
    v1CardBeforeSecondSave = read(v1.resolve("model.json"));
    v1FilesBeforeSecondSave = digests(v1);
    secondSave = twoVersions.save(model, card("run-2"));
  }

  /**
   * 320 trips: pickups {10, 20, 30} × dropoffs {40, 50, 60} except the pair 30→60, 40 trips per
   * pair (so every PU_DO repeats), 0.5–10.5 miles, duration = pickup + dropoff zone effects + 2.5
   * min/mile + noise in [−1, 1) minutes. Seeded: the same rows every run.
   */
  static Dataset<Row> syntheticTrainingTrips() {
    Random random = new Random(20210101L);
    Map<Integer, Double> puMinutes = Map.of(10, 3.0, 20, 6.0, 30, 1.0);
    Map<Integer, Double> doMinutes = Map.of(40, 2.0, 50, 4.0, 60, 8.0);
    List<Row> rows = new ArrayList<>();
    for (int pu : new int[] {10, 20, 30}) {
      for (int dropoff : new int[] {40, 50, 60}) {
        if (pu == 30 && dropoff == 60) {
          continue;
        }
        for (int k = 0; k < 40; k++) {
          double miles = 0.5 + 10 * random.nextDouble();
          double minutes = puMinutes.get(pu) + doMinutes.get(dropoff) + 2.5 * miles + (2 * random.nextDouble() - 1);
          rows.add(RowFactory.create(rows.size(), pu + "_" + dropoff, pu, dropoff, miles, minutes));
        }
      }
    }
    return TestSpark.session().createDataFrame(rows, TRIPS);
  }

  /** id 0: seen pair 10_40; id 1: unseen pair 30_60 of seen zones; id 2: unseen pair 99_98 of unseen zones. */
  static Dataset<Row> probeTrips() {
    return TestSpark.session().createDataFrame(List.of(
        RowFactory.create(0, "10_40", 10, 40, 3.0, 12.0),
        RowFactory.create(1, "30_60", 30, 60, 3.0, 16.5),
        RowFactory.create(2, "99_98", 99, 98, 3.0, 10.0)), TRIPS);
  }

  @Test
  void firstSaveIsV1AndLoadsBackPredictingExactlyTheSame() {
    assertEquals("v1", firstSave.version());
    Path v1 = twoVersionsRoot.resolve("trip-duration/v1");
    assertTrue(Files.isRegularFile(v1.resolve(ModelRegistry.CARD_FILE)));
    assertTrue(Files.isDirectory(v1.resolve(ModelRegistry.PIPELINE_DIR)));

    ModelRegistry.SavedModel loaded = twoVersions.load(new ModelRef.Version(1));

    assertEquals("v1", loaded.version());
    assertArrayEquals(predictions(model), predictions(loaded.model()));
    // The card round-trips through model.json exactly, NaN included.
    assertEquals(card("run-1").withVersion("v1"), loaded.card());
  }

  @Test
  void secondSaveIsV2IsLatestAndLeavesV1Untouched() {
    assertEquals("v2", secondSave.version());
    Path v1 = twoVersionsRoot.resolve("trip-duration/v1");
    assertArrayEquals(v1CardBeforeSecondSave, read(v1.resolve(ModelRegistry.CARD_FILE)));
    assertEquals(v1FilesBeforeSecondSave, digests(v1));
    assertEquals(List.of("v1", "v2"), twoVersions.versions());
    // Nothing but the two versions is left in the model folder: the staging folders were renamed.
    assertEquals(List.of("v1", "v2"), children(twoVersionsRoot.resolve("trip-duration")));

    ModelRegistry.SavedModel latest = twoVersions.load(ModelRef.latest());

    assertEquals("v2", latest.version());
    assertEquals("run-2", latest.card().runId());
    assertArrayEquals(predictions(model), predictions(latest.model()));
  }

  @Test
  void missingVersionNamesTheExistingOnes() {
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> twoVersions.load(new ModelRef.Version(7)));

    assertTrue(e.getMessage().contains("model version v7 not found"), e.getMessage());
    assertTrue(e.getMessage().contains("existing versions: v1, v2"), e.getMessage());
    assertEquals(ExitCode.MODEL_NOT_FOUND, e.exitCode());
  }

  @Test
  void emptyRootHasNoModel(@TempDir Path root) {
    ModelRegistry registry = registry(root);
    assertEquals(List.of(), registry.versions());

    ModelNotFoundException latest = assertThrows(ModelNotFoundException.class, () -> registry.load(ModelRef.latest()));
    assertTrue(latest.getMessage().contains("no trained model under"), latest.getMessage());
    ModelNotFoundException v1 = assertThrows(ModelNotFoundException.class, () -> registry.load(new ModelRef.Version(1)));
    assertTrue(v1.getMessage().contains("existing versions: none"), v1.getMessage());
  }

  @Test
  void incompleteAndStagingFoldersAreNotVersions(@TempDir Path root) throws IOException {
    // versions() looks only at folder names and model.json, so stand-in versions suffice here.
    Path modelDir = root.resolve("trip-duration");
    for (String v : new String[] {"v1", "v2"}) {
      Files.createDirectories(modelDir.resolve(v).resolve(ModelRegistry.PIPELINE_DIR));
      Files.writeString(modelDir.resolve(v).resolve(ModelRegistry.CARD_FILE), "{}");
    }
    Files.createDirectories(modelDir.resolve("v3/pipeline"));                       // no model.json
    Files.createDirectories(modelDir.resolve("_staging-run-3/pipeline"));
    Files.writeString(modelDir.resolve("_staging-run-3/model.json"), "{}");        // not a version name
    Files.writeString(modelDir.resolve("v4"), "a file, not a folder");
    ModelRegistry registry = registry(root);

    assertEquals(List.of("v1", "v2"), registry.versions());
    assertThrows(ModelNotFoundException.class, () -> registry.load(new ModelRef.Version(3)));
    // Versions are never overwritten or reused: the next number skips the incomplete v3, and v4 is
    // taken (by a file), so save refuses before writing anything.
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> registry.save(model, card("run-3b")));
    assertTrue(refused.getMessage().contains("refusing to overwrite"), refused.getMessage());
    assertEquals(List.of("pipeline"), children(modelDir.resolve("v3")));
    assertEquals(List.of("_staging-run-3", "v1", "v2", "v3", "v4"), children(modelDir));
  }

  @Test
  void anIncompleteVersionFolderIsSkippedNotReused(@TempDir Path root) throws IOException {
    Path modelDir = root.resolve("trip-duration");
    Files.createDirectories(modelDir.resolve("v1/pipeline"));
    Files.writeString(modelDir.resolve("v1").resolve(ModelRegistry.CARD_FILE), "{}");
    Files.createDirectories(modelDir.resolve("v2/pipeline"));                       // a crashed save: no model.json
    ModelRegistry registry = registry(root);

    ModelRegistry.SavedModel saved = registry.save(model, card("run-after-crash"));

    assertEquals("v3", saved.version());
    assertEquals(List.of("v1", "v3"), registry.versions());
    assertEquals(List.of("v1", "v2", "v3"), children(modelDir));
  }

  @Test
  void versionsSortNumerically(@TempDir Path root) throws IOException {
    for (String v : new String[] {"v10", "v2", "v9"}) {
      Files.createDirectories(root.resolve("trip-duration").resolve(v));
      Files.writeString(root.resolve("trip-duration").resolve(v).resolve("model.json"), "{}");
    }
    assertEquals(List.of("v2", "v9", "v10"), registry(root).versions());
  }

  @Test
  void unseenPairsGetTheBackOffPredictionAndSeenPairsThePairOne() {
    assertTrue(settings.model().backoff().enabled(), "reference.conf enables the back-off");
    List<Row> rows = model.transform(probes).orderBy("id")
        .select(ModelColumns.PU_DO_SEEN, ModelColumns.PREDICTION, ModelColumns.PREDICTION_PAIR, ModelColumns.PREDICTION_BACKOFF)
        .collectAsList();
    Row seen = rows.get(0);
    assertTrue(seen.getBoolean(0));
    assertEquals(seen.getDouble(2), seen.getDouble(1), 0.0);
    // Seen pair 10_40 at 3 miles: 3 + 2 + 2.5·3 = 12.5 minutes in the generating formula.
    assertEquals(12.5, seen.getDouble(1), 0.5);
    for (Row unseen : List.of(rows.get(1), rows.get(2))) {
      assertFalse(unseen.getBoolean(0), unseen.toString());
      assertTrue(Double.isFinite(unseen.getDouble(1)), unseen.toString());
      assertEquals(unseen.getDouble(3), unseen.getDouble(1), 0.0, unseen.toString());
    }
    // 30_60 of seen zones: the additive back-off recovers 1 + 8 + 2.5·3 = 16.5 minutes.
    assertEquals(16.5, rows.get(1).getDouble(1), 0.5);
  }

  @Test
  void withoutBackOffEveryRowGetsThePairPrediction() {
    ModelParams p = settings.model();
    ModelParams noBackoff = p.withBackoff(
        new ModelParams.Backoff(false, p.backoff().regParam(), p.backoff().maxTripDistanceMiles()));
    DurationModel courseOnly = DurationPipeline.fit(syntheticTrainingTrips(), noBackoff);

    Dataset<Row> predicted = courseOnly.transform(probes).orderBy("id");

    assertFalse(List.of(predicted.columns()).contains(ModelColumns.PREDICTION_BACKOFF));
    assertTrue(courseOnly.backoffRegression().isEmpty());
    List<Row> rows = predicted.select(ModelColumns.PU_DO_SEEN, ModelColumns.PREDICTION, ModelColumns.PREDICTION_PAIR)
        .collectAsList();
    assertEquals(List.of(true, false, false), rows.stream().map(r -> r.getBoolean(0)).toList());
    for (Row r : rows) {
      assertTrue(Double.isFinite(r.getDouble(1)), r.toString());
      assertEquals(r.getDouble(2), r.getDouble(1), 0.0, r.toString());
    }
  }

  @Test
  void aModelWhoseCardNamesAnUnknownFeatureSetIsRefusedNotScoredAsTheCourseModel(@TempDir Path root) throws IOException {
    TrivialModels.saveIdentity(root);
    Path card = root.resolve("trip-duration/v1").resolve(ModelRegistry.CARD_FILE);
    Files.writeString(card, Files.readString(card).replace("\"featureSet\" : \"course\"", "\"featureSet\" : \"nosuch\""));
    Files.deleteIfExists(card.resolveSibling("." + ModelRegistry.CARD_FILE + ".crc")); // edited behind Hadoop's checksum

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry(root).load(ModelRef.latest()));

    assertTrue(e.getMessage().startsWith("file:" + root.resolve("trip-duration/v1") + "/model.json names feature set"
        + " 'nosuch', which this tripcast does not know (known: course, homework, extended)"), e.getMessage());
  }

  private static ModelRegistry registry(Path root) {
    return new ModelRegistry(root.toString(), settings.model().name(), spark.sparkContext().hadoopConfiguration());
  }

  /** A card with simple values, shaped like TrainJob's; finalLoss NaN as TrainJob writes for an empty history. */
  private static ModelCard card(String runId) {
    Map<String, Object> filters = new TreeMap<>(Map.of(
        "min_duration_minutes", 1.0, "max_duration_minutes", 60.0, "drop_pickup_outside_month", true));
    return ModelCard.builder()
        .name(settings.model().name())
        .createdAt("2021-02-01T00:00:00Z")
        .runId(runId)
        .taxiType("green")
        .featureSet("course")
        .trainMonths(List.of("2021-01"))
        .validMonths(List.of("2021-02"))
        .inputs(List.of(new ModelCard.InputFile("train", "2021-01", "file:/data/green_tripdata_2021-01.parquet", 1234L,
            320L, 320L, Map.of("duration_under_min", 0L))))
        .metrics(Map.of("train", new RegressionMetrics(320, 0.6, 0.5, 0.99, 0.0)))
        .pipeline(Map.of("stage_1", Map.of("regParam", "0.0")))
        .training(new ModelCard.Training("l-bfgs", 7, Double.NaN))
        .numFeatures(model.pairRegression().numFeatures())
        .puDoVocabularySize(model.vocabularySize())
        .filters(filters)
        .sparkVersion(spark.version())
        .tripcastVersion("test")
        .build();
  }

  /** Final predictions on the probe rows, ordered by id. */
  private static double[] predictions(DurationModel m) {
    return m.transform(probes).orderBy("id").select(col(ModelColumns.PREDICTION)).collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).toArray();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Relative path → SHA-256 of every file under {@code dir}. */
  private static Map<String, String> digests(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      Map<String, String> out = new TreeMap<>();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.filter(Files::isRegularFile)
          .forEach(f -> out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(read(f)))));
      assertFalse(out.isEmpty());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> children(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
