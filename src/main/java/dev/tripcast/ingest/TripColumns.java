package dev.tripcast.ingest;

import org.apache.spark.sql.types.StructType;

/**
 * The canonical trip schema every reader produces, whatever the TLC layout, year or file format.
 * {@link #SCHEMA} is the single definition; the README points here.
 *
 * <pre>
 * taxi_type         string         "yellow", "green", "fhv", "fhvhv"
 * month             string         "YYYY-MM", the month of the source file (not of the row's pickup)
 * source_file       string         fully qualified path or URI of the source file
 * source_row        bigint         0-based position of the row in its source file
 * source_schema     string         the file's schema generation, e.g. "parquet/PU:bigint/pickup:timestamp_ntz"
 * pickup_datetime   timestamp_ntz  New York local wall-clock time, no zone
 * dropoff_datetime  timestamp_ntz  New York local wall-clock time, no zone
 * PULocationID      int            TLC pickup zone (1–265; 264/265 = "Unknown"), nullable
 * DOLocationID      int            TLC dropoff zone, nullable
 * trip_distance     double         miles (FHVHV: trip_miles); null where the layout has none (FHV)
 * passenger_count   int            null where the layout has none (FHV, FHVHV)
 * fare_amount       double         dollars (FHVHV: base_passenger_fare); null where absent
 * total_amount      double         dollars; null where absent
 * airport_fee       double         dollars (yellow airport_fee/Airport_fee, FHVHV); null where absent
 * </pre>
 */
public final class TripColumns {
  public static final String TAXI_TYPE = "taxi_type";
  public static final String MONTH = "month";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_ROW = "source_row";
  public static final String SOURCE_SCHEMA = "source_schema";
  public static final String PICKUP_DATETIME = "pickup_datetime";
  public static final String DROPOFF_DATETIME = "dropoff_datetime";
  public static final String PU_LOCATION_ID = "PULocationID";
  public static final String DO_LOCATION_ID = "DOLocationID";
  public static final String TRIP_DISTANCE = "trip_distance";
  public static final String PASSENGER_COUNT = "passenger_count";
  public static final String FARE_AMOUNT = "fare_amount";
  public static final String TOTAL_AMOUNT = "total_amount";
  public static final String AIRPORT_FEE = "airport_fee";

  /** The canonical schema, in column order. */
  public static final StructType SCHEMA = StructType.fromDDL(String.join(", ",
      TAXI_TYPE + " STRING", MONTH + " STRING", SOURCE_FILE + " STRING", SOURCE_ROW + " BIGINT",
      SOURCE_SCHEMA + " STRING", PICKUP_DATETIME + " TIMESTAMP_NTZ", DROPOFF_DATETIME + " TIMESTAMP_NTZ",
      PU_LOCATION_ID + " INT", DO_LOCATION_ID + " INT", TRIP_DISTANCE + " DOUBLE", PASSENGER_COUNT + " INT",
      FARE_AMOUNT + " DOUBLE", TOTAL_AMOUNT + " DOUBLE", AIRPORT_FEE + " DOUBLE"));

  /** The trip columns read from the source (everything after the provenance columns). */
  public static final java.util.List<String> TRIP_FIELDS = java.util.List.of(
      PICKUP_DATETIME, DROPOFF_DATETIME, PU_LOCATION_ID, DO_LOCATION_ID, TRIP_DISTANCE, PASSENGER_COUNT,
      FARE_AMOUNT, TOTAL_AMOUNT, AIRPORT_FEE);

  /** Smallest and largest TLC taxi zone id (taxi zone lookup). */
  public static final int MIN_ZONE_ID = 1;
  public static final int MAX_ZONE_ID = 265;
  /** TLC's "Unknown" zones (264 "NV", 265 "NA" in the long-standing lookup). */
  public static final java.util.List<Integer> UNKNOWN_ZONE_IDS = java.util.List.of(264, 265);

  private TripColumns() {}
}
