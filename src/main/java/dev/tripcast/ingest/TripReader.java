package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads TLC month files into the canonical trip schema ({@link TripColumns#SCHEMA}).
 *
 * <p>Each file is read on its own, its layout's columns ({@link TaxiType}) are found by name
 * (case-insensitively) and cast to the canonical types, and months are unioned by name: no
 * {@code mergeSchema}, no positional union, no reliance on whichever footer Spark lists first, so
 * TLC's type drift (INT64 vs INT32 ids, DOUBLE vs INT64 counts, all-null columns typed NULL or
 * DOUBLE) cannot fail a job or turn values into nulls. Columns outside the canonical schema (such as
 * {@code ehail_fee}) are never materialised. Reading is lazy except for each file's schema.
 *
 * <p>Timestamps: TLC publishes New York wall-clock times without a zone; they become
 * {@code TIMESTAMP_NTZ} with no time-zone arithmetic, whatever the JVM or session time zone. A
 * source typed TIMESTAMP (instant) keeps its UTC wall clock; {@code TIMESTAMP(NANOS)} is truncated
 * to microseconds; CSV text is parsed as {@code yyyy-MM-dd HH:mm:ss}.
 */
public final class TripReader {
  private TripReader() {}

  /**
   * Reads the given month files.
   *
   * @param requiredColumns canonical columns each file must have besides times and zone ids
   * @return canonical trip rows of all files, one row per source row (nothing is filtered)
   * @throws dev.tripcast.errors.InvalidInputException if a file is unreadable, predates TLC zone
   *     ids, or lacks a required column; the message names the file and column
   */
  public static Dataset<Row> read(SparkSession spark, List<MonthFile> files, List<String> requiredColumns) {
    Dataset<Row> all = null;
    for (MonthFile file : files) {
      Dataset<Row> month = readMonth(spark, file, requiredColumns);
      all = all == null ? month : all.unionByName(month);
    }
    if (all == null) {
      throw new IllegalArgumentException("no month files to read");
    }
    return all;
  }

  /** Reads one month file, requiring only the timestamps and zone ids; see {@link #read}. */
  public static Dataset<Row> readMonth(SparkSession spark, MonthFile file) {
    return readMonth(spark, file, List.of());
  }

  /**
   * Reads one month file; see {@link #read}.
   *
   * @param requiredColumns canonical columns the file must have besides pickup/dropoff times and
   *     zone ids (e.g. a feature set's {@code trip_distance})
   */
  public static Dataset<Row> readMonth(SparkSession spark, MonthFile file, List<String> requiredColumns) {
    Dataset<Row> raw = SourceFiles.open(spark, file);
    TaxiType layout = file.taxiType();
    StructType schema = raw.schema();
    requireZoneIds(file, layout, schema);

    List<Column> columns = new ArrayList<>(List.of(
        lit(layout.id()).as(TripColumns.TAXI_TYPE),
        lit(file.month().toString()).as(TripColumns.MONTH),
        lit(file.path()).as(TripColumns.SOURCE_FILE),
        (file.format() == MonthFile.Format.PARQUET ? col("_metadata.row_index") : col(SourceFiles.CSV_ROW))
            .as(TripColumns.SOURCE_ROW),
        lit(schemaGeneration(file, layout, schema)).as(TripColumns.SOURCE_SCHEMA)));
    ParquetFooter footer = null;
    for (String canonical : TripColumns.TRIP_FIELDS) {
      DataType target = TripColumns.SCHEMA.apply(canonical).dataType();
      Optional<StructField> source = layout.sourceColumn(canonical).flatMap(name -> find(schema, name));
      if (source.isEmpty()) {
        if (ALWAYS_REQUIRED.contains(canonical) || requiredColumns.contains(canonical)) {
          throw new MissingColumnException(file.path(), layout.sourceColumn(canonical).orElse(canonical),
              Arrays.asList(schema.fieldNames()));
        }
        columns.add(lit(null).cast(target).as(canonical));
        continue;
      }
      StructField field = source.get();
      if (target.equals(DataTypes.TimestampNTZType) && field.dataType().equals(DataTypes.LongType)) {
        footer = footer == null ? ParquetFooter.read(file.path(), spark.sparkContext().hadoopConfiguration()) : footer;
        if (!footer.isNanosTimestamp(field.name())) {
          throw new WrongColumnTypeException(file.path(), field.name(), "bigint", "a timestamp");
        }
      }
      columns.add(Casts.toCanonical(col(quote(field.name())), field.dataType(), target).as(canonical));
    }
    return raw.select(columns.toArray(new Column[0]));
  }

  /** Pickup/dropoff times and zone ids are needed by every job; the rest may be absent. */
  private static final List<String> ALWAYS_REQUIRED = List.of(TripColumns.PICKUP_DATETIME,
      TripColumns.DROPOFF_DATETIME, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID);

  /** TLC published latitude/longitude instead of zone ids until mid-2016: refuse those files. */
  private static void requireZoneIds(MonthFile file, TaxiType layout, StructType schema) {
    String pu = layout.sourceColumn(TripColumns.PU_LOCATION_ID).orElseThrow();
    boolean hasIds = find(schema, pu).isPresent();
    boolean hasCoordinates = Arrays.stream(schema.fieldNames())
        .anyMatch(n -> n.toLowerCase(Locale.ROOT).contains("longitude"));
    if (!hasIds && hasCoordinates) {
      throw new LayoutBeforeZoneIdsException(file.path(), pu);
    }
  }

  private static String schemaGeneration(MonthFile file, TaxiType layout, StructType schema) {
    String format = file.format() == MonthFile.Format.PARQUET ? "parquet" : "csv";
    String pu = find(schema, layout.sourceColumn(TripColumns.PU_LOCATION_ID).orElseThrow())
        .map(f -> f.dataType().simpleString()).orElse("none");
    String pickup = find(schema, layout.sourceColumn(TripColumns.PICKUP_DATETIME).orElseThrow())
        .map(f -> f.dataType().equals(DataTypes.LongType) ? "timestamp(nanos)" : f.dataType().simpleString())
        .orElse("none");
    return format + "/PU:" + pu + "/pickup:" + pickup;
  }

  private static Optional<StructField> find(StructType schema, String name) {
    return Arrays.stream(schema.fields()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Casts from whatever TLC wrote to the canonical types, without any time-zone arithmetic. */
  static final class Casts {
    private Casts() {}

    static Column toCanonical(Column source, DataType from, DataType to) {
      if (to.equals(DataTypes.TimestampNTZType)) {
        return timestampNtz(source, from);
      }
      if (to.equals(DataTypes.IntegerType) && from.equals(DataTypes.StringType)) {
        return source.cast(DataTypes.DoubleType).cast(DataTypes.IntegerType); // CSV "132" or "132.0"
      }
      if (from.equals(DataTypes.NullType)) {
        return lit(null).cast(to);
      }
      return source.cast(to);
    }

    private static Column timestampNtz(Column source, DataType from) {
      if (from.equals(DataTypes.TimestampNTZType)) {
        return source;
      }
      if (from.equals(DataTypes.TimestampType)) {
        return WallClock.utcWallClock(source);
      }
      if (from.equals(DataTypes.LongType)) { // TIMESTAMP(NANOS), see ParquetFooter
        return WallClock.fromEpochMicros(epochNanosToMicros(source));
      }
      if (from.equals(DataTypes.StringType)) {
        return org.apache.spark.sql.functions.to_timestamp_ntz(source);
      }
      return source.cast(DataTypes.TimestampNTZType);
    }

    /**
     * Epoch nanoseconds → epoch microseconds, truncated towards the past, exactly. Dividing the
     * long by 1000 with {@code /} would go through a double, which near present-day epoch values is
     * only 256 ns precise: 2023-03-31 23:59:59.999999999 would round up into April.
     */
    private static Column epochNanosToMicros(Column nanos) {
      return org.apache.spark.sql.functions.floor(nanos.cast("decimal(20,0)").divide(lit(1000)))
          .cast(DataTypes.LongType);
    }
  }
}
