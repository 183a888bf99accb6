package dev.tripcast.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.ingest.TripColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.data.xy.XYSeries;

/**
 * Notebook 2: {@code trip_distance} (miles) on the kept trips of the training month, its meter
 * errors, and why the back-off model caps its distance feature
 * ({@code tripcast.model.backoff.max-trip-distance-miles}).
 */
final class DistanceNotebook {
  static final String FILE = "02-trip-distance.md";
  /** Trips longer than this (miles) are drawn one by one in the scatter plot. */
  private static final double SCATTER_FROM_MILES = 30;
  /** A distance no trip within New York City reaches, miles. */
  private static final double ABSURD_MILES = 1000;

  private DistanceNotebook() {}

  static Page write(ExplorationData data, Path figures) {
    double cap = data.settings().model().backoff().maxTripDistanceMiles();
    double maxMinutes = data.settings().filters().maxDurationMinutes();
    Dataset<Row> kept = data.kept(ExplorationData.TRAIN);
    Column miles = col(TripColumns.TRIP_DISTANCE);
    Column minutes = col(FeatureColumns.DURATION);
    Column mph = miles.divide(minutes.divide(60));
    double speed = cap / (maxMinutes / 60); // the fastest a capped trip of the longest kept duration can be, mph
    Row r = kept.agg(count(lit(1)), max(miles), sum(when(miles.gt(cap), 1).otherwise(0)),
        sum(when(miles.gt(ABSURD_MILES), 1).otherwise(0)), sum(when(miles.equalTo(0), 1).otherwise(0)),
        sum(when(mph.gt(speed), 1).otherwise(0))).first();
    long n = r.getLong(0);
    double[] q = kept.stat().approxQuantile(TripColumns.TRIP_DISTANCE, new double[] {0.5, 0.99, 0.999}, 0.0);

    List<Charts.Bin> bins = new ArrayList<>();
    for (Row b : kept.where(miles.lt(cap)).groupBy(floor(miles).as("bin")).count().orderBy("bin").collectAsList()) {
      bins.add(new Charts.Bin(b.getLong(0), b.getLong(1)));
    }
    String histogram = "02-distance-histogram.png";
    Charts.save(Charts.histogram("Trip distance of kept trips, green " + ExplorationData.TRAIN,
        "trip_distance (miles, 1-mile bins, below " + Template.number(cap, 0) + ")", "trips (log scale)",
        bins, 1.0, true, List.of()), figures.resolve(histogram));

    XYSeries far = new XYSeries("trips");
    List<Row> farRows = kept.where(miles.gt(SCATTER_FROM_MILES))
        .select(minutes, miles).orderBy(minutes, miles).collectAsList();
    for (Row p : farRows) {
      far.add(p.getDouble(0), p.getDouble(1));
    }
    String scatter = "02-distance-vs-duration.png";
    Charts.save(Charts.scatter("Kept trips over " + Template.number(SCATTER_FROM_MILES, 0) + " miles, green "
            + ExplorationData.TRAIN, "duration (minutes)", "trip_distance (miles, log scale)", far, true,
        new double[] {SCATTER_FROM_MILES * 60 / speed, SCATTER_FROM_MILES, maxMinutes, maxMinutes * speed / 60},
        Template.number(speed, 0) + " mph"),
        figures.resolve(scatter));

    long over = r.getLong(2);
    Template t = new Template()
        .put("month", ExplorationData.TRAIN.toString())
        .put("histogram", "figures/" + histogram)
        .put("scatter", "figures/" + scatter)
        .count("kept", n)
        .number("max_minutes", maxMinutes, 0)
        .number("cap", cap, 0)
        .number("max_distance", r.getDouble(1), 2)
        .count("over_cap", over).percent("over_cap_share", (double) over / n, 3)
        .number("absurd", ABSURD_MILES, 0)
        .count("over_absurd", r.getLong(3))
        .count("zero", r.getLong(4)).percent("zero_share", (double) r.getLong(4) / n, 2)
        .number("speed", speed, 0)
        .count("over_speed", r.getLong(5)).percent("over_speed_share", (double) r.getLong(5) / n, 3)
        .number("p50", q[0], 2).number("p99", q[1], 2).number("p999", q[2], 2)
        .number("scatter_from", SCATTER_FROM_MILES, 0)
        .count("scatter_n", farRows.size());
    return Page.of(FILE, t);
  }
}
