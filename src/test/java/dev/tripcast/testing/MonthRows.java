package dev.tripcast.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A month's rows in the three tables {@code score} commits ({@code scored_trips},
 * {@code error_report}, {@code data_quality}'s score rows), read back for the fault tests'
 * "re-running converges to exactly what a clean run writes".
 */
public final class MonthRows {
  private MonthRows() {}

  /** Rows of {@code month}: scored trips, {@code overall} error-report rows, {@code data_quality} score rows. */
  public static List<Long> counts(Path tables, String month) {
    return List.of(scoredTrips(tables, month).count(),
        errorReport(tables, month).where("dimension = 'overall'").count(),
        scoreQuality(tables, month).count());
  }

  /**
   * The month's rows in the three tables as sorted text, without what differs between two clean
   * runs of the same input ({@code scored_at}, {@code run_id}).
   */
  public static List<String> committed(Path tables, String month) {
    List<String> rows = new ArrayList<>();
    rows.addAll(text(scoredTrips(tables, month).drop("scored_at"), "scored_trips"));
    rows.addAll(text(errorReport(tables, month), "error_report"));
    rows.addAll(text(scoreQuality(tables, month).drop("run_id"), "data_quality"));
    return rows.stream().sorted().toList();
  }

  private static Dataset<Row> scoredTrips(Path tables, String month) {
    return table(tables, "scored_trips").where("month = '" + month + "'");
  }

  private static Dataset<Row> errorReport(Path tables, String month) {
    return table(tables, "error_report").where("month = '" + month + "'");
  }

  private static Dataset<Row> scoreQuality(Path tables, String month) {
    return table(tables, "data_quality").where("month = '" + month + "' AND job = 'score'");
  }

  private static Dataset<Row> table(Path tables, String name) {
    return TestSpark.session().read().format("delta").load(tables.resolve(name).toString());
  }

  private static List<String> text(Dataset<Row> rows, String table) {
    return rows.collectAsList().stream().map(r -> table + " " + r).toList();
  }
}
