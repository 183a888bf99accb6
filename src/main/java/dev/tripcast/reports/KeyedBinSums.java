package dev.tripcast.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The error report's first aggregation, one partition at a time: for every trip and each of its
 * {@code keys} integer keys, adds the trip's diff to the sums of (run, key index, key, |diff| bin).
 * A hand-written aggregation because this is the report's whole cost: Spark's hash aggregation
 * behind an {@code explode} or {@code GROUPING SETS} took about 0.5 µs per (trip, key) (11 s of
 * task CPU for a 3M-trip month, docs/performance.md); one open-addressing map of primitives per
 * key index ({@link LongKeyedSums}) takes a fraction of that. Partitions' sums are merged by the
 * Spark aggregation that follows.
 *
 * <p>Input rows: {@code taxi_type, month, model_version} (string), {@code d} (double, diff in
 * minutes, never null), then one int key per key index. The bin of a trip is
 * {@code floor(|d| / binMinutes)}, at most {@link #LAST_BIN} (an infinite |d| lands there).
 * Output rows: {@link #OUTPUT}.
 */
final class KeyedBinSums implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The output shape: per (run, key index {@code by}, key, bin), the sums of its trips. */
  static final StructType OUTPUT = StructType.fromDDL("taxi_type STRING, month STRING, model_version STRING, "
      + "by INT, key INT, bin BIGINT, n BIGINT, sum_d DOUBLE, sum_d2 DOUBLE, sum_ad DOUBLE, min_ad DOUBLE, "
      + "max_ad DOUBLE");
  /** Bins from here on share one, so that a bin fits the low 32 bits of a map key. */
  static final long LAST_BIN = Integer.MAX_VALUE;
  private static final int FIRST_KEY = 4;
  private static final int N = 0;
  private static final int SUM_D = 1;
  private static final int SUM_D2 = 2;
  private static final int SUM_AD = 3;
  private static final int MIN_AD = 4;
  private static final int MAX_AD = 5;
  private static final int WIDTH = 6;

  private final int keys;
  private final double binMinutes;

  /**
   * @param keys how many int key columns follow {@code d}
   * @param binMinutes the width of a |diff| bin, minutes, &gt; 0
   */
  KeyedBinSums(int keys, double binMinutes) {
    this.keys = keys;
    this.binMinutes = binMinutes;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> trips) {
    Map<List<String>, LongKeyedSums[]> byRun = new LinkedHashMap<>();
    List<String> lastRun = null;
    LongKeyedSums[] sums = null;
    boolean[] added = new boolean[1];
    while (trips.hasNext()) {
      Row t = trips.next();
      List<String> run = Arrays.asList(t.getString(0), t.getString(1), t.getString(2));
      if (!run.equals(lastRun)) {
        lastRun = run;
        sums = byRun.computeIfAbsent(run, r -> newMaps());
      }
      double d = t.getDouble(3);
      double ad = Math.abs(d);
      long bin = (long) Math.min(Math.floor(ad / binMinutes), LAST_BIN);
      for (int k = 0; k < keys; k++) {
        LongKeyedSums map = sums[k];
        int at = map.offset(((long) t.getInt(FIRST_KEY + k) << 32) | bin, added);
        double[] s = map.slots();
        if (added[0]) {
          s[at + MIN_AD] = ad;
          s[at + MAX_AD] = ad;
        } else {
          s[at + MIN_AD] = Math.min(s[at + MIN_AD], ad);
          s[at + MAX_AD] = Math.max(s[at + MAX_AD], ad);
        }
        s[at + N] += 1;
        s[at + SUM_D] += d;
        s[at + SUM_D2] += d * d;
        s[at + SUM_AD] += ad;
      }
    }
    List<Row> out = new ArrayList<>();
    byRun.forEach((run, maps) -> {
      for (int k = 0; k < keys; k++) {
        int by = k;
        double[] s = maps[k].slots();
        maps[k].forEach((key, at) -> out.add(RowFactory.create(run.get(0), run.get(1), run.get(2), by,
            (int) (key >> 32), key & 0xffffffffL, (long) s[at + N], s[at + SUM_D], s[at + SUM_D2], s[at + SUM_AD],
            s[at + MIN_AD], s[at + MAX_AD])));
      }
    });
    return out.iterator();
  }

  private LongKeyedSums[] newMaps() {
    LongKeyedSums[] maps = new LongKeyedSums[keys];
    for (int k = 0; k < keys; k++) {
      maps[k] = new LongKeyedSums(WIDTH);
    }
    return maps;
  }
}
