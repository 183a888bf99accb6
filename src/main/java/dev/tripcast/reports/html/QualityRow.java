package dev.tripcast.reports.html;

import java.time.YearMonth;
import java.util.Map;

/**
 * One row of the {@code data_quality} Delta table ({@link dev.tripcast.monitoring.DataQualityTable}):
 * the counts of one source file read by one job.
 *
 * @param month service month
 * @param job "train" (training and validation months) or "score" (score and backfill)
 * @param sourceFile the file read, fully qualified
 * @param rowsRead rows in the file
 * @param rowsKept rows scored (or trained on)
 * @param rowsDropped {@link dev.tripcast.features.DropReason} id → rows dropped for it, in the
 *     table's order; {@code rowsRead = rowsKept + sum(rowsDropped)}
 */
public record QualityRow(YearMonth month, String job, String sourceFile, long rowsRead, long rowsKept,
    Map<String, Long> rowsDropped) {

  public QualityRow {
    rowsDropped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsDropped));
  }

  /** Rows dropped for any reason. */
  public long rowsDroppedTotal() {
    return rowsDropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
