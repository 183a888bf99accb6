package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Profiles trips with Spark aggregations: two jobs per call (one aggregation of the numeric
 * columns, one count of the bucketed categories), whose results are a few hundred rows; no trip
 * is collected. Input: the columns of {@link ProfileColumns} ({@code fromScoredTrips} or
 * {@code fromPredicted}).
 */
public final class Profiler {
  private Profiler() {}

  /**
   * The reference's binning of the training data (two jobs): numeric bin edges at its quantiles
   * 1/bins … (bins − 1)/bins, the top categories and, for the zone ids, every category.
   */
  public static Binning binning(Dataset<Row> reference, MonitoringParams params) {
    List<Column> aggs = new ArrayList<>();
    double[] cuts = new double[params.bins() - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (i + 1.0) / params.bins();
    }
    for (String c : ProfileColumns.NUMERIC) {
      aggs.add(percentile_approx(col(c), lits(cuts), lit(params.percentileAccuracy())).as(c));
    }
    Row q = reference.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    Map<String, double[]> edges = new LinkedHashMap<>();
    for (String c : ProfileColumns.NUMERIC) {
      List<Double> values = q.isNullAt(q.fieldIndex(c)) ? List.of() : q.getList(q.fieldIndex(c));
      edges.put(c, values.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray());
    }
    Map<String, List<String>> top = new LinkedHashMap<>();
    Map<String, List<String>> known = new LinkedHashMap<>();
    Map<String, List<Row>> counts = new LinkedHashMap<>();
    for (Row r : categoryLongForm(reference).groupBy("column", "category").count()
        .orderBy(col("column"), col("count").desc(), col("category")).collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
    }
    for (String c : ProfileColumns.CATEGORICAL) {
      List<String> ordered = counts.getOrDefault(c, List.of()).stream().map(r -> r.getString(1)).toList();
      top.put(c, ordered.subList(0, Math.min(params.topCategories(), ordered.size())));
      if (!c.equals(ProfileColumns.PU_DO)) {
        known.put(c, ordered.stream().sorted().toList());
      }
    }
    return new Binning(edges, top, known);
  }

  /**
   * Profiles {@code trips}: the whole Dataset as one window, and, with {@code byDay}, each pickup
   * date ({@link ProfileColumns#DAY}) too.
   *
   * @param wholeWindow the whole Dataset's window name, e.g. "2021-02" or "reference"
   * @return the whole window first, then the days in date order; a day without trips has no window
   */
  public static List<WindowProfile> profile(Dataset<Row> trips, Binning binning, MonitoringParams params,
      String wholeWindow, boolean byDay) {
    Dataset<Row> input = byDay ? trips.withColumn("window", date_format(col(ProfileColumns.DAY), "yyyy-MM-dd"))
        : trips.withColumn("window", lit(wholeWindow));
    Map<String, Map<String, WindowProfile.Categorical>> categorical = new TreeMap<>(categoricals(input, binning));
    if (byDay) {
      categorical.put(wholeWindow, summed(categorical));
    }
    List<Column> aggs = new ArrayList<>();
    double[] grid = new double[params.quantiles()];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (i + 0.5) / grid.length;
    }
    for (String c : ProfileColumns.NUMERIC) {
      Column x = col(c);
      aggs.add(sum(when(x.isNull(), 1).otherwise(0)).as(c + "__missing"));
      aggs.add(coalesce(mean(x), lit(0.0)).as(c + "__mean"));
      aggs.add(coalesce(stddev_pop(x), lit(0.0)).as(c + "__std"));
      aggs.add(coalesce(min(x).cast("double"), lit(0.0)).as(c + "__min"));
      aggs.add(coalesce(max(x).cast("double"), lit(0.0)).as(c + "__max"));
      aggs.add(percentile_approx(x.cast("double"), lits(grid), lit(params.percentileAccuracy())).as(c + "__q"));
      double[] e = binning.edges().get(c);
      for (int b = 0; b <= e.length; b++) {
        // no edges (a column the layout lacks, e.g. FHV's trip_distance, all null): one bin of the values
        Column in = e.length == 0 ? x.isNotNull()
            : b == 0 ? x.lt(e[0]) : b == e.length ? x.geq(e[b - 1]) : x.geq(e[b - 1]).and(x.lt(e[b]));
        aggs.add(sum(when(in, 1).otherwise(0)).as(c + "__bin" + b));
      }
    }
    Dataset<Row> grouped = (byDay ? input.rollup(col("window")) : input.groupBy(col("window")))
        .agg(count(lit(1)).as("rows"), aggs.toArray(Column[]::new));
    Map<String, WindowProfile> out = new TreeMap<>();
    for (Row r : grouped.collectAsList()) {
      String window = r.isNullAt(0) ? wholeWindow : r.getString(0);
      Map<String, WindowProfile.Numeric> numeric = new LinkedHashMap<>();
      for (String c : ProfileColumns.NUMERIC) {
        numeric.put(c, numeric(r, c, binning.edges().get(c).length + 1));
      }
      out.put(window, new WindowProfile(window, r.getLong(r.fieldIndex("rows")), numeric,
          categorical.getOrDefault(window, Map.of())));
    }
    List<WindowProfile> ordered = new ArrayList<>();
    if (out.containsKey(wholeWindow)) {
      ordered.add(out.remove(wholeWindow));
    }
    ordered.addAll(out.values());
    return ordered;
  }

  private static WindowProfile.Numeric numeric(Row r, String c, int bins) {
    int q = r.fieldIndex(c + "__q");
    double[] quantiles = r.isNullAt(q) ? new double[0]
        : r.<Double>getList(q).stream().mapToDouble(Double::doubleValue).toArray();
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      counts[b] = r.getLong(r.fieldIndex(c + "__bin" + b));
    }
    return new WindowProfile.Numeric(r.getLong(r.fieldIndex(c + "__missing")), r.getDouble(r.fieldIndex(c + "__mean")),
        r.getDouble(r.fieldIndex(c + "__std")), r.getDouble(r.fieldIndex(c + "__min")),
        r.getDouble(r.fieldIndex(c + "__max")), quantiles, counts);
  }

  /**
   * Window → column → counts of the top categories, "other", missing and unseen (one job; the
   * whole window is the sum of its days, counts being additive).
   */
  private static Map<String, Map<String, WindowProfile.Categorical>> categoricals(Dataset<Row> input, Binning binning) {
    List<Column> bucketed = new ArrayList<>();
    for (String c : ProfileColumns.CATEGORICAL) {
      Column value = col(c).cast("string");
      Column bucket = when(value.isNull(), lit(null).cast("string"))
          .when(value.isin(binning.topCategories().get(c).toArray()), value).otherwise(lit(Binning.OTHER));
      Column unseen = c.equals(ProfileColumns.PU_DO) ? coalesce(col(ProfileColumns.UNSEEN_PAIR), lit(false))
          : value.isNotNull().and(not(value.isin(binning.knownCategories().get(c).toArray())));
      bucketed.add(struct(lit(c).as("column"), bucket.as("category"), unseen.as("unseen")));
    }
    List<Row> rows = input.select(col("window"), explode(array(bucketed.toArray(Column[]::new))).as("c"))
        .groupBy(col("window"), col("c.column"), col("c.category"), col("c.unseen")).count().collectAsList();
    Map<String, Map<String, long[]>> missingUnseen = new TreeMap<>();
    Map<String, Map<String, Map<String, Long>>> counts = new TreeMap<>();
    for (Row r : rows) {
      String window = r.getString(0);
      String column = r.getString(1);
      long n = r.getLong(4);
      long[] mu = missingUnseen.computeIfAbsent(window, k -> new TreeMap<>()).computeIfAbsent(column, k -> new long[2]);
      Map<String, Long> byCategory = counts.computeIfAbsent(window, k -> new TreeMap<>())
          .computeIfAbsent(column, k -> zeroCounts(binning.topCategories().get(column)));
      if (r.isNullAt(2)) {
        mu[0] += n;
      } else {
        byCategory.merge(r.getString(2), n, Long::sum);
      }
      if (r.getBoolean(3)) {
        mu[1] += n;
      }
    }
    Map<String, Map<String, WindowProfile.Categorical>> out = new TreeMap<>();
    counts.forEach((window, columns) -> columns.forEach((column, byCategory) -> {
      long[] mu = missingUnseen.get(window).get(column);
      out.computeIfAbsent(window, k -> new LinkedHashMap<>())
          .put(column, new WindowProfile.Categorical(mu[0], mu[1], byCategory));
    }));
    // Also every missing-only column (all nulls) gets its entry.
    missingUnseen.forEach((window, columns) -> columns.forEach((column, mu) -> out
        .computeIfAbsent(window, k -> new LinkedHashMap<>())
        .putIfAbsent(column, new WindowProfile.Categorical(mu[0], mu[1], zeroCounts(binning.topCategories().get(column))))));
    return out;
  }

  /** The column-wise sum of the windows' category counts (a month from its days). */
  private static Map<String, WindowProfile.Categorical> summed(Map<String, Map<String, WindowProfile.Categorical>> windows) {
    Map<String, WindowProfile.Categorical> total = new LinkedHashMap<>();
    for (Map<String, WindowProfile.Categorical> columns : windows.values()) {
      columns.forEach((column, c) -> total.merge(column, c, (a, b) -> {
        Map<String, Long> counts = new LinkedHashMap<>(a.counts());
        b.counts().forEach((k, n) -> counts.merge(k, n, Long::sum));
        return new WindowProfile.Categorical(a.missing() + b.missing(), a.unseen() + b.unseen(), counts);
      }));
    }
    return total;
  }

  private static Map<String, Long> zeroCounts(List<String> top) {
    Map<String, Long> m = new LinkedHashMap<>();
    top.forEach(t -> m.put(t, 0L));
    m.put(Binning.OTHER, 0L);
    return m;
  }

  private static Dataset<Row> categoryLongForm(Dataset<Row> trips) {
    List<Column> pairs = new ArrayList<>();
    for (String c : ProfileColumns.CATEGORICAL) {
      pairs.add(struct(lit(c).as("column"), col(c).cast("string").as("category")));
    }
    return trips.select(explode(array(pairs.toArray(Column[]::new))).as("c"))
        .select(col("c.column").as("column"), col("c.category").as("category")).where(col("category").isNotNull());
  }

  private static Column not(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  private static Column lits(double[] values) {
    Column[] cs = new Column[values.length];
    for (int i = 0; i < values.length; i++) {
      cs[i] = lit(values[i]);
    }
    return array(cs);
  }
}
