package dev.tripcast.monitoring;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One numeric column of one window as Spark aggregates it in a single pass ({@link Aggregator}):
 * the missing and present counts, the moments (Chan et al.'s pairwise update, as Spark's own
 * {@code stddev_pop}), the extremes, and the rows per bin of two sets of edges taken from the
 * reference: its coarse {@link Binning#edges} (PSI) and its fine edges ({@link Profiler#fineEdges},
 * from which the window's quantile function is read, {@link #quantiles}), with the rows exactly
 * on each fine edge. Sketches of two windows merge exactly (a month is the merge of its days). A
 * Java bean so that Spark can encode it; tens of kilobytes (about 2,000 fine bins).
 *
 * <p>Null and NaN values count as missing (scored trips hold neither NaN nor ±Infinity: the
 * contract drops them, {@code NonFiniteInputs}).
 */
public final class NumericSketch implements Serializable {
  private static final long serialVersionUID = 1L;

  private long missing;
  private long present;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long[] binCounts = new long[0];
  private long[] fineCounts = new long[0];
  private long[] edgeCounts = new long[0];

  /** For Spark's bean encoder. */
  public NumericSketch() {}

  /** An empty sketch over n coarse and m fine edges (n + 1 and m + 1 bins). */
  static NumericSketch empty(double[] edges, double[] fineEdges) {
    NumericSketch s = new NumericSketch();
    s.binCounts = new long[edges.length + 1];
    s.fineCounts = new long[fineEdges.length + 1];
    s.edgeCounts = new long[fineEdges.length + 1];
    return s;
  }

  /** The sketch Spark returned as a struct (the bean encoder's fields, read by name). */
  static NumericSketch fromRow(org.apache.spark.sql.Row r) {
    NumericSketch s = new NumericSketch();
    s.missing = r.getLong(r.fieldIndex("missing"));
    s.present = r.getLong(r.fieldIndex("present"));
    s.mean = r.getDouble(r.fieldIndex("mean"));
    s.m2 = r.getDouble(r.fieldIndex("m2"));
    s.min = r.getDouble(r.fieldIndex("min"));
    s.max = r.getDouble(r.fieldIndex("max"));
    s.binCounts = longs(r.getList(r.fieldIndex("binCounts")));
    s.fineCounts = longs(r.getList(r.fieldIndex("fineCounts")));
    s.edgeCounts = longs(r.getList(r.fieldIndex("edgeCounts")));
    return s;
  }

  private static long[] longs(java.util.List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /** Counts one value (null or NaN: missing). */
  void add(Double value, double[] edges, double[] fineEdges) {
    if (value == null || value.isNaN()) {
      missing++;
      return;
    }
    double x = value;
    present++;
    double delta = x - mean;
    mean += delta / present;
    m2 += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
    binCounts[bin(edges, x)]++;
    int i = Arrays.binarySearch(fineEdges, x);
    if (i >= 0) { // exactly on an edge: TLC times and distances are discrete, and the edges are sample values
      fineCounts[i + 1]++;
      edgeCounts[i + 1]++;
    } else {
      fineCounts[-i - 1]++;
    }
  }

  /** Adds {@code other}'s counts to this one (both over the same edges); returns this. */
  NumericSketch merge(NumericSketch other) {
    if (other.present > 0) {
      long n = present + other.present;
      double delta = other.mean - mean;
      mean += delta * other.present / n;
      m2 += other.m2 + delta * delta * present * other.present / n;
      present = n;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    }
    missing += other.missing;
    for (int i = 0; i < binCounts.length; i++) {
      binCounts[i] += other.binCounts[i];
    }
    for (int i = 0; i < fineCounts.length; i++) {
      fineCounts[i] += other.fineCounts[i];
      edgeCounts[i] += other.edgeCounts[i];
    }
    return this;
  }

  /**
   * The window's quantile function at u = (i + 0.5) / points, read from the fine bins: the
   * quantile falls in the bin where the cumulative count passes u · present; the bin's values
   * equal to its lower edge sit on it, the others are spread evenly between its edges (the
   * window's min and max close the two outer bins). Its error is at most the width of that bin:
   * with edges at the reference's 1,000-point quantile grid, a bin holds 1/1000 of the reference.
   * Empty if no value.
   */
  double[] quantiles(int points, double[] fineEdges) {
    if (present == 0) {
      return new double[0];
    }
    double[] out = new double[points];
    int bin = 0;
    long before = 0; // values in the bins before `bin`
    for (int i = 0; i < points; i++) {
      double rank = (i + 0.5) / points * present;
      while (bin < fineCounts.length - 1 && before + fineCounts[bin] < rank) {
        before += fineCounts[bin++];
      }
      double lo = bin == 0 ? min : Math.max(fineEdges[bin - 1], min);
      double hi = bin == fineEdges.length ? max : Math.min(fineEdges[bin], max);
      long onEdge = bin == 0 ? 0 : edgeCounts[bin];
      double spread = fineCounts[bin] - onEdge;
      double within = rank - before <= onEdge || spread <= 0 ? 0 : Math.min(1, (rank - before - onEdge) / spread);
      out[i] = lo + within * Math.max(hi - lo, 0);
    }
    return out;
  }

  /** This sketch as a window's column profile, its quantile function at {@code points} points. */
  WindowProfile.Numeric toNumeric(int points, double[] fineEdges) {
    boolean any = present > 0;
    return new WindowProfile.Numeric(missing, any ? mean : 0, any ? Math.sqrt(Math.max(m2, 0) / present) : 0,
        any ? min : 0, any ? max : 0, quantiles(points, fineEdges), binCounts.clone());
  }

  /** Bin of x among ascending edges: 0 below the first, i for [e_{i-1}, e_i), edges.length at or above the last. */
  static int bin(double[] edges, double x) {
    int i = Arrays.binarySearch(edges, x);
    return i >= 0 ? i + 1 : -i - 1;
  }

  public long getMissing() {
    return missing;
  }

  public void setMissing(long missing) {
    this.missing = missing;
  }

  public long getPresent() {
    return present;
  }

  public void setPresent(long present) {
    this.present = present;
  }

  public double getMean() {
    return mean;
  }

  public void setMean(double mean) {
    this.mean = mean;
  }

  public double getM2() {
    return m2;
  }

  public void setM2(double m2) {
    this.m2 = m2;
  }

  public double getMin() {
    return min;
  }

  public void setMin(double min) {
    this.min = min;
  }

  public double getMax() {
    return max;
  }

  public void setMax(double max) {
    this.max = max;
  }

  public long[] getBinCounts() {
    return binCounts;
  }

  public void setBinCounts(long[] binCounts) {
    this.binCounts = binCounts;
  }

  public long[] getFineCounts() {
    return fineCounts;
  }

  public void setFineCounts(long[] fineCounts) {
    this.fineCounts = fineCounts;
  }

  public long[] getEdgeCounts() {
    return edgeCounts;
  }

  public void setEdgeCounts(long[] edgeCounts) {
    this.edgeCounts = edgeCounts;
  }

  /**
   * The Spark aggregation of one column into a {@link NumericSketch} ({@code functions.udaf}):
   * per row two binary searches (10 coarse, ~1,000 fine edges) and a few additions, so the
   * monitoring pass needs no {@code percentile_approx} digest and no second row per window.
   */
  static final class Aggregator extends org.apache.spark.sql.expressions.Aggregator<Double, NumericSketch, NumericSketch> {
    private static final long serialVersionUID = 1L;
    private final double[] edges;
    private final double[] fineEdges;

    Aggregator(double[] edges, double[] fineEdges) {
      this.edges = edges.clone();
      this.fineEdges = fineEdges.clone();
    }

    @Override
    public NumericSketch zero() {
      return empty(edges, fineEdges);
    }

    @Override
    public NumericSketch reduce(NumericSketch sketch, Double value) {
      sketch.add(value, edges, fineEdges);
      return sketch;
    }

    @Override
    public NumericSketch merge(NumericSketch a, NumericSketch b) {
      return a.merge(b);
    }

    @Override
    public NumericSketch finish(NumericSketch sketch) {
      return sketch;
    }

    @Override
    public org.apache.spark.sql.Encoder<NumericSketch> bufferEncoder() {
      return org.apache.spark.sql.Encoders.bean(NumericSketch.class);
    }

    @Override
    public org.apache.spark.sql.Encoder<NumericSketch> outputEncoder() {
      return org.apache.spark.sql.Encoders.bean(NumericSketch.class);
    }
  }
}
