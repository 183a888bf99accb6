package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.tripcast.errors.Errors;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads TLC month files into the canonical trip columns ({@link TripColumns}).
 *
 * <p>Each file is read on its own, its needed columns selected and cast to the canonical types,
 * and the months are then unioned by name: no {@code mergeSchema}, no positional union, so TLC's
 * type drift between years (INT64 vs INT32 ids) cannot turn values into nulls. Columns the job
 * does not use are never materialised. Reading is lazy: the only eager work is reading each
 * file's Parquet footer to check the required columns.
 */
public final class TripReader {
  private TripReader() {}

  /**
   * Reads the given month files.
   *
   * @return canonical trip rows of all files, one row per source row (nothing is filtered)
   * @throws dev.tripcast.errors.InvalidInputException if a file is not readable Parquet or lacks
   *     a required column; the message names the file and column
   */
  public static Dataset<Row> read(SparkSession spark, List<MonthFile> files) {
    Dataset<Row> all = null;
    for (MonthFile file : files) {
      Dataset<Row> month = readMonth(spark, file);
      all = all == null ? month : all.unionByName(month);
    }
    if (all == null) {
      throw new IllegalArgumentException("no month files to read");
    }
    return all;
  }

  /** Reads one month file; see {@link #read}. */
  public static Dataset<Row> readMonth(SparkSession spark, MonthFile file) {
    Dataset<Row> raw = openParquet(spark, file.path());
    TaxiType t = file.taxiType();
    requireColumns(file.path(), raw.schema(), t.pickupColumn(), t.dropoffColumn(),
        t.pickupLocationColumn(), t.dropoffLocationColumn(), t.distanceColumn());
    return raw.select(
        lit(t.id()).as(TripColumns.TAXI_TYPE),
        lit(file.month().toString()).as(TripColumns.SERVICE_MONTH),
        lit(file.path()).as(TripColumns.SOURCE_FILE),
        col("_metadata.row_index").as(TripColumns.SOURCE_ROW),
        col(t.pickupColumn()).cast(DataTypes.TimestampNTZType).as(TripColumns.PICKUP_DATETIME),
        col(t.dropoffColumn()).cast(DataTypes.TimestampNTZType).as(TripColumns.DROPOFF_DATETIME),
        col(t.pickupLocationColumn()).cast(DataTypes.IntegerType).as(TripColumns.PU_LOCATION_ID),
        col(t.dropoffLocationColumn()).cast(DataTypes.IntegerType).as(TripColumns.DO_LOCATION_ID),
        col(t.distanceColumn()).cast(DataTypes.DoubleType).as(TripColumns.TRIP_DISTANCE));
  }

  private static Dataset<Row> openParquet(SparkSession spark, String path) {
    try {
      Dataset<Row> raw = spark.read().parquet(path);
      raw.schema(); // forces the footer read, so a corrupt file fails here with its name
      return raw;
    } catch (Exception e) { // AnalysisException, SparkException: not Parquet, truncated, unreadable
      throw Errors.unreadableMonth(path, e);
    }
  }

  private static void requireColumns(String path, StructType schema, String... columns) {
    List<String> present = Arrays.asList(schema.fieldNames());
    for (String column : columns) {
      if (!present.contains(column)) {
        throw Errors.missingColumn(path, column, present);
      }
    }
  }
}
