package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.Metadata;

/**
 * {@link Pipeline#fit} with one difference: an iterative {@link LinearRegression} (any solver but
 * {@code normal}) is fitted on a local checkpoint of its label and features columns instead of on
 * the stages' lazy output. The fitted stages, and so the saved {@link PipelineModel} and its
 * predictions, are the same: the regression sees the same rows in the same partitions.
 *
 * <p>Why: Spark serialises an RDD's whole lineage, and the plan it came from, into every task it
 * runs (the stage's "task binary"). The regression's training blocks descend from the earlier
 * stages' transforms, whose closures hold every fitted {@code StringIndexer}'s label map (13,220
 * PU_DO strings on green 2021-01) and the extended feature statement, and whose features column
 * carries the encoders' ML attributes, a name per feature (the task binary was 1 MB). L-BFGS runs
 * one Spark job per loss evaluation, about 430 in an extended {@code train}, and each of their tasks
 * deserialised all of that again: a JFR of {@code train} on the real 2021-01
 * (docs/performance.md, "train") found 45 % of the process's CPU samples in Java
 * (de)serialisation, against 3 % in the loss itself. After the checkpoint a task's lineage is the
 * checkpoint's blocks alone, and the features column keeps only its size of those attributes.
 *
 * <p>The checkpoint ({@link Dataset#localCheckpoint()}: executor memory, spilling to Spark's local
 * disk) is materialised once, before the regression's first pass, and dropped after its fit.
 * Unlike a cache it cannot be recomputed: an executor lost during the fit fails it ({@code train}
 * exits 1, nothing saved), and a retry starts over.
 */
final class PipelineFit {
  private PipelineFit() {}

  /**
   * Fits {@code pipeline} on {@code data} as {@link Pipeline#fit} does (each estimator on the
   * output of the stages before it; transformers pass through).
   *
   * @return a flat {@link PipelineModel} of the fitted stages, in the pipeline's order
   */
  static PipelineModel fit(Pipeline pipeline, Dataset<Row> data) {
    PipelineStage[] stages = pipeline.getStages();
    int lastEstimator = -1;
    for (int i = 0; i < stages.length; i++) {
      if (stages[i] instanceof Estimator) {
        lastEstimator = i;
      }
    }
    List<Transformer> fitted = new ArrayList<>();
    Dataset<Row> current = data;
    for (int i = 0; i < stages.length; i++) {
      Transformer transformer;
      if (stages[i] instanceof LinearRegression lr && iterative(lr)) {
        Dataset<Row> checkpoint = checkpoint(lr, current);
        try {
          transformer = lr.fit(checkpoint);
        } finally {
          drop(checkpoint);
        }
      } else if (stages[i] instanceof Estimator<?> estimator) {
        transformer = (Model<?>) estimator.fit(current);
      } else if (stages[i] instanceof Transformer t) {
        transformer = t;
      } else {
        throw new IllegalArgumentException("stage " + i + " is neither an Estimator nor a Transformer: " + stages[i]);
      }
      fitted.add(transformer);
      if (i < lastEstimator) {
        current = transformer.transform(current);
      }
    }
    return chain(fitted, data);
  }

  /**
   * Fits {@code pipeline} once per entry of {@code lastStageParams}, as {@link #fit} with those
   * parameters set on its last stage, an iterative {@link LinearRegression}. The stages before it
   * do not depend on them: they are fitted once and their output checkpointed once, and the
   * regressions are fitted one after the other from that checkpoint.
   *
   * @return one flat {@link PipelineModel} per entry, in the list's order
   * @throws IllegalArgumentException if the last stage is not an iterative LinearRegression
   */
  static List<PipelineModel> fitEach(Pipeline pipeline, Dataset<Row> data, List<ParamMap> lastStageParams) {
    PipelineStage[] stages = pipeline.getStages();
    if (stages.length == 0 || !(stages[stages.length - 1] instanceof LinearRegression lr) || !iterative(lr)) {
      throw new IllegalArgumentException("the pipeline's last stage must be an iterative LinearRegression");
    }
    PipelineModel features = fit(new Pipeline().setStages(Arrays.copyOf(stages, stages.length - 1)), data);
    Dataset<Row> checkpoint = checkpoint(lr, features.transform(data));
    try {
      List<PipelineModel> models = new ArrayList<>();
      for (ParamMap params : lastStageParams) {
        List<Transformer> chained = new ArrayList<>(List.of(features.stages()));
        chained.add(lr.fit(checkpoint, params));
        models.add(chain(chained, data));
      }
      return models;
    } finally {
      drop(checkpoint);
    }
  }

  private static boolean iterative(LinearRegression lr) {
    return !"normal".equals(lr.getSolver());
  }

  /**
   * The regression's label, features (and weight) columns, computed once: lineage cut. The
   * features column keeps only its size of the ML attributes the encoders attach (a name per
   * feature, about 1 MB for the extended model on a real month), which every task of every pass
   * would otherwise carry in the plan it deserialises.
   */
  private static Dataset<Row> checkpoint(LinearRegression lr, Dataset<Row> data) {
    String features = lr.getFeaturesCol();
    int size = AttributeGroup.fromStructField(data.schema().apply(features)).size();
    Metadata sizeOnly = size < 0 ? Metadata.empty() : new AttributeGroup(features, size).toMetadata();
    List<Column> columns = new ArrayList<>(List.of(col(lr.getLabelCol()), col(features).as(features, sizeOnly)));
    if (lr.isDefined(lr.weightCol()) && !lr.getWeightCol().isEmpty()) {
      columns.add(col(lr.getWeightCol()));
    }
    return data.select(columns.toArray(new Column[0])).localCheckpoint();
  }

  private static void drop(Dataset<Row> checkpoint) {
    if (checkpoint.queryExecution().analyzed() instanceof LogicalRDD rdd) {
      rdd.rdd().unpersist(false);
    }
  }

  /** Transformers only: {@link Pipeline#fit} touches no data, it chains them into one PipelineModel. */
  static PipelineModel chain(List<Transformer> stages, Dataset<Row> data) {
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(data);
  }
}
