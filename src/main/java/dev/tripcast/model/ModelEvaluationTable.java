package dev.tripcast.model;

import dev.tripcast.ingest.TripColumns;
import dev.tripcast.tables.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code model_evaluation} table written by {@code tripcast evaluate}: how models of several
 * feature sets, each trained on one month, do on the months after it. A table of its own rather
 * than {@code error_report} rows: these models are never saved or used to score, so they have no
 * registry version to key the error report by, and one row per (training month, evaluation month,
 * model, segment) is the matrix's natural shape. A run replaces its taxi type and training months.
 */
public final class ModelEvaluationTable {
  /** Segment of all evaluated trips. */
  public static final String OVERALL = "overall";
  /** Segment of trips whose PU_DO pair occurs in the training month. */
  public static final String SEEN = "pu_do_seen";
  /** Segment of trips whose PU_DO pair does not occur in the training month. */
  public static final String UNSEEN = "pu_do_unseen";

  /** The table; RMSE, MAE and bias in minutes. */
  public static final Table TABLE = Table.of("model_evaluation", String.join(", ",
          "taxi_type STRING", "train_month STRING", "eval_month STRING", "months_ahead INT", "model STRING",
          "feature_set STRING", "reg_param DOUBLE", "segment STRING", "n BIGINT", "rmse DOUBLE", "mae DOUBLE",
          "bias DOUBLE", "run_id STRING"),
      List.of(TripColumns.TAXI_TYPE), List.of(TripColumns.TAXI_TYPE, "train_month"),
      "RMSE of each feature set trained on one month and evaluated on the following months, by seen/unseen PU_DO");

  private ModelEvaluationTable() {}

  /**
   * One cell of the matrix.
   *
   * @param trainMonth "YYYY-MM" trained on
   * @param evalMonth "YYYY-MM" evaluated on
   * @param monthsAhead evalMonth − trainMonth, months
   * @param model variant label: "course", "course_backoff" or "extended"
   * @param featureSet the variant's feature set id
   * @param regParam the penalty of the extended regression (NaN for the course variants)
   * @param segment {@link #OVERALL}, {@link #SEEN} or {@link #UNSEEN}
   * @param metrics the segment's error
   */
  public record Cell(String trainMonth, String evalMonth, int monthsAhead, String model, String featureSet,
      double regParam, String segment, RegressionMetrics metrics) {}

  /** The table rows of the cells; a tiny local Dataset. */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String runId, List<Cell> cells) {
    List<Row> rows = new ArrayList<>();
    for (Cell c : cells) {
      rows.add(RowFactory.create(taxiType, c.trainMonth(), c.evalMonth(), c.monthsAhead(), c.model(), c.featureSet(),
          c.regParam(), c.segment(), c.metrics().n(), c.metrics().rmse(), c.metrics().mae(), c.metrics().bias(), runId));
    }
    return spark.createDataFrame(rows, TABLE.schema());
  }
}
