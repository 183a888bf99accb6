package dev.tripcast.features;


import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
   * Counts from kept rows and per-reason drops (reasons absent from {@code dropped} count 0).
   *
   * @throws IllegalStateException never for consistent input; read is derived as kept + dropped
   */
  public static DropCounts of(String month, String file, long kept, Map<DropReason, Long> dropped) {
    Map<DropReason, Long> all = zeros();
    all.putAll(dropped);
    long read = kept + all.values().stream().mapToLong(Long::longValue).sum();
    return new DropCounts(month, file, read, kept, all);
  }

  private static Map<DropReason, Long> zeros() {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      m.put(r, 0L);
    }
    return m;
  }
}
