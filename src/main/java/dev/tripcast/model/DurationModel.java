package dev.tripcast.model;

import dev.tripcast.features.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted {@link DurationPipeline}: the persisted {@link PipelineModel} and the feature set it
 * was trained on. Its stages are found by the columns they write ({@link ModelColumns}), never by
 * position, so a pipeline with more or fewer stages still answers correctly or says what it lacks.
 *
 * @param pipeline the fitted pipeline, exactly as saved and loaded with {@code PipelineModel.load}
 * @param featureSet the inputs it was trained on
 * @param training how its main regression was fitted, when the fit says so and the regression's
 *     own training summary does not (an exact ridge fit has none); empty for a loaded model
 */
public record DurationModel(PipelineModel pipeline, FeatureSet featureSet, Optional<ModelCard.Training> training) {

  /** A model without a fit record: loaded, or fitted by MLlib (its regression has a summary). */
  public DurationModel(PipelineModel pipeline, FeatureSet featureSet) {
    this(pipeline, featureSet, Optional.empty());
  }

  /**
   * Predicts: adds {@code prediction} (double, minutes) and {@code pu_do_seen} (boolean) and the
   * intermediate {@link ModelColumns} to kept trips prepared for {@link #featureSet()}. Lazy.
   */
  public Dataset<Row> transform(Dataset<Row> kept) {
    return pipeline.transform(kept);
  }

  /**
   * Scores kept trips prepared for {@link #featureSet()}: adds {@code prediction} (double,
   * minutes) and {@code pu_do_seen} (boolean), the same values with either engine. Lazy. With
   * {@link ScoringEngine#COMPILED} the other added columns are the index and per-regression
   * prediction columns, no vectors ({@link CompiledPipeline}); a pipeline it cannot compile is
   * scored by {@link #transform} (one INFO line names the stage).
   *
   * @param engine {@code tripcast.scoring.engine}
   */
  public Dataset<Row> score(Dataset<Row> kept, ScoringEngine engine) {
    return switch (engine) {
      case MLLIB -> transform(kept);
      case COMPILED -> CompiledPipeline.compile(pipeline).map(c -> c.transform(kept)).orElseGet(() -> transform(kept));
    };
  }

  /** The course model's regression: the stage that writes {@code prediction_pair}. */
  public LinearRegressionModel pairRegression() {
    return regression(ModelColumns.PREDICTION_PAIR)
        .orElseThrow(() -> new IllegalStateException("pipeline has no regression writing " + ModelColumns.PREDICTION_PAIR));
  }

  /**
   * The regression behind {@code prediction} for seen PU_DO pairs: the course model's (writes
   * {@code prediction_pair}) or the extended model's ({@code prediction_extended}).
   */
  public LinearRegressionModel mainRegression() {
    return regression(ModelColumns.PREDICTION_PAIR).or(() -> regression(ModelColumns.PREDICTION_EXTENDED))
        .orElseThrow(() -> new IllegalStateException("pipeline has no regression writing "
            + ModelColumns.PREDICTION_PAIR + " or " + ModelColumns.PREDICTION_EXTENDED));
  }

  /** The back-off regression (writes {@code prediction_backoff}), if the model has one. */
  public Optional<LinearRegressionModel> backoffRegression() {
    return regression(ModelColumns.PREDICTION_BACKOFF);
  }

  /**
   * Distinct values seen in training of the model's first categorical: PU_DO (course, extended),
   * or PULocationID (homework).
   */
  public int vocabularySize() {
    return vocabularySize(featureSet == FeatureSet.HOMEWORK ? ModelColumns.PU_INDEX : ModelColumns.PU_DO_INDEX);
  }

  /**
   * Distinct values seen in training by the StringIndexer that writes {@code indexCol}; an index
   * equal to this size means "not seen in training" ({@code handleInvalid = keep}).
   *
   * @throws IllegalStateException if no StringIndexer writes that column
   */
  public int vocabularySize(String indexCol) {
    return stages().stream()
        .filter(StringIndexerModel.class::isInstance)
        .map(StringIndexerModel.class::cast)
        .filter(m -> outputs(m).contains(indexCol))
        .findFirst()
        .map(m -> m.labelsArray()[outputs(m).indexOf(indexCol)].length)
        .orElseThrow(() -> new IllegalStateException("pipeline has no StringIndexer writing " + indexCol));
  }

  private Optional<LinearRegressionModel> regression(String predictionCol) {
    return stages().stream()
        .filter(LinearRegressionModel.class::isInstance)
        .map(LinearRegressionModel.class::cast)
        .filter(m -> predictionCol.equals(m.getPredictionCol()))
        .findFirst();
  }

  /** Every stage, nested pipelines flattened, in order. */
  private List<Transformer> stages() {
    List<Transformer> out = new ArrayList<>();
    flatten(pipeline, out);
    return out;
  }

  private static void flatten(Transformer stage, List<Transformer> out) {
    if (stage instanceof PipelineModel pm) {
      for (Transformer inner : pm.stages()) {
        flatten(inner, out);
      }
    } else {
      out.add(stage);
    }
  }

  /** The index columns a StringIndexerModel writes, whether set as one outputCol or as outputCols. */
  private static List<String> outputs(StringIndexerModel m) {
    if (m.isSet(m.outputCols())) {
      return List.of(m.getOutputCols());
    }
    return List.of(m.getOutputCol());
  }
}
