package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.tables.Warehouse;
import org.apache.spark.sql.SparkSession;

/** Where jobs keep what they write: the Delta warehouse and the model registry, from the settings. */
final class Stores {
  private Stores() {}

  /** The warehouse under {@code paths.warehouse-root}, with the configured S3 log-store policy. */
  static Warehouse warehouse(SparkSession spark, Settings settings) {
    return new Warehouse(spark, settings.paths().warehouseRoot(), settings.s3().singleDriverLogStore());
  }

  /** The registry of {@code model.name} under {@code paths.model-root}. */
  static ModelRegistry registry(SparkSession spark, Settings settings) {
    return new ModelRegistry(settings.paths().modelRoot(), settings.model().name(), spark.sparkContext().hadoopConfiguration());
  }
}
