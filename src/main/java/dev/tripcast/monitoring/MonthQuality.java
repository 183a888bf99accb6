package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.AllNullColumnException;
import dev.tripcast.ingest.EmptyMonthException;
import dev.tripcast.ingest.TripColumns;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data quality of one source file (one service month): the row accounting ({@link DropCounts},
 * {@code read = kept + Σ dropped}), the null share of each canonical trip column, the share of
 * trips touching TLC's "Unknown" zones 264/265, the pickup time range and the file's schema
 * generation. Computed for all files in one Spark job.
 *
 * @param counts rows read, kept and dropped per reason
 * @param sourceSchema schema generation of the file ({@link TripColumns#SOURCE_SCHEMA})
 * @param nullShare canonical trip column → share of rows where it is null (0..1)
 * @param unknownZoneShare share of rows whose PULocationID or DOLocationID is 264 or 265 (0..1)
 * @param minPickup earliest pickup, New York local time (null if no row has one)
 * @param maxPickup latest pickup, New York local time
 */
public record MonthQuality(DropCounts counts, String sourceSchema, Map<String, Double> nullShare,
    double unknownZoneShare, LocalDateTime minPickup, LocalDateTime maxPickup) {

  /** The service month, "YYYY-MM". */
  public String month() {
    return counts.month();
  }

  /** The source file. */
  public String sourceFile() {
    return counts.sourceFile();
  }

  /**
   * Measures each file of a {@link dev.tripcast.features.TripFeatures#prepare prepared} Dataset
   * (one Spark job). Files with no rows do not appear; see {@link #requireUsable}.
   *
   * @return one entry per (month, file), in month then file order
   */
  public static List<MonthQuality> compute(Dataset<Row> prepared) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as("read"));
    aggs.add(sum(when(col(FeatureColumns.DROP_REASON).isNull(), 1).otherwise(0)).as("kept"));
    for (DropReason r : DropReason.values()) {
      aggs.add(sum(when(col(FeatureColumns.DROP_REASON).equalTo(r.id()), 1).otherwise(0)).as("drop_" + r.id()));
    }
    for (String c : TripColumns.TRIP_FIELDS) {
      aggs.add(sum(when(col(c).isNull(), 1).otherwise(0)).as("null_" + c));
    }
    Column unknown = col(TripColumns.PU_LOCATION_ID).isin(TripColumns.UNKNOWN_ZONE_IDS.toArray())
        .or(col(TripColumns.DO_LOCATION_ID).isin(TripColumns.UNKNOWN_ZONE_IDS.toArray()));
    aggs.add(sum(when(unknown, 1).otherwise(0)).as("unknown_zone"));
    aggs.add(min(col(TripColumns.PICKUP_DATETIME)).as("min_pickup"));
    aggs.add(max(col(TripColumns.PICKUP_DATETIME)).as("max_pickup"));

    List<Row> rows = prepared
        .groupBy(col(TripColumns.MONTH), col(TripColumns.SOURCE_FILE), col(TripColumns.SOURCE_SCHEMA))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
        .collectAsList();
    List<MonthQuality> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(fromRow(r));
    }
    out.sort(Comparator.comparing(MonthQuality::month).thenComparing(MonthQuality::sourceFile));
    return out;
  }

  /**
   * Refuses files the feature set cannot use: a file with no rows, or a required column null in
   * every row.
   *
   * @param expectedFiles the files that were read; any missing from {@code measured} had no rows
   * @throws dev.tripcast.errors.InvalidInputException naming the file (and column, row count)
   */
  public static void requireUsable(List<MonthQuality> measured, List<String> expectedFiles, FeatureSet featureSet) {
    for (String file : expectedFiles) {
      if (measured.stream().noneMatch(q -> q.sourceFile().equals(file))) {
        throw new EmptyMonthException(file);
      }
    }
    List<String> required = new ArrayList<>(List.of(TripColumns.PICKUP_DATETIME, TripColumns.DROPOFF_DATETIME));
    required.addAll(featureSet.requiredColumns());
    for (MonthQuality q : measured) {
      for (String column : required) {
        if (q.nullShare().get(column) == 1.0) {
          throw new AllNullColumnException(q.sourceFile(), column, q.counts().read());
        }
      }
    }
  }

  private static MonthQuality fromRow(Row r) {
    long read = r.getLong(r.fieldIndex("read"));
    Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, r.getLong(r.fieldIndex("drop_" + reason.id())));
    }
    DropCounts counts = DropCounts.of(r.getString(0), r.getString(1), r.getLong(r.fieldIndex("kept")), dropped);
    if (counts.read() != read) {
      throw new IllegalStateException(String.format("row accounting broken for %s: read %d, kept + dropped %d",
          r.getString(1), read, counts.read()));
    }
    Map<String, Double> nullShare = new LinkedHashMap<>();
    for (String c : TripColumns.TRIP_FIELDS) {
      nullShare.put(c, (double) r.getLong(r.fieldIndex("null_" + c)) / read);
    }
    return new MonthQuality(counts, r.getString(2), nullShare,
        (double) r.getLong(r.fieldIndex("unknown_zone")) / read,
        r.getAs("min_pickup"), r.getAs("max_pickup"));
  }
}
