package dev.tripcast.monitoring;

import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code data_quality} Delta table, partitioned by {@code taxi_type}, {@code month}: one row
 * per source file and outcome, so that {@code SUM(rows)} per file is the rows read.
 *
 * <pre>
 * taxi_type     string
 * month         string   service month "YYYY-MM"
 * source_file   string   fully qualified path
 * run_id        string   the scoring run
 * outcome       string   "kept" or a {@link DropReason} id (every reason present, 0 if none)
 * rows          long
 * </pre>
 */
public final class DataQualityTable {
  /** The table schema, in DDL. */
  public static final StructType SCHEMA = StructType.fromDDL(
      "taxi_type STRING, month STRING, source_file STRING, run_id STRING, outcome STRING, rows BIGINT");

  private DataQualityTable() {}

  /** The table rows for a month's counts; a tiny local Dataset (one row per outcome). */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String runId, List<DropCounts> counts) {
    List<Row> rows = new ArrayList<>();
    for (DropCounts c : counts) {
      rows.add(RowFactory.create(taxiType, c.month(), c.sourceFile(), runId, DropCounts.KEPT, c.kept()));
      for (DropReason reason : DropReason.values()) {
        rows.add(RowFactory.create(taxiType, c.month(), c.sourceFile(), runId, reason.id(), c.dropped().get(reason)));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
