package dev.tripcast.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted {@link PipelineModel} turned into native Spark SQL columns, which Spark's code
 * generation compiles like any projection: no UDF, no {@code VectorUDT}.
 *
 * <ul>
 *   <li>{@code SQLTransformer}: its statement, as it is;
 *   <li>{@code StringIndexerModel} ({@code handleInvalid = keep}): each index column (double) from
 *       {@link LabelCodes}, the label count for a null or unseen label;
 *   <li>{@code OneHotEncoderModel} ({@code handleInvalid = error}), {@code VectorAssembler}
 *       ({@code handleInvalid = error}), {@code Interaction}: no column, a {@link FeatureVector}
 *       of formulas;
 *   <li>{@code LinearRegressionModel}: its prediction column, the dot product of its features'
 *       formulas with the coefficients, term by term in MLlib's order, plus the intercept; a
 *       one-hot block's term is a coefficient look-up by the index.
 * </ul>
 *
 * <p>Output: the input's columns, every column a {@code SQLTransformer} adds, the index and the
 * prediction columns, with the values {@code PipelineModel.transform} gives them (the same
 * doubles); no vector columns. One difference on rows MLlib rejects: a null numeric feature makes
 * a null prediction instead of failing the job (tripcast's kept rows have none).
 */
final class CompiledPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledPipeline.class);

  private final List<UnaryOperator<Dataset<Row>>> steps;

  private CompiledPipeline(List<UnaryOperator<Dataset<Row>>> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Compiles every stage (nested pipelines flattened) on the driver; reads no data.
   *
   * @return empty, after one INFO line naming the stage, if a stage is of a kind or setting the
   *     compiler does not know
   */
  static Optional<CompiledPipeline> compile(PipelineModel pipeline) {
    Compiler compiler = new Compiler();
    try {
      compiler.add(pipeline);
      return Optional.of(new CompiledPipeline(compiler.steps));
    } catch (UnsupportedStageException e) {
      LOG.info("scoring engine compiled does not know stage {}: {}; scoring with mllib", e.stage, e.getMessage());
      return Optional.empty();
    }
  }

  /** The model applied to {@code kept} (lazy): see the class comment for the columns. */
  Dataset<Row> transform(Dataset<Row> kept) {
    Dataset<Row> out = kept;
    for (UnaryOperator<Dataset<Row>> step : steps) {
      out = step.apply(out);
    }
    return out;
  }

  /** A stage the compiler cannot reproduce exactly. */
  private static final class UnsupportedStageException extends Exception {
    private final String stage;

    UnsupportedStageException(Transformer stage, String why) {
      super(why, null, false, false);
      this.stage = stage.getClass().getSimpleName() + " " + stage.uid();
    }
  }

  /** Walks the stages in order, keeping the vector columns as formulas. */
  private static final class Compiler {
    private final List<UnaryOperator<Dataset<Row>>> steps = new ArrayList<>();
    private final Map<String, FeatureVector> vectors = new HashMap<>();
    private final Set<String> indexColumns = new HashSet<>();

    void add(Transformer stage) throws UnsupportedStageException {
      if (stage instanceof PipelineModel nested) {
        for (Transformer inner : nested.stages()) {
          add(inner);
        }
      } else if (stage instanceof SQLTransformer sql) {
        steps.add(sql::transform);
      } else if (stage instanceof StringIndexerModel indexer) {
        stringIndexer(indexer);
      } else if (stage instanceof OneHotEncoderModel encoder) {
        oneHotEncoder(encoder);
      } else if (stage instanceof VectorAssembler assembler) {
        requireSetting(assembler, "handleInvalid", assembler.getHandleInvalid(), "error");
        vectors.put(assembler.getOutputCol(), FeatureVector.concat(inputs(assembler, assembler.getInputCols())));
      } else if (stage instanceof Interaction interaction) {
        vectors.put(interaction.getOutputCol(), FeatureVector.interaction(inputs(interaction, interaction.getInputCols())));
      } else if (stage instanceof LinearRegressionModel regression) {
        linearRegression(regression);
      } else {
        throw new UnsupportedStageException(stage, "no compiled form for " + stage.getClass().getName());
      }
    }

    private void stringIndexer(StringIndexerModel indexer) throws UnsupportedStageException {
      requireSetting(indexer, "handleInvalid", indexer.getHandleInvalid(), "keep");
      boolean many = indexer.isSet(indexer.inputCols());
      String[] in = many ? indexer.getInputCols() : new String[] {indexer.getInputCol()};
      String[] out = many ? indexer.getOutputCols() : new String[] {indexer.getOutputCol()};
      String[][] labels = indexer.labelsArray();
      Map<String, Column> columns = new LinkedHashMap<>();
      for (int i = 0; i < in.length; i++) {
        columns.put(out[i], LabelCodes.code(col(in[i]).cast("string"), labels[i]).cast("double"));
        indexColumns.add(out[i]);
      }
      steps.add(ds -> ds.withColumns(columns));
    }

    private void oneHotEncoder(OneHotEncoderModel encoder) throws UnsupportedStageException {
      requireSetting(encoder, "handleInvalid", encoder.getHandleInvalid(), "error");
      boolean many = encoder.isSet(encoder.inputCols());
      String[] in = many ? encoder.getInputCols() : new String[] {encoder.getInputCol()};
      String[] out = many ? encoder.getOutputCols() : new String[] {encoder.getOutputCol()};
      int[] categories = encoder.categorySizes();
      boolean dropLast = encoder.getDropLast();
      for (int i = 0; i < in.length; i++) {
        vectors.put(out[i], FeatureVector.oneHot(col(in[i]).cast("int"), categories[i] - (dropLast ? 1 : 0)));
      }
    }

    private void linearRegression(LinearRegressionModel regression) throws UnsupportedStageException {
      FeatureVector features = vectors.get(regression.getFeaturesCol());
      if (features == null) {
        throw new UnsupportedStageException(regression, "its features column " + regression.getFeaturesCol()
            + " is not built by a compiled stage");
      }
      Column prediction = features.dot(regression.coefficients().toArray(), regression.intercept());
      String name = regression.getPredictionCol();
      steps.add(ds -> ds.withColumn(name, prediction));
    }

    /** The inputs of an assembler or interaction: vectors built before, else numeric columns. */
    private List<FeatureVector> inputs(Transformer stage, String[] columns) throws UnsupportedStageException {
      List<FeatureVector> parts = new ArrayList<>();
      for (String c : columns) {
        if (vectors.containsKey(c)) {
          parts.add(vectors.get(c));
        } else if (indexColumns.contains(c)) {
          // MLlib reads the index's nominal metadata and expands it: not compiled.
          throw new UnsupportedStageException(stage, "it reads the index column " + c + " directly");
        } else {
          parts.add(FeatureVector.scalar(col(c)));
        }
      }
      return parts;
    }

    private static void requireSetting(Transformer stage, String param, String actual, String supported)
        throws UnsupportedStageException {
      if (!supported.equals(actual)) {
        throw new UnsupportedStageException(stage, param + " = " + actual + " (compiled: only " + supported + ")");
      }
    }
  }
}
