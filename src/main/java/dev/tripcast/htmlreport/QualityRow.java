package dev.tripcast.htmlreport;

import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.features.DropCounts;
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

  /** The flat view of a {@code data_quality} row. */
  public static QualityRow of(DataQualityTable.Entry entry) {
    DropCounts c = entry.quality().counts();
    Map<String, Long> dropped = new java.util.LinkedHashMap<>();
    c.dropped().forEach((reason, rows) -> dropped.put(reason.id(), rows));
    return new QualityRow(YearMonth.parse(c.month()), entry.job(), c.sourceFile(), c.read(), c.kept(), dropped);
  }

  /** Rows dropped for any reason. */
  public long rowsDroppedTotal() {
    return rowsDropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
