package dev.tripcast.testing;

import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A month's rows in the three tables {@code score} commits ({@code scored_trips},
 * {@code error_report}, {@code data_quality}'s score rows), read back for the fault tests'
 * "re-running converges to exactly what a clean run writes". A table not created yet holds no rows.
 */
public final class MonthRows {
  private MonthRows() {}

  /** Rows of {@code month}: scored trips, {@code overall} error-report rows, {@code data_quality} score rows. */
  public static List<Long> counts(Path tables, String month) {
    return counts(tables.toString(), month);
  }

  /** {@link #counts(Path, String)} of a warehouse given by its URI ({@code s3a://bucket/tables}). */
  public static List<Long> counts(String tables, String month) {
    return List.of(scoredTrips(tables, month).count(),
        errorReport(tables, month).where("dimension = 'overall'").count(),
        scoreQuality(tables, month).count());
  }

  /**
   * The month's rows in the three tables and in {@code shadow_trips} as sorted text, without what differs between two clean
   * runs of the same input ({@code scored_at}, {@code run_id}).
   */
  public static List<String> committed(Path tables, String month) {
    return committed(tables.toString(), month);
  }

  /** {@link #committed(Path, String)} of a warehouse given by its URI ({@code s3a://bucket/tables}). */
  public static List<String> committed(String tables, String month) {
    List<String> rows = new ArrayList<>();
    rows.addAll(text(scoredTrips(tables, month).drop("scored_at"), "scored_trips"));
    rows.addAll(text(errorReport(tables, month), "error_report"));
    rows.addAll(text(scoreQuality(tables, month).drop("run_id"), "data_quality"));
    rows.addAll(text(table(tables, ScoredTrips.SHADOW_TABLE).where("month = '" + month + "'").drop("scored_at"),
        "shadow_trips"));
    return rows.stream().sorted().toList();
  }

  private static Dataset<Row> scoredTrips(String tables, String month) {
    return table(tables, ScoredTrips.TABLE).where("month = '" + month + "'");
  }

  private static Dataset<Row> errorReport(String tables, String month) {
    return table(tables, ErrorReport.TABLE).where("month = '" + month + "'");
  }

  private static Dataset<Row> scoreQuality(String tables, String month) {
    return table(tables, DataQualityTable.TABLE).where("month = '" + month + "' AND job = 'score'");
  }

  /** The table's rows; none if it was not created yet (a first run that died before its first write). */
  private static Dataset<Row> table(String tables, Table table) {
    SparkSession spark = TestSpark.session();
    String path = tables + "/" + table.name();
    return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path)
        : spark.createDataFrame(List.of(), table.schema());
  }

  private static List<String> text(Dataset<Row> rows, String table) {
    return rows.collectAsList().stream().map(r -> table + " " + r).toList();
  }
}
