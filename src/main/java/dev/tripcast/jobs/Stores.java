package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelRegistry;
import java.util.List;
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

  /** The {@code model_registry} table of {@code model.name}, in the warehouse. */
  static ModelAliases aliases(SparkSession spark, Settings settings) {
    return new ModelAliases(spark, warehouse(spark, settings), settings.model().name());
  }

  /**
   * Loads the model {@code ref} selects, resolving an alias through {@code model_registry}.
   * Writes nothing: a registry without a champion resolves it to its first version, which
   * {@link Loaded#recordUse} then records as champion.
   *
   * @throws dev.tripcast.errors.ModelNotFoundException if the version or alias does not exist
   */
  static Loaded load(SparkSession spark, Settings settings, ModelRef ref, String runId) {
    ModelRegistry registry = registry(spark, settings);
    if (!(ref instanceof ModelRef.Alias)) {
      return new Loaded(registry.load(ref), null, List.of(), runId);
    }
    ModelAliases aliases = aliases(spark, settings);
    List<String> versions = registry.versions();
    ModelAliases.Resolved resolved = aliases.resolve(ref, versions, registry.modelDir());
    return new Loaded(registry.load(resolved.ref()), resolved.firstChampion() ? aliases : null, versions, runId);
  }

  /**
   * A loaded model and, if it stands in for a champion not yet recorded, what records it.
   *
   * @param model the loaded version
   * @param pendingChampion the registry to record the first champion in, or null
   */
  record Loaded(ModelRegistry.SavedModel model, ModelAliases pendingChampion, List<String> versions, String runId) {
    /**
     * Records a first champion after the run used it.
     *
     * @return one line for the user if this run promoted it, else empty
     */
    List<String> recordUse() {
      return pendingChampion == null ? List.of()
          : pendingChampion.promoteFirstChampion(model.version(), versions, runId).stream().toList();
    }
  }
}
