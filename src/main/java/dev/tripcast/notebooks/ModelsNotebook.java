package dev.tripcast.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.model.DurationModel;
import dev.tripcast.model.DurationPipeline;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.model.ModelParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Notebook 4: the course model, the back-off model, tripcast's policy (course model for seen
 * PU_DO pairs, back-off for unseen ones) and the homework feature set, trained on the training
 * month and evaluated on the validation month, overall and by seen / unseen PU_DO pair.
 *
 * <p>Two {@link DurationPipeline#fit} calls: the configured course model (with its back-off), and
 * the same parameters with {@link FeatureSet#HOMEWORK}, as {@code tripcast train} fits those feature sets (its default,
 * {@link FeatureSet#EXTENDED}, is not fitted here; docs/model.md compares it). The course model alone is the fitted
 * pipeline's {@code prediction_pair}, the back-off alone its {@code prediction_backoff}: with the
 * back-off disabled the pipeline fits the same first four stages on the same rows, so a separate
 * fit would give the same predictions.
 */
final class ModelsNotebook {
  static final String FILE = "04-models.md";
  private static final String SEEN = "seen";

  private ModelsNotebook() {}

  /** The four predictors: label in the notebook → prediction column in the scored rows. */
  private static final Map<String, String> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("course model", "p_course");
    MODELS.put("back-off model alone", "p_backoff");
    MODELS.put("course + back-off (tripcast)", "p_policy");
    MODELS.put("homework (PU, DO one-hot)", "p_homework");
  }

  static Page write(ExplorationData data, Path figures) {
    // The notebook explores the course's model whatever the configured default feature set is.
    ModelParams course = data.settings().model().withFeatureSet(FeatureSet.COURSE);
    if (!course.backoff().enabled()) {
      throw new IllegalStateException("the model notebook needs tripcast.model.backoff.enabled = true");
    }
    ModelParams homework = course.withFeatureSet(FeatureSet.HOMEWORK);
    Dataset<Row> train = modelInput(data.kept(ExplorationData.TRAIN)).cache();
    Dataset<Row> valid = modelInput(data.kept(ExplorationData.VALID));
    Dataset<Row> scored = null;
    try {
      DurationModel courseModel = DurationPipeline.fit(train, course);
      DurationModel homeworkModel = DurationPipeline.fit(train, homework);
      Dataset<Row> byCourse = courseModel.transform(valid).select(col(FeatureColumns.DURATION),
          col(TripColumns.PU_LOCATION_ID), col(TripColumns.DO_LOCATION_ID),
          col(ModelColumns.PU_DO_SEEN).as(SEEN), col(ModelColumns.PREDICTION_PAIR).as("p_course"),
          col(ModelColumns.PREDICTION_BACKOFF).as("p_backoff"), col(ModelColumns.PREDICTION).as("p_policy"));
      scored = homeworkModel.transform(byCourse).withColumnRenamed(ModelColumns.PREDICTION, "p_homework")
          .select(FeatureColumns.DURATION, SEEN, "p_course", "p_backoff", "p_policy", "p_homework").cache();

      List<Column> aggs = new ArrayList<>();
      for (String p : MODELS.values()) {
        Column e = col(FeatureColumns.DURATION).minus(col(p));
        aggs.add(sum(e.multiply(e)));
      }
      Map<String, Row> segments = new LinkedHashMap<>();
      for (Row r : scored.groupBy(col(SEEN)).agg(count(lit(1)), aggs.toArray(new Column[0])).collectAsList()) {
        segments.put(r.getBoolean(0) ? "seen" : "unseen", r);
      }
      long nSeen = segments.get("seen").getLong(1);
      long nUnseen = segments.get("unseen").getLong(1);
      long n = nSeen + nUnseen;

      DefaultCategoryDataset chart = new DefaultCategoryDataset();
      StringBuilder table = new StringBuilder(String.format(java.util.Locale.ROOT,
          "| model | overall (n = %,d) | seen PU_DO (n = %,d) | unseen PU_DO (n = %,d) |\n|---|---:|---:|---:|\n",
          n, nSeen, nUnseen));
      Template t = new Template();
      int i = 0;
      for (Map.Entry<String, String> m : MODELS.entrySet()) {
        double sseSeen = segments.get("seen").getDouble(2 + i);
        double sseUnseen = segments.get("unseen").getDouble(2 + i);
        double overall = Math.sqrt((sseSeen + sseUnseen) / n);
        double seen = Math.sqrt(sseSeen / nSeen);
        double unseen = Math.sqrt(sseUnseen / nUnseen);
        chart.addValue(overall, m.getKey(), "overall");
        chart.addValue(seen, m.getKey(), "seen PU_DO");
        chart.addValue(unseen, m.getKey(), "unseen PU_DO");
        table.append("| ").append(m.getKey()).append(" | ").append(Template.number(overall, 4)).append(" | ")
            .append(Template.number(seen, 4)).append(" | ").append(Template.number(unseen, 4)).append(" |\n");
        String key = m.getValue().substring(2);
        t.number(key + "_overall", overall, 2).number(key + "_seen", seen, 2).number(key + "_unseen", unseen, 2);
        i++;
      }
      String figure = "04-rmse-by-model.png";
      Charts.save(Charts.bars("Validation RMSE, trained on green " + ExplorationData.TRAIN + ", evaluated on "
          + ExplorationData.VALID, "validation trips", "RMSE (minutes)", chart, false, false), figures.resolve(figure));

      t.put("train", ExplorationData.TRAIN.toString())
          .put("valid", ExplorationData.VALID.toString())
          .put("figure", "figures/" + figure)
          .put("table", table.toString().stripTrailing())
          .count("train_kept", train.count())
          .count("course_features", courseModel.pairRegression().numFeatures())
          .count("course_iterations", courseModel.pairRegression().summary().totalIterations())
          .count("homework_features", homeworkModel.pairRegression().numFeatures())
          .count("homework_iterations", homeworkModel.pairRegression().summary().totalIterations())
          .number("backoff_cap", course.backoff().maxTripDistanceMiles(), 0)
          .put("backoff_reg", Double.toString(course.backoff().regParam()))
          .percent("unseen_share", (double) nUnseen / n, 1);
      return Page.of(FILE, t);
    } finally {
      train.unpersist();
      if (scored != null) {
        scored.unpersist();
      }
    }
  }

  private static Dataset<Row> modelInput(Dataset<Row> kept) {
    return kept.select(FeatureColumns.PU_DO, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID,
        TripColumns.TRIP_DISTANCE, FeatureColumns.DURATION);
  }
}
