package dev.tripcast.testing;

import dev.tripcast.features.FeatureSet;
import dev.tripcast.model.DurationModel;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.SparkSession;

/** Models for tests that need a registry version but never get as far as predicting. */
public final class TrivialModels {
  private TrivialModels() {}

  /**
   * Saves the next version of "trip-duration" (course feature set) under {@code models}: a
   * pipeline that passes rows through unchanged, with a minimal card.
   *
   * @return the saved version
   */
  public static ModelRegistry.SavedModel saveIdentity(Path models) {
    SparkSession spark = TestSpark.session();
    PipelineModel identity = new Pipeline()
        .setStages(new PipelineStage[] {new SQLTransformer().setStatement("SELECT * FROM __THIS__")})
        .fit(spark.range(1).toDF());
    ModelCard card = ModelCard.builder().name("trip-duration").createdAt("2021-03-01T00:00:00Z").runId("test-run")
        .taxiType("green").featureSet(FeatureSet.COURSE.id()).trainMonths(List.of("2021-01"))
        .validMonths(List.of("2021-02")).build();
    return new ModelRegistry(models.toString(), "trip-duration", spark.sparkContext().hadoopConfiguration())
        .save(new DurationModel(identity, FeatureSet.COURSE), card);
  }
}
