package dev.tripcast.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.tripcast.ingest.TripColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows read, kept and dropped per {@link DropReason} for one service month and source file.
 * The invariant {@code read == kept + Σ dropped} is checked on construction.
 *
 * @param month service month, "YYYY-MM"
 * @param sourceFile the file the rows came from
 * @param read rows in the file
 * @param kept rows that passed every filter
 * @param dropped rows dropped, per reason (every reason present, zero if none)
 */
public record DropCounts(String month, String sourceFile, long read, long kept, Map<DropReason, Long> dropped) {
  /** The label under which kept rows are counted in the data-quality table. */
  public static final String KEPT = "kept";

  public DropCounts {
    long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
    if (read != kept + droppedTotal) {
      throw new IllegalStateException(String.format(
          "row accounting broken for %s: read %d != kept %d + dropped %d", sourceFile, read, kept, droppedTotal));
    }
    dropped = Collections.unmodifiableMap(new EnumMap<>(dropped));
  }

  /** Total rows dropped, all reasons. */
  public long droppedTotal() {
    return read - kept;
  }

  /**
   * Counts the rows of a {@link TripFeatures#prepare prepared} Dataset per month and file, in one
   * Spark job. Returns months in ascending order.
   */
  public static List<DropCounts> compute(Dataset<Row> prepared) {
    List<Row> rows = prepared
        .groupBy(col(TripColumns.SERVICE_MONTH), col(TripColumns.SOURCE_FILE),
            coalesce(col(FeatureColumns.DROP_REASON), lit(KEPT)).as("outcome"))
        .agg(count(lit(1)).as("rows"))
        .collectAsList();
    Map<List<String>, Map<String, Long>> byFile = new LinkedHashMap<>();
    for (Row r : rows) {
      byFile.computeIfAbsent(List.of(r.getString(0), r.getString(1)), k -> new LinkedHashMap<>())
          .put(r.getString(2), r.getLong(3));
    }
    List<DropCounts> out = new ArrayList<>();
    byFile.forEach((key, outcomes) -> out.add(of(key.get(0), key.get(1), outcomes)));
    out.sort((a, b) -> a.month().compareTo(b.month()) != 0 ? a.month().compareTo(b.month()) : a.sourceFile().compareTo(b.sourceFile()));
    return out;
  }

  /** Sums several months' counts (for a multi-month training set). */
  public static DropCounts total(String label, List<DropCounts> parts) {
    long read = 0;
    long kept = 0;
    Map<DropReason, Long> dropped = zeros();
    for (DropCounts p : parts) {
      read += p.read();
      kept += p.kept();
      p.dropped().forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
    }
    return new DropCounts(label, label, read, kept, dropped);
  }

  /**
   * Counts from outcome → rows pairs, as stored in the data-quality table.
   *
   * @param outcomes {@link #KEPT} or a {@link DropReason} id → rows; missing reasons count 0
   * @throws IllegalStateException if an outcome is neither
   */
  public static DropCounts fromOutcomes(String month, String sourceFile, Map<String, Long> outcomes) {
    return of(month, sourceFile, outcomes);
  }

  private static DropCounts of(String month, String file, Map<String, Long> outcomes) {
    Map<DropReason, Long> dropped = zeros();
    long kept = 0;
    long read = 0;
    for (Map.Entry<String, Long> e : outcomes.entrySet()) {
      read += e.getValue();
      if (KEPT.equals(e.getKey())) {
        kept = e.getValue();
      } else {
        DropReason reason = DropReason.fromId(e.getKey())
            .orElseThrow(() -> new IllegalStateException("unknown drop reason " + e.getKey()));
        dropped.put(reason, e.getValue());
      }
    }
    return new DropCounts(month, file, read, kept, dropped);
  }

  private static Map<DropReason, Long> zeros() {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      m.put(r, 0L);
    }
    return m;
  }
}
