package dev.tripcast.jobs;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.ModelResolver;
import dev.tripcast.tables.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Everything one run works with, made once by the command that starts it and handed to every job
 * it runs: the Spark session, the effective settings, the run's identity ({@link RunInfo}), the one
 * {@link Warehouse} of the run (table handles, one schema check and one snapshot per table), the
 * model registry with its aliases and resolver, and the run log ({@link RecordedRun}). Jobs never
 * build stores of their own.
 *
 * <p>A job made of jobs ({@link NightlyJob}) gives each step its own identity with
 * {@link #forRun}: the step shares the session, the settings, the warehouse and the registry.
 * Commands make it with {@link #open}; the ArchitectureTest lets no other main class build a
 * {@link Warehouse}.
 *
 * @param run the run's identity: id, job, start
 * @param warehouse the run's one warehouse
 * @param registry the saved versions of {@code model.name}
 * @param aliases the {@code model_registry} table of {@code model.name}
 * @param models model references → loaded versions, and the first-champion step
 */
public record RunContext(SparkSession spark, Settings settings, RunInfo run, Warehouse warehouse,
    ModelRegistry registry, ModelAliases aliases, ModelResolver models) {

  /**
   * The context of a new run: the warehouse under {@code paths.warehouse-root} with the
   * configured S3 log-store policy and catalog database ({@code catalog.database}), and the registry of {@code model.name} under
   * {@code paths.model-root}. Reads and writes nothing.
   */
  public static RunContext open(SparkSession spark, Settings settings, RunInfo run) {
    Warehouse warehouse = new Warehouse(spark, settings.paths().warehouseRoot(), settings.s3().singleDriverLogStore(),
        settings.catalog().database());
    ModelRegistry registry = new ModelRegistry(settings.paths().modelRoot(), settings.model().name(),
        spark.sparkContext().hadoopConfiguration());
    ModelAliases aliases = new ModelAliases(spark, warehouse, settings.model().name());
    return new RunContext(spark, settings, run, warehouse, registry, aliases, new ModelResolver(registry, aliases));
  }

  /** The same session, settings, warehouse and registry, for a run of its own ({@code step}). */
  public RunContext forRun(RunInfo step) {
    return new RunContext(spark, settings, step, warehouse, registry, aliases, models);
  }

  /** The session's Hadoop configuration (reaches the data, model and warehouse roots). */
  public Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }
}
