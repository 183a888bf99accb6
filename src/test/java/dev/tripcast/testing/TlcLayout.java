package dev.tripcast.testing;

import dev.tripcast.ingest.TaxiType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TLC file layouts as published, column by column with TLC's names and Parquet types (TLC data
 * dictionaries; the green schemas S1/S2 are those of ../shared/data/tlc/MANIFEST.md). Every column
 * is OPTIONAL, as in TLC's files. {@link TlcFiles} writes them.
 */
public enum TlcLayout {
  /** Yellow 2022: INT64 ids, DOUBLE passenger_count, lower-case {@code airport_fee}. */
  YELLOW_2022(TaxiType.YELLOW, "VendorID int64, tpep_pickup_datetime timestamp_us, tpep_dropoff_datetime timestamp_us, "
      + "passenger_count double, trip_distance double, RatecodeID double, store_and_fwd_flag string, "
      + "PULocationID int64, DOLocationID int64, payment_type int64, fare_amount double, extra double, mta_tax double, "
      + "tip_amount double, tolls_amount double, improvement_surcharge double, total_amount double, "
      + "congestion_surcharge double, airport_fee double"),
  /** Yellow 2025: INT32 ids, INT64 passenger_count, capitalised {@code Airport_fee}, new {@code cbd_congestion_fee}. */
  YELLOW_2025(TaxiType.YELLOW, "VendorID int32, tpep_pickup_datetime timestamp_us, tpep_dropoff_datetime timestamp_us, "
      + "passenger_count int64, trip_distance double, RatecodeID int64, store_and_fwd_flag string, "
      + "PULocationID int32, DOLocationID int32, payment_type int64, fare_amount double, extra double, mta_tax double, "
      + "tip_amount double, tolls_amount double, improvement_surcharge double, total_amount double, "
      + "congestion_surcharge double, Airport_fee double, cbd_congestion_fee double"),
  /** Yellow as pandas writes datetime64[ns] with Parquet format 2.6: INT64 TIMESTAMP(NANOS,false). */
  YELLOW_NANOS(TaxiType.YELLOW, "VendorID int64, tpep_pickup_datetime timestamp_ns, tpep_dropoff_datetime timestamp_ns, "
      + "passenger_count double, trip_distance double, PULocationID int64, DOLocationID int64, fare_amount double, "
      + "total_amount double, airport_fee double"),
  /** Green up to 2023-01 (schema S1): INT64 ids, DOUBLE counts, ehail_fee a NULL-typed INT32. */
  GREEN_S1(TaxiType.GREEN, "VendorID int64, lpep_pickup_datetime timestamp_us, lpep_dropoff_datetime timestamp_us, "
      + "store_and_fwd_flag string, RatecodeID double, PULocationID int64, DOLocationID int64, passenger_count double, "
      + "trip_distance double, fare_amount double, extra double, mta_tax double, tip_amount double, "
      + "tolls_amount double, ehail_fee null, improvement_surcharge double, total_amount double, "
      + "payment_type double, trip_type double, congestion_surcharge double"),
  /** Green from 2023-02 (schema S2): INT32 ids, INT64 counts, ehail_fee DOUBLE (all null). */
  GREEN_S2(TaxiType.GREEN, "VendorID int32, lpep_pickup_datetime timestamp_us, lpep_dropoff_datetime timestamp_us, "
      + "store_and_fwd_flag string, RatecodeID int64, PULocationID int32, DOLocationID int32, passenger_count int64, "
      + "trip_distance double, fare_amount double, extra double, mta_tax double, tip_amount double, "
      + "tolls_amount double, ehail_fee double, improvement_surcharge double, total_amount double, "
      + "payment_type int64, trip_type int64, congestion_surcharge double"),
  /** Green before July 2016: pickup/dropoff longitude and latitude, no zone ids. */
  GREEN_2015(TaxiType.GREEN, "VendorID int64, lpep_pickup_datetime timestamp_us, Lpep_dropoff_datetime timestamp_us, "
      + "Store_and_fwd_flag string, RateCodeID int64, Pickup_longitude double, Pickup_latitude double, "
      + "Dropoff_longitude double, Dropoff_latitude double, Passenger_count int64, Trip_distance double, "
      + "Fare_amount double, Extra double, MTA_tax double, Tip_amount double, Tolls_amount double, Ehail_fee null, "
      + "improvement_surcharge double, Total_amount double, Payment_type int64, Trip_type int64"),
  /** FHV: {@code dropOff_datetime}, DOUBLE {@code PUlocationID}/{@code DOlocationID}, no distance or fares. */
  FHV(TaxiType.FHV, "dispatching_base_num string, pickup_datetime timestamp_us, dropOff_datetime timestamp_us, "
      + "PUlocationID double, DOlocationID double, SR_Flag null, Affiliated_base_number string"),
  /** High-volume FHV: request/on-scene times, {@code trip_miles}, {@code trip_time}, {@code base_passenger_fare}. */
  FHVHV(TaxiType.FHVHV, "hvfhs_license_num string, dispatching_base_num string, originating_base_num string, "
      + "request_datetime timestamp_us, on_scene_datetime timestamp_us, pickup_datetime timestamp_us, "
      + "dropoff_datetime timestamp_us, PULocationID int64, DOLocationID int64, trip_miles double, trip_time int64, "
      + "base_passenger_fare double, tolls double, bcf double, sales_tax double, congestion_surcharge double, "
      + "airport_fee double, tips double, driver_pay double, shared_request_flag string, shared_match_flag string, "
      + "access_a_ride_flag string, wav_request_flag string, wav_match_flag string");

  /** Parquet column types used by TLC. */
  public enum Kind {
    INT32, INT64, DOUBLE, STRING,
    /** INT64 TIMESTAMP(MICROS, isAdjustedToUTC=false): Spark's TIMESTAMP_NTZ. */
    TIMESTAMP_US,
    /** INT64 TIMESTAMP(NANOS, isAdjustedToUTC=false): Spark 3.5 cannot write it. */
    TIMESTAMP_NS,
    /** INT32 annotated NULL/UNKNOWN, always null (pyarrow's null type): Spark cannot write it. */
    NULL
  }

  /** One column: TLC's name and Parquet type. */
  public record Column(String name, Kind kind) {}

  private final TaxiType taxiType;
  private final List<Column> columns;

  TlcLayout(TaxiType taxiType, String columns) {
    this.taxiType = taxiType;
    this.columns = Arrays.stream(columns.split(",\\s*")).map(spec -> {
      String[] parts = spec.trim().split("\\s+");
      return new Column(parts[0], Kind.valueOf(parts[1].toUpperCase(Locale.ROOT)));
    }).toList();
  }

  public TaxiType taxiType() {
    return taxiType;
  }

  public List<Column> columns() {
    return columns;
  }

  /** Whether Spark can write every column (else {@link TlcFiles} uses parquet-hadoop's writer). */
  public boolean sparkWritable() {
    return columns.stream().noneMatch(c -> c.kind() == Kind.TIMESTAMP_NS || c.kind() == Kind.NULL);
  }

  /**
   * The value of {@code column} for {@code trip}, as the Java type of its kind (Integer, Long,
   * Double, String, LocalDateTime) or null. Columns matched by name, case-insensitively; filler
   * for the rest: request_datetime = pickup − 3 min, on_scene_datetime = pickup − 1 min,
   * trip_time = duration in seconds, total_amount = fare + 1.0, passenger_count 1, coordinates of
   * Manhattan, other numbers 1 or 0.0, other strings "N", NULL-typed columns null.
   */
  public static Object value(Column column, TlcTrip trip) {
    String name = column.name().toLowerCase(Locale.ROOT);
    Object v;
    if (column.kind() == Kind.NULL) {
      v = null;
    } else if (name.endsWith("pickup_datetime")) {
      v = trip.pickup();
    } else if (name.endsWith("dropoff_datetime")) {
      v = trip.dropoff();
    } else if (name.equals("request_datetime")) {
      v = trip.pickup() == null ? null : trip.pickup().minusMinutes(3);
    } else if (name.equals("on_scene_datetime")) {
      v = trip.pickup() == null ? null : trip.pickup().minusMinutes(1);
    } else if (name.equals("pulocationid")) {
      v = trip.pu();
    } else if (name.equals("dolocationid")) {
      v = trip.doZone();
    } else if (name.equals("trip_distance") || name.equals("trip_miles")) {
      v = trip.miles();
    } else if (name.equals("trip_time")) {
      v = trip.pickup() == null || trip.dropoff() == null ? null
          : Duration.between(trip.pickup(), trip.dropoff()).getSeconds();
    } else if (name.equals("fare_amount") || name.equals("base_passenger_fare")) {
      v = trip.fare();
    } else if (name.equals("total_amount")) {
      v = trip.fare() == null ? null : trip.fare() + 1.0;
    } else if (name.equals("airport_fee")) {
      v = trip.airportFee();
    } else if (name.endsWith("longitude")) {
      v = -73.97;
    } else if (name.endsWith("latitude")) {
      v = 40.75;
    } else {
      v = switch (column.kind()) {
        case STRING -> "N";
        case DOUBLE -> name.equals("passenger_count") ? 1.0 : 0.0;
        default -> 1;
      };
    }
    return as(column.kind(), v);
  }

  private static Object as(Kind kind, Object v) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case INT32 -> ((Number) v).intValue();
      case INT64 -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
      default -> v;
    };
  }
}
