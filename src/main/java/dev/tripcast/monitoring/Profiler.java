package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Profiles trips with Spark aggregations; no trip is collected. A monitored month takes two jobs
 * grouped by pickup day ({@link #profile}: the numeric columns' {@link NumericSketch}es, the
 * counts of the bucketed categories), whose results are one row per day; the reference, at
 * training time, takes two more for its bins and exact quantile functions ({@link #binning},
 * {@link #quantileFunctions}). Input: the columns of {@link ProfileColumns} ({@code fromScoredTrips}
 * or {@code fromPredicted}).
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
   * The reference's quantile functions: per numeric column {@code params.quantiles()} points at u =
   * (i + 0.5) / n, by Spark's {@code percentile_approx} at {@code params.percentileAccuracy()} (one
   * job; empty for a column without values). Their distinct values are the fine edges every later
   * window is counted in ({@link ReferenceProfile#fineEdges}).
   */
  public static Map<String, double[]> quantileFunctions(Dataset<Row> reference, MonitoringParams params) {
    double[] grid = new double[params.quantiles()];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (i + 0.5) / grid.length;
    }
    List<Column> aggs = new ArrayList<>();
    for (String c : ProfileColumns.NUMERIC) {
      aggs.add(percentile_approx(col(c).cast("double"), lits(grid), lit(params.percentileAccuracy())).as(c));
    }
    Row q = reference.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String c : ProfileColumns.NUMERIC) {
      int i = q.fieldIndex(c);
      out.put(c, q.isNullAt(i) ? new double[0] : q.<Double>getList(i).stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  /**
   * The reference's own profile (window {@link ReferenceProfile#WINDOW}): {@link #profile} of the
   * training data with its quantile functions taken exactly from {@link #quantileFunctions}, not
   * interpolated (three Spark jobs).
   */
  public static WindowProfile reference(Dataset<Row> trips, Binning binning, MonitoringParams params) {
    Map<String, double[]> quantiles = quantileFunctions(trips, params);
    WindowProfile profile = profile(trips, binning, fineEdges(quantiles), params, ReferenceProfile.WINDOW, false).get(0);
    Map<String, WindowProfile.Numeric> numeric = new LinkedHashMap<>();
    profile.numeric().forEach((c, n) -> numeric.put(c, new WindowProfile.Numeric(n.missing(), n.mean(), n.std(), n.min(),
        n.max(), n.present() == 0 ? new double[0] : quantiles.get(c), n.binCounts())));
    return new WindowProfile(profile.window(), profile.rows(), numeric, profile.categorical());
  }

  /** Widest fine bin, relative to the magnitude of its lower edge ({@link #fineEdges}). */
  static final double MAX_RELATIVE_WIDTH = 0.05;
  /** The fine edges reach this many times the reference's largest magnitude on each side. */
  static final double TAIL_REACH = 1e6;

  /**
   * Quantile functions → the fine edges of {@link NumericSketch}: the distinct values, ascending,
   * with every gap wider than max(s, {@value #MAX_RELATIVE_WIDTH} · |edge|) filled, and the same
   * steps laid beyond both ends out to {@value #TAIL_REACH} times the largest magnitude, where s is
   * the mean width of the reference's bins between its 1 % and 99 % quantiles. So a bin holds at
   * most 1/1000 of the reference and is at most 5 % wide (or s) wherever the reference is sparse or
   * absent: TLC's trip_distance has data-entry outliers of 10⁵ miles (the reference's 99.95 %
   * quantile is 7,976 miles, its 99.85 % 34 miles), and a month that moved outside the reference
   * (durations × 1.5) is still resolved. Between 1,000 and about 2,500 edges per column.
   */
  public static Map<String, double[]> fineEdges(Map<String, double[]> quantileFunctions) {
    Map<String, double[]> out = new LinkedHashMap<>();
    quantileFunctions.forEach((c, q) -> out.put(c, fineEdges(q)));
    return out;
  }

  static double[] fineEdges(double[] quantileFunction) {
    double[] inner = java.util.Arrays.stream(quantileFunction).filter(Double::isFinite).distinct().sorted().toArray();
    if (inner.length == 0) {
      return inner;
    }
    double first = inner[0];
    double last = inner[inner.length - 1];
    double step = (inner[(int) (0.99 * (inner.length - 1))] - inner[(int) (0.01 * (inner.length - 1))]) / 1000;
    double magnitude = Math.max(Math.max(Math.abs(first), Math.abs(last)), 1e-9);
    if (!(step > 0)) {
      step = magnitude * 1e-3;
    }
    double reach = TAIL_REACH * Math.max(magnitude, step);
    List<Double> below = new ArrayList<>();
    for (double x = first - width(first, step); x > first - reach; x -= width(x, step)) {
      below.add(x);
    }
    java.util.Collections.reverse(below);
    List<Double> edges = new ArrayList<>(below);
    edges.add(first);
    for (int i = 1; i < inner.length; i++) {
      for (double x = edges.get(edges.size() - 1) + width(edges.get(edges.size() - 1), step); x < inner[i];
          x += width(x, step)) {
        edges.add(x);
      }
      edges.add(inner[i]);
    }
    for (double x = last + width(last, step); x < last + reach; x += width(x, step)) {
      edges.add(x);
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The widest fine bin next to {@code x}: max(step, {@value #MAX_RELATIVE_WIDTH} · |x|). */
  private static double width(double x, double step) {
    return Math.max(step, MAX_RELATIVE_WIDTH * Math.abs(x));
  }

  /**
   * Profiles {@code trips}: the whole Dataset as one window, and, with {@code byDay}, each pickup
   * date ({@link ProfileColumns#DAY}) too. Two Spark jobs, one row per window each: the numeric
   * columns' {@link NumericSketch}es and the category counts; a month is the sum of its days,
   * merged on the driver. A window's quantile function is interpolated in the fine bins
   * ({@link NumericSketch#quantiles}).
   *
   * @param fineEdges numeric column → ascending fine edges (the reference's quantile function,
   *     {@link #fineEdges}); an empty array counts every value in one bin
   * @param wholeWindow the whole Dataset's window name, e.g. "2021-02" or "reference"
   * @return the whole window first, then the days in date order; a day without trips has no window
   */
  public static List<WindowProfile> profile(Dataset<Row> trips, Binning binning, Map<String, double[]> fineEdges,
      MonitoringParams params, String wholeWindow, boolean byDay) {
    Dataset<Row> input = byDay ? trips.withColumn("window", date_format(col(ProfileColumns.DAY), "yyyy-MM-dd"))
        : trips.withColumn("window", lit(wholeWindow));
    Map<String, Map<String, WindowProfile.Categorical>> categorical = new TreeMap<>(categoricals(input, binning));
    if (byDay) {
      categorical.put(wholeWindow, summed(categorical));
    }
    List<Column> aggs = new ArrayList<>();
    for (String c : ProfileColumns.NUMERIC) {
      NumericSketch.Aggregator sketch = new NumericSketch.Aggregator(binning.edges().get(c), fineEdges.get(c));
      aggs.add(udaf(sketch, Encoders.DOUBLE()).apply(col(c).cast("double")).as(c));
    }
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Map<String, NumericSketch>> sketches = new TreeMap<>();
    for (Row r : input.groupBy(col("window")).agg(count(lit(1)).as("rows"), aggs.toArray(Column[]::new)).collectAsList()) {
      Map<String, NumericSketch> byColumn = new LinkedHashMap<>();
      for (String c : ProfileColumns.NUMERIC) {
        byColumn.put(c, NumericSketch.fromRow(r.getStruct(r.fieldIndex(c))));
      }
      rows.put(r.getString(0), r.getLong(1));
      sketches.put(r.getString(0), byColumn);
    }
    if (byDay && !rows.isEmpty()) {
      Map<String, NumericSketch> month = new LinkedHashMap<>();
      for (String c : ProfileColumns.NUMERIC) {
        NumericSketch total = NumericSketch.empty(binning.edges().get(c), fineEdges.get(c));
        sketches.values().forEach(days -> total.merge(days.get(c)));
        month.put(c, total);
      }
      rows.put(wholeWindow, rows.values().stream().mapToLong(Long::longValue).sum());
      sketches.put(wholeWindow, month);
    }
    List<WindowProfile> ordered = new ArrayList<>();
    for (String window : rows.keySet()) {
      Map<String, WindowProfile.Numeric> numeric = new LinkedHashMap<>();
      sketches.get(window).forEach((c, s) -> numeric.put(c, s.toNumeric(params.quantiles(), fineEdges.get(c))));
      WindowProfile p = new WindowProfile(window, rows.get(window), numeric, categorical.getOrDefault(window, Map.of()));
      if (window.equals(wholeWindow)) {
        ordered.add(0, p);
      } else {
        ordered.add(p);
      }
    }
    return ordered;
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
