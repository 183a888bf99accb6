package dev.tripcast.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.DropReason;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.monitoring.MonthQuality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Notebook 1: the duration distribution of the training month and why only 1–60 minutes are kept
 * (the course's filter, {@code tripcast.filters}).
 */
final class DurationNotebook {
  static final String FILE = "01-duration.md";
  /** Histogram range, minutes. */
  private static final int HISTOGRAM_MAX_MINUTES = 120;

  private DurationNotebook() {}

  static Page write(ExplorationData data, Path figures) {
    double min = data.settings().filters().minDurationMinutes();
    double maxMinutes = data.settings().filters().maxDurationMinutes();
    Dataset<Row> month = data.month(ExplorationData.TRAIN);
    Column d = col(FeatureColumns.DURATION);
    Row r = month.agg(count(lit(1)), sum(when(d.lt(min), 1).otherwise(0)), sum(when(d.gt(maxMinutes), 1).otherwise(0)),
        max(d)).first();
    long rows = r.getLong(0);
    long under = r.getLong(1);
    long over = r.getLong(2);
    double[] q = month.stat().approxQuantile(FeatureColumns.DURATION, new double[] {0.5, 0.95, 0.99}, 0.0);

    List<Charts.Bin> bins = new ArrayList<>();
    long beyond = 0;
    for (Row b : month.where(d.geq(0)).groupBy(floor(d).as("bin")).count().orderBy("bin").collectAsList()) {
      long bin = b.getLong(0);
      if (bin < HISTOGRAM_MAX_MINUTES) {
        bins.add(new Charts.Bin(bin, b.getLong(1)));
      } else {
        beyond += b.getLong(1);
      }
    }
    String figure = "01-duration-histogram.png";
    Charts.save(Charts.histogram("Trip duration, green " + ExplorationData.TRAIN + " (all rows read)",
        "duration (minutes, 1-minute bins)", "trips", bins, 1.0, false, List.of(min, maxMinutes)),
        figures.resolve(figure));

    MonthQuality quality = data.quality(ExplorationData.TRAIN);
    Template t = new Template()
        .put("month", ExplorationData.TRAIN.toString())
        .put("figure", "figures/" + figure)
        .count("rows", rows)
        .number("min_minutes", min, 0)
        .number("max_minutes", maxMinutes, 0)
        .count("under", under).percent("under_share", (double) under / rows, 2)
        .count("over", over).percent("over_share", (double) over / rows, 2)
        .count("outside", under + over).percent("outside_share", (double) (under + over) / rows, 2)
        .count("course_kept", rows - under - over)
        .number("max_duration_hours", r.getDouble(3) / 60, 1)
        .number("p50", q[0], 1).number("p95", q[1], 1).number("p99", q[2], 1)
        .number("histogram_max", HISTOGRAM_MAX_MINUTES, 0)
        .count("beyond_histogram", beyond)
        .count("outside_month", quality.counts().dropped().get(DropReason.PICKUP_OUTSIDE_MONTH))
        .count("tripcast_kept", quality.counts().kept());
    return Page.of(FILE, t);
  }
}
