package dev.tripcast.reports;

/** The dimensions of the error report; each row of the report belongs to one. */
public enum ReportDimension {
  /** One segment, "all". */
  OVERALL("overall"),
  /** "seen" / "unseen": whether the trip's PU_DO was in the training data. */
  PU_DO_SEEN("pu_do_seen"),
  /** Borough of PULocationID (taxi zone lookup). */
  PICKUP_BOROUGH("pickup_borough"),
  /** Zone name of PULocationID (taxi zone lookup). */
  PICKUP_ZONE("pickup_zone"),
  /** Borough of DOLocationID (taxi zone lookup). */
  DROPOFF_BOROUGH("dropoff_borough"),
  /** Pickup hour, New York local time, "00".."23". */
  HOUR_OF_DAY("hour_of_day"),
  /** Pickup weekday, New York local date, ISO numbered: "1-Mon".."7-Sun". */
  DAY_OF_WEEK("day_of_week"),
  /** trip_distance bucket in miles, e.g. "[2,5)", "[20,inf)"; see reports.distance-bucket-bounds-miles. */
  TRIP_DISTANCE_BUCKET("trip_distance_bucket");

  private final String id;

  ReportDimension(String id) {
    this.id = id;
  }

  /** The value of the report's {@code dimension} column. */
  public String id() {
    return id;
  }
}
