package dev.tripcast.testing;

import java.time.LocalDateTime;

/**
 * One trip as a test wants it in a hand-made TLC file. {@link TlcLayout} renders it with the
 * layout's own column names and Parquet types (e.g. {@code PULocationID} as INT64, INT32 or FHV's
 * DOUBLE {@code PUlocationID}); columns a trip does not describe get fixed filler values.
 *
 * @param pickup pickup wall-clock time (nanosecond precision kept for TIMESTAMP(NANOS) files)
 * @param dropoff dropoff wall-clock time
 * @param pu pickup zone id, null for a missing id
 * @param doZone dropoff zone id, null for a missing id
 * @param miles trip_distance (FHVHV: trip_miles), miles
 * @param fare fare_amount (FHVHV: base_passenger_fare), dollars; total_amount is fare + 1.0
 * @param airportFee airport_fee / Airport_fee, dollars
 */
public record TlcTrip(LocalDateTime pickup, LocalDateTime dropoff, Integer pu, Integer doZone, Double miles,
    Double fare, Double airportFee) {

  /** A trip starting at {@code pickup} (ISO local date-time) and lasting {@code seconds}; fare 10.0, airport fee 0.0. */
  public static TlcTrip trip(String pickup, long seconds, Integer pu, Integer doZone, Double miles) {
    LocalDateTime start = LocalDateTime.parse(pickup);
    return new TlcTrip(start, start.plusSeconds(seconds), pu, doZone, miles, 10.0, 0.0);
  }

  /** A trip with explicit (possibly null) pickup and dropoff times, ISO local date-times. */
  public static TlcTrip between(String pickup, String dropoff, Integer pu, Integer doZone, Double miles) {
    return new TlcTrip(pickup == null ? null : LocalDateTime.parse(pickup),
        dropoff == null ? null : LocalDateTime.parse(dropoff), pu, doZone, miles, 10.0, 0.0);
  }

  public TlcTrip withFare(Double newFare) {
    return new TlcTrip(pickup, dropoff, pu, doZone, miles, newFare, airportFee);
  }

  public TlcTrip withAirportFee(Double fee) {
    return new TlcTrip(pickup, dropoff, pu, doZone, miles, fare, fee);
  }
}
