package dev.tripcast.model;

import static dev.tripcast.model.ModelColumns.DO_INDEX;
import static dev.tripcast.model.ModelColumns.DO_VECTOR;
import static dev.tripcast.model.ModelColumns.FEATURES;
import static dev.tripcast.model.ModelColumns.PREDICTION_EXTENDED;
import static dev.tripcast.model.ModelColumns.PU_DO_INDEX;
import static dev.tripcast.model.ModelColumns.PU_DO_VECTOR;
import static dev.tripcast.model.ModelColumns.PU_INDEX;
import static dev.tripcast.model.ModelColumns.PU_VECTOR;
import static dev.tripcast.model.ModelColumns.X_DISTANCE;
import static dev.tripcast.model.ModelColumns.X_DISTANCE_OVER_CAP;
import static dev.tripcast.model.ModelColumns.X_DISTANCE_ZERO;
import static dev.tripcast.model.ModelColumns.X_DO;
import static dev.tripcast.model.ModelColumns.X_GROUP_PAIR;
import static dev.tripcast.model.ModelColumns.X_GROUP_PAIR_INDEX;
import static dev.tripcast.model.ModelColumns.X_GROUP_PAIR_VECTOR;
import static dev.tripcast.model.ModelColumns.X_GROUP_PAIR_X_SPLINE;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKDAY;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKDAY_INDEX;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKDAY_VECTOR;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKPART;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKPART_INDEX;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKPART_VECTOR;
import static dev.tripcast.model.ModelColumns.X_HOUR_WEEKPART_X_DISTANCE;
import static dev.tripcast.model.ModelColumns.X_PU;
import static dev.tripcast.model.ModelColumns.X_PU_DO;
import static dev.tripcast.model.ModelColumns.X_SPLINE;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.TaxiZones;
import dev.tripcast.ingest.TripColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;

/**
 * The {@code extended} feature set's stages (docs/model.md), all built-in Spark transformers, so that
 * {@code PipelineModel.load} alone reproduces the predictions:
 *
 * <ol>
 *   <li>{@link #featureSql SQLTransformer}: zone ids as text ("-1" if null) and their pair; the
 *       distance clamped to [0, cap] with zero and over-cap flags and spline hinges
 *       {@code max(d − k, 0)}; the pickup's hour × weekend and hour × day of week; the pair of zone
 *       groups (borough/service_zone from the shipped zone lookup, written into the statement as
 *       literal id lists, so the saved model needs no lookup file);
 *   <li>StringIndexer (handleInvalid=keep) → OneHotEncoder (dropLast: an unseen value is all
 *       zeros) of PU_DO, PU, DO, hour-weekpart, hour-weekday, group pair;
 *   <li>the spline vector, {@code hour-weekpart × distance} and {@code group pair × spline}
 *       interactions;
 *   <li>one LinearRegression (L-BFGS, L2 only, unstandardized) over PU_DO + PU + DO + spline +
 *       flags + hour-weekday + both interactions, writing {@code prediction_extended}.
 * </ol>
 *
 * <p>An unseen PU_DO pair needs no separate back-off: its one-hot is zero and the ridge-shrunk
 * additive PU and DO terms predict it. Input columns: {@code pickup_datetime} (TIMESTAMP_NTZ, New
 * York wall clock; its hour and day of week are read from the wall clock's seconds and ignore
 * the session time zone), {@code PULocationID}, {@code DOLocationID} (int), {@code trip_distance} (double,
 * miles); label {@code duration} (minutes). Nothing from the trip's end is read.
 */
final class ExtendedPipeline {
  /** The label for a zone id the lookup lacks (and for a null id). */
  static final String UNKNOWN_GROUP = "NA";

  private ExtendedPipeline() {}

  /** The unfitted pipeline, the regression penalised by {@code regParam}. */
  static Pipeline estimator(ModelParams.Extended params, double regParam) {
    String[] categoricals = {X_PU_DO, X_PU, X_DO, X_HOUR_WEEKPART, X_HOUR_WEEKDAY, X_GROUP_PAIR};
    String[] indexes = {PU_DO_INDEX, PU_INDEX, DO_INDEX, X_HOUR_WEEKPART_INDEX, X_HOUR_WEEKDAY_INDEX, X_GROUP_PAIR_INDEX};
    String[] vectors = {PU_DO_VECTOR, PU_VECTOR, DO_VECTOR, X_HOUR_WEEKPART_VECTOR, X_HOUR_WEEKDAY_VECTOR,
        X_GROUP_PAIR_VECTOR};
    List<String> spline = new ArrayList<>(List.of(X_DISTANCE));
    for (int i = 0; i < params.distanceKnotsMiles().size(); i++) {
      spline.add(ModelColumns.xHinge(i));
    }
    return new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement(featureSql(params)),
        new StringIndexer().setInputCols(categoricals).setOutputCols(indexes).setHandleInvalid("keep"),
        new OneHotEncoder().setInputCols(indexes).setOutputCols(vectors),
        new VectorAssembler().setInputCols(spline.toArray(new String[0])).setOutputCol(X_SPLINE),
        new Interaction().setInputCols(new String[] {X_HOUR_WEEKPART_VECTOR, X_DISTANCE}).setOutputCol(X_HOUR_WEEKPART_X_DISTANCE),
        new Interaction().setInputCols(new String[] {X_GROUP_PAIR_VECTOR, X_SPLINE}).setOutputCol(X_GROUP_PAIR_X_SPLINE),
        new VectorAssembler().setInputCols(new String[] {PU_DO_VECTOR, PU_VECTOR, DO_VECTOR, X_SPLINE, X_DISTANCE_ZERO,
            X_DISTANCE_OVER_CAP, X_HOUR_WEEKDAY_VECTOR, X_HOUR_WEEKPART_X_DISTANCE, X_GROUP_PAIR_X_SPLINE}).setOutputCol(FEATURES),
        new LinearRegression()
            .setFeaturesCol(FEATURES)
            .setLabelCol(FeatureColumns.DURATION)
            .setPredictionCol(PREDICTION_EXTENDED)
            .setSolver("l-bfgs")
            .setMaxIter(params.maxIter())
            .setTol(params.tol())
            .setRegParam(regParam)
            .setElasticNetParam(0.0)
            .setStandardization(false)});
  }

  /** The feature statement: every derived input column, from the four trip columns only. */
  static String featureSql(ModelParams.Extended params) {
    String pu = "coalesce(" + TripColumns.PU_LOCATION_ID + ", -1)";
    String dozone = "coalesce(" + TripColumns.DO_LOCATION_ID + ", -1)";
    String distance = TripColumns.TRIP_DISTANCE;
    String pickup = TripColumns.PICKUP_DATETIME;
    String cap = params.maxTripDistanceMiles() + "D";
    String capped = "least(greatest(" + distance + ", 0D), " + cap + ")";
    List<String> columns = new ArrayList<>();
    columns.add("CAST(" + pu + " AS STRING) AS " + X_PU);
    columns.add("CAST(" + dozone + " AS STRING) AS " + X_DO);
    columns.add("concat(CAST(" + pu + " AS STRING), '_', CAST(" + dozone + " AS STRING)) AS " + X_PU_DO);
    columns.add(capped + " AS " + X_DISTANCE);
    List<Double> knots = params.distanceKnotsMiles();
    for (int i = 0; i < knots.size(); i++) {
      columns.add("greatest(" + capped + " - " + knots.get(i) + "D, 0D) AS " + ModelColumns.xHinge(i));
    }
    columns.add("CASE WHEN " + distance + " <= 0 THEN 1D ELSE 0D END AS " + X_DISTANCE_ZERO);
    columns.add("CASE WHEN " + distance + " > " + cap + " THEN 1D ELSE 0D END AS " + X_DISTANCE_OVER_CAP);
    String hour = "CAST(" + hourOfDay(pickup) + " AS STRING)";
    String dayOfWeek = dayOfWeek(pickup);
    columns.add("concat(" + hour + ", CASE WHEN " + dayOfWeek + " IN (1, 7) THEN 'e' ELSE 'd' END) AS " + X_HOUR_WEEKPART);
    columns.add("concat(" + hour + ", '_', CAST(" + dayOfWeek + " AS STRING)) AS " + X_HOUR_WEEKDAY);
    columns.add("concat(" + zoneGroup(pu) + ", '>', " + zoneGroup(dozone) + ") AS " + X_GROUP_PAIR);
    return "SELECT *, " + String.join(", ", columns) + " FROM __THIS__";
  }

  /**
   * {@code hour(t)} of a TIMESTAMP_NTZ wall clock, 0–23, as arithmetic on {@code unix_timestamp(t)}
   * (the wall clock's whole seconds since 1970-01-01 00:00, no time zone): Spark's {@code hour()}
   * on TIMESTAMP_NTZ builds a calendar per value (docs/performance.md). Equal to {@code hour(t)} for
   * every time from 1970 on; before 1970, a value within a second before a full hour (e.g.
   * 1969-12-31 23:59:59.5) reads the next hour, as {@code unix_timestamp} truncates toward zero.
   */
  static String hourOfDay(String timestampNtz) {
    return "(pmod(unix_timestamp(" + timestampNtz + "), 86400) DIV 3600)";
  }

  /**
   * {@code dayofweek(t)} of a TIMESTAMP_NTZ wall clock, 1 = Sunday … 7 = Saturday (Spark's
   * numbering), as arithmetic on {@code unix_timestamp(t)}: 1970-01-01 was a Thursday (5). Same
   * range and caveat as {@link #hourOfDay}.
   */
  static String dayOfWeek(String timestampNtz) {
    String seconds = "unix_timestamp(" + timestampNtz + ")";
    return "(pmod((" + seconds + " - pmod(" + seconds + ", 86400)) DIV 86400 + 4, 7) + 1)";
  }

  /** {@code CASE WHEN id IN (…) THEN 'Borough/service_zone' … ELSE 'NA' END}, from the shipped lookup. */
  static String zoneGroup(String zoneIdExpr) {
    Map<String, List<Integer>> byGroup = new TreeMap<>();
    for (TaxiZones.Zone z : TaxiZones.all()) {
      String group = (z.borough() + "/" + z.serviceZone()).replace("'", "");
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(z.locationId());
    }
    StringBuilder sql = new StringBuilder("CASE");
    byGroup.forEach((group, ids) -> sql.append(" WHEN ").append(zoneIdExpr).append(" IN (")
        .append(ids.stream().map(String::valueOf).collect(Collectors.joining(","))).append(") THEN '")
        .append(group).append("'"));
    return sql.append(" ELSE '").append(UNKNOWN_GROUP).append("' END").toString();
  }
}
