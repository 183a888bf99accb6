package dev.tripcast.monitoring;

import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.tables.Table;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * The {@code data_quality} Delta table ({@link #TABLE}), partitioned by {@code taxi_type}, {@code month}: one row
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
  /** The table: one row per month, source file and job; a run replaces its taxi type, months and job. */
  public static final Table TABLE = Table.of("data_quality", String.join(", ",
          "taxi_type STRING", "month STRING", "source_file STRING", "source_schema STRING", "job STRING",
          "run_id STRING", "rows_read BIGINT", "rows_kept BIGINT", "rows_dropped MAP<STRING, BIGINT>",
          "null_share MAP<STRING, DOUBLE>", "unknown_zone_share DOUBLE", "min_pickup TIMESTAMP_NTZ",
          "max_pickup TIMESTAMP_NTZ"),
      List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH), List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH, "job"),
      "rows read, kept and dropped per reason, null shares and pickup range of each trained or scored month and file");

  /** The job column. */
  public static final String JOB = "job";
  /** {@link #JOB} of the rows written by training (training and validation months). */
  public static final String TRAIN = "train";
  /** {@link #JOB} of the rows written by scoring (score and backfill). */
  public static final String SCORE = "score";

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
    return spark.createDataFrame(rows, TABLE.schema());
  }

  /**
   * One table row, typed.
   *
   * @param taxiType layout, e.g. "green"
   * @param job {@link #TRAIN} or {@link #SCORE}
   * @param runId the run that wrote it
   * @param quality the month's accounting and quality
   */
  public record Entry(String taxiType, String job, String runId, MonthQuality quality) {}

  /**
   * A row read from the table.
   *
   * @throws IllegalStateException if the row names an unknown drop reason or breaks
   *     {@code rows_read = rows_kept + Σ rows_dropped}
   */
  public static Entry fromRow(Row r) {
    Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, Long>>getAs("rows_dropped")).forEach((reason, n) ->
        dropped.put(DropReason.fromId(reason).orElseThrow(() -> new IllegalStateException("unknown drop reason " + reason)), n));
    DropCounts counts = DropCounts.of(r.getAs("month"), r.getAs("source_file"), r.<Long>getAs("rows_kept"), dropped);
    if (counts.read() != r.<Long>getAs("rows_read")) {
      throw new IllegalStateException("data_quality row accounting broken for " + counts.sourceFile());
    }
    Map<String, Double> nullShare = new LinkedHashMap<>(
        JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, Double>>getAs("null_share")));
    return new Entry(r.getAs("taxi_type"), r.getAs("job"), r.getAs("run_id"), new MonthQuality(counts,
        r.getAs("source_schema"), nullShare, r.<Double>getAs("unknown_zone_share"), r.getAs("min_pickup"),
        r.getAs("max_pickup")));
  }

  private static <V> scala.collection.Map<String, V> scalaMap(Map<String, V> m) {
    return JavaConverters.mapAsScalaMapConverter(m).asScala();
  }
}
