package dev.tripcast.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TLC trip-record layouts tripcast reads, with the source column names of each (TLC data
 * dictionaries: "Data Dictionary – Yellow/Green Taxi Trip Records"). Timestamps are New York
 * local wall-clock times without a zone; distances are miles from the taximeter.
 */
public enum TaxiType {
  /** Yellow taxi: {@code tpep_pickup_datetime}, {@code tpep_dropoff_datetime}. */
  YELLOW("yellow", "tpep_pickup_datetime", "tpep_dropoff_datetime"),
  /** Green taxi (street-hail livery): {@code lpep_pickup_datetime}, {@code lpep_dropoff_datetime}. */
  GREEN("green", "lpep_pickup_datetime", "lpep_dropoff_datetime");

  private final String id;
  private final String pickupColumn;
  private final String dropoffColumn;

  TaxiType(String id, String pickupColumn, String dropoffColumn) {
    this.id = id;
    this.pickupColumn = pickupColumn;
    this.dropoffColumn = dropoffColumn;
  }

  /** The lower-case id used in file names, tables and on the command line ("green"). */
  public String id() {
    return id;
  }

  /** Source column of the pickup time (New York local time, no zone). */
  public String pickupColumn() {
    return pickupColumn;
  }

  /** Source column of the dropoff time (New York local time, no zone). */
  public String dropoffColumn() {
    return dropoffColumn;
  }

  /** Source column of the TLC pickup zone id (1–265, taxi zone lookup). */
  public String pickupLocationColumn() {
    return "PULocationID";
  }

  /** Source column of the TLC dropoff zone id (1–265, taxi zone lookup). */
  public String dropoffLocationColumn() {
    return "DOLocationID";
  }

  /** Source column of the trip distance in miles. */
  public String distanceColumn() {
    return "trip_distance";
  }

  /** Parses a command-line id, case-insensitively; empty if unknown. */
  public static Optional<TaxiType> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
  }

  /** The accepted ids, for error messages ("yellow, green"). */
  public static String ids() {
    return Arrays.stream(values()).map(TaxiType::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
