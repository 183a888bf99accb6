package dev.tripcast.ingest;

/**
 * Names of the canonical trip columns every reader produces, whatever the TLC layout.
 *
 * <pre>
 * taxi_type         string     "green", "yellow"
 * service_month     string     "YYYY-MM", the month of the source file (not of the row's pickup)
 * source_file       string     fully qualified path or URI of the source file
 * source_row        long       0-based position of the row in its source file (Parquet row index)
 * pickup_datetime   timestamp_ntz  New York local time, no zone
 * dropoff_datetime  timestamp_ntz  New York local time, no zone
 * PULocationID      int        TLC pickup zone id (1–265), nullable
 * DOLocationID      int        TLC dropoff zone id (1–265), nullable
 * trip_distance     double     miles, nullable
 * </pre>
 */
public final class TripColumns {
  public static final String TAXI_TYPE = "taxi_type";
  public static final String SERVICE_MONTH = "service_month";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_ROW = "source_row";
  public static final String PICKUP_DATETIME = "pickup_datetime";
  public static final String DROPOFF_DATETIME = "dropoff_datetime";
  public static final String PU_LOCATION_ID = "PULocationID";
  public static final String DO_LOCATION_ID = "DOLocationID";
  public static final String TRIP_DISTANCE = "trip_distance";

  private TripColumns() {}
}
