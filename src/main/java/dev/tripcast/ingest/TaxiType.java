package dev.tripcast.ingest;

import static dev.tripcast.ingest.TripColumns.AIRPORT_FEE;
import static dev.tripcast.ingest.TripColumns.DO_LOCATION_ID;
import static dev.tripcast.ingest.TripColumns.DROPOFF_DATETIME;
import static dev.tripcast.ingest.TripColumns.FARE_AMOUNT;
import static dev.tripcast.ingest.TripColumns.PASSENGER_COUNT;
import static dev.tripcast.ingest.TripColumns.PICKUP_DATETIME;
import static dev.tripcast.ingest.TripColumns.PU_LOCATION_ID;
import static dev.tripcast.ingest.TripColumns.TOTAL_AMOUNT;
import static dev.tripcast.ingest.TripColumns.TRIP_DISTANCE;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TLC trip-record layouts, each a mapping from canonical column ({@link TripColumns}) to the
 * source column that carries it (TLC data dictionaries for Yellow, Green, FHV and High Volume FHV
 * trip records). Source names are matched case-insensitively, so {@code airport_fee} and
 * {@code Airport_fee}, {@code PUlocationID} and {@code PULocationID} are the same column.
 * Canonical columns a layout lacks are null.
 */
public enum TaxiType {
  /** Yellow taxi: {@code tpep_*} timestamps; {@code airport_fee}/{@code Airport_fee} from 2021. */
  YELLOW("yellow", layout(
      PICKUP_DATETIME, "tpep_pickup_datetime", DROPOFF_DATETIME, "tpep_dropoff_datetime",
      PU_LOCATION_ID, "PULocationID", DO_LOCATION_ID, "DOLocationID", TRIP_DISTANCE, "trip_distance",
      PASSENGER_COUNT, "passenger_count", FARE_AMOUNT, "fare_amount", TOTAL_AMOUNT, "total_amount",
      AIRPORT_FEE, "airport_fee")),
  /** Green taxi (street-hail livery): {@code lpep_*} timestamps. */
  GREEN("green", layout(
      PICKUP_DATETIME, "lpep_pickup_datetime", DROPOFF_DATETIME, "lpep_dropoff_datetime",
      PU_LOCATION_ID, "PULocationID", DO_LOCATION_ID, "DOLocationID", TRIP_DISTANCE, "trip_distance",
      PASSENGER_COUNT, "passenger_count", FARE_AMOUNT, "fare_amount", TOTAL_AMOUNT, "total_amount")),
  /** For-hire vehicles: no distance, no fares; {@code PUlocationID}/{@code DOlocationID} often null. */
  FHV("fhv", layout(
      PICKUP_DATETIME, "pickup_datetime", DROPOFF_DATETIME, "dropOff_datetime",
      PU_LOCATION_ID, "PUlocationID", DO_LOCATION_ID, "DOlocationID")),
  /** High-volume for-hire vehicles (Uber, Lyft, …): {@code trip_miles}, {@code base_passenger_fare}. */
  FHVHV("fhvhv", layout(
      PICKUP_DATETIME, "pickup_datetime", DROPOFF_DATETIME, "dropoff_datetime",
      PU_LOCATION_ID, "PULocationID", DO_LOCATION_ID, "DOLocationID", TRIP_DISTANCE, "trip_miles",
      FARE_AMOUNT, "base_passenger_fare", AIRPORT_FEE, "airport_fee"));

  private final String id;
  private final Map<String, String> sourceColumns;

  TaxiType(String id, Map<String, String> sourceColumns) {
    this.id = id;
    this.sourceColumns = sourceColumns;
  }

  /** The lower-case id used in file names, tables and on the command line ("green"). */
  public String id() {
    return id;
  }

  /** The source column that carries {@code canonical} in this layout, if any. */
  public Optional<String> sourceColumn(String canonical) {
    return Optional.ofNullable(sourceColumns.get(canonical));
  }

  /** Whether this layout carries the canonical column at all. */
  public boolean has(String canonical) {
    return sourceColumns.containsKey(canonical);
  }

  /** Parses a command-line id, case-insensitively; empty if unknown. */
  public static Optional<TaxiType> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
  }

  /** The accepted ids, for error messages ("yellow, green, fhv, fhvhv"). */
  public static String ids() {
    return Arrays.stream(values()).map(TaxiType::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }

  private static Map<String, String> layout(String... canonicalThenSource) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < canonicalThenSource.length; i += 2) {
      m.put(canonicalThenSource[i], canonicalThenSource[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
