package dev.tripcast.monitoring;

import dev.tripcast.features.DropReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The {@code data_quality} Delta table, partitioned by {@code taxi_type}, {@code month}: one row
 * per trained or scored month, source file and job.
 *
 * <pre>
 * taxi_type           string
 * month               string              service month "YYYY-MM"
 * source_file         string              fully qualified path
 * source_schema       string              schema generation, e.g. "parquet/PU:int/pickup:timestamp_ntz"
 * job                 string              "train" (training and validation months) or "score" (score, backfill)
 * run_id              string
 * rows_read           bigint
 * rows_kept           bigint
 * rows_dropped        map&lt;string,bigint&gt;  {@link DropReason} id → rows (every reason, 0 if none)
 * null_share          map&lt;string,double&gt;  canonical trip column → share of null rows (0..1)
 * unknown_zone_share  double              share of rows with PU or DO zone 264/265
 * min_pickup          timestamp_ntz       New York local time
 * max_pickup          timestamp_ntz
 * </pre>
 *
 * {@code rows_read = rows_kept + sum of rows_dropped} holds for every row.
 */
public final class DataQualityTable {
  /** The table schema, in DDL. */
  public static final StructType SCHEMA = StructType.fromDDL(String.join(", ",
      "taxi_type STRING", "month STRING", "source_file STRING", "source_schema STRING", "job STRING",
      "run_id STRING", "rows_read BIGINT", "rows_kept BIGINT", "rows_dropped MAP<STRING, BIGINT>",
      "null_share MAP<STRING, DOUBLE>", "unknown_zone_share DOUBLE", "min_pickup TIMESTAMP_NTZ",
      "max_pickup TIMESTAMP_NTZ"));

  /** The job column. */
  public static final String JOB = "job";
  /** {@link #JOB} of the rows written by training (training and validation months). */
  public static final String TRAIN = "train";
  /** {@link #JOB} of the rows written by scoring (score and backfill). */
  public static final String SCORE = "score";
  /** The table's partition columns. */
  public static final List<String> PARTITION_COLUMNS = List.of("taxi_type", "month");

  private DataQualityTable() {}

  /** The table rows for measured files; a tiny local Dataset. */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String job, String runId, List<MonthQuality> quality) {
    List<Row> rows = new ArrayList<>();
    for (MonthQuality q : quality) {
      Map<String, Long> dropped = new LinkedHashMap<>();
      for (DropReason reason : DropReason.values()) {
        dropped.put(reason.id(), q.counts().dropped().get(reason));
      }
      rows.add(RowFactory.create(taxiType, q.month(), q.sourceFile(), q.sourceSchema(), job, runId,
          q.counts().read(), q.counts().kept(), scalaMap(dropped), scalaMap(q.nullShare()),
          q.unknownZoneShare(), q.minPickup(), q.maxPickup()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static <V> scala.collection.Map<String, V> scalaMap(Map<String, V> m) {
    return JavaConverters.mapAsScalaMapConverter(m).asScala();
  }
}
