package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.features.FeatureSet;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SavedPipelineReader} against {@code PipelineModel.load} on the same saved folders: the
 * same stage classes, uids, params (set and default values) and data, and the same rows out of
 * {@code transform}, for the course model (with and without back-off) and the homework model;
 * and it runs no Spark job. The extended model is checked in {@link ExtendedModelIT}.
 */
class SavedPipelineReaderIT {
  private static SparkSession spark;
  private static Dataset<Row> probes;
  private static Path root;

  @BeforeAll
  static void fit(@TempDir Path work) {
    spark = TestSpark.session();
    root = work;
    probes = ModelRegistryIT.syntheticTrainingTrips().unionByName(ModelRegistryIT.probeTrips());
  }

  @Test
  void courseModelWithBackOff() throws Exception {
    check(FeatureSet.COURSE, true);
  }

  @Test
  void courseModelWithoutBackOff() throws Exception {
    check(FeatureSet.COURSE, false);
  }

  @Test
  void homeworkModel() throws Exception {
    check(FeatureSet.HOMEWORK, true);
  }

  @Test
  void anUnknownLayoutFallsBackToEmpty(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("metadata"));
    Files.writeString(dir.resolve("metadata/part-00000"),
        "{\"class\":\"org.apache.spark.ml.feature.Bucketizer\",\"timestamp\":1,\"sparkVersion\":\"3.5.9\","
            + "\"uid\":\"b\",\"paramMap\":{},\"defaultParamMap\":{}}\n");
    assertTrue(SavedPipelineReader.read(dir.toString(), spark.sparkContext().hadoopConfiguration()).isEmpty());
  }

  private static void check(FeatureSet featureSet, boolean backoff) throws Exception {
    var settings = TestSettings.defaults(TestSettings.realDataRoot(), root.resolve(featureSet.id() + backoff));
    ModelParams params = settings.model().withFeatureSet(featureSet);
    if (!backoff) {
      ModelParams.Backoff b = params.backoff();
      params = params.withBackoff(new ModelParams.Backoff(false, b.regParam(), b.maxTripDistanceMiles()));
    }
    DurationModel model = DurationPipeline.fit(ModelRegistryIT.syntheticTrainingTrips(), params);
    String dir = root.resolve(featureSet.id() + backoff + "/pipeline").toString();
    model.pipeline().write().save(dir);

    PipelineModel loaded = PipelineModel.load(dir);
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart event) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    PipelineModel read;
    try {
      read = SavedPipelineReader.read(dir, spark.sparkContext().hadoopConfiguration()).orElseThrow();
    } finally {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(counter);
    }
    assertEquals(0, jobs.get(), "Spark jobs run by the reader");
    assertSameStages(loaded, read);
    assertSameOutput(loaded.transform(probes), read.transform(probes));
  }

  /** Same classes, uids, params and fitted data, stage by stage (nested pipelines flattened). */
  static void assertSameStages(PipelineModel expected, PipelineModel actual) {
    List<Transformer> e = flatten(expected);
    List<Transformer> a = flatten(actual);
    assertEquals(e.size(), a.size());
    assertEquals(expected.uid(), actual.uid());
    for (int i = 0; i < e.size(); i++) {
      assertEquals(e.get(i).getClass(), a.get(i).getClass());
      assertEquals(e.get(i).uid(), a.get(i).uid());
      for (Param<?> param : e.get(i).params()) { // set or default, arrays by content
        Param<?> same = a.get(i).getParam(param.name());
        assertEquals(e.get(i).isSet(param), a.get(i).isSet(same), param.name() + " set in " + e.get(i).uid());
        assertEquals(e.get(i).isDefined(param), a.get(i).isDefined(same), param.name() + " defined in " + e.get(i).uid());
        if (e.get(i).isDefined(param)) {
          assertTrue(Objects.deepEquals(e.get(i).getOrDefault(param), a.get(i).getOrDefault(same)),
              param.name() + " of " + e.get(i).uid());
        }
      }
      if (e.get(i) instanceof StringIndexerModel s) {
        assertArrayEquals(s.labelsArray(), ((StringIndexerModel) a.get(i)).labelsArray());
      } else if (e.get(i) instanceof OneHotEncoderModel o) {
        assertArrayEquals(o.categorySizes(), ((OneHotEncoderModel) a.get(i)).categorySizes());
      } else if (e.get(i) instanceof LinearRegressionModel l) {
        LinearRegressionModel r = (LinearRegressionModel) a.get(i);
        assertEquals(l.coefficients(), r.coefficients());
        assertEquals(l.intercept(), r.intercept());
        assertEquals(l.scale(), r.scale());
      }
    }
  }

  /** The same rows, every column (vectors included), exactly. */
  static void assertSameOutput(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(List.of(expected.columns()), List.of(actual.columns()));
    assertEquals(0L, expected.exceptAll(actual).count());
    assertEquals(0L, actual.exceptAll(expected).count());
  }

  private static List<Transformer> flatten(PipelineModel model) {
    List<Transformer> out = new ArrayList<>();
    for (Transformer t : model.stages()) {
      if (t instanceof PipelineModel pm) {
        out.addAll(flatten(pm));
      } else {
        out.add(t);
      }
    }
    return out;
  }
}
