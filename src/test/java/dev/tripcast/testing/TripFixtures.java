package dev.tripcast.testing;

import dev.tripcast.ingest.TripColumns;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Named factories of tiny canonical trip Datasets ({@link TripColumns} shape), bad rows included
 * on purpose.
 */
public final class TripFixtures {
  /** The canonical trip schema. */
  public static final StructType CANONICAL = TripColumns.SCHEMA;

  private TripFixtures() {}

  /** A builder of canonical green rows for service month 2021-01. */
  public static Builder green202101() {
    return new Builder("green", "2021-01");
  }

  /** Accumulates rows; {@link #build()} makes the Dataset on the shared test session. */
  public static final class Builder {
    private final String taxiType;
    private final String month;
    private final List<Row> rows = new ArrayList<>();

    Builder(String taxiType, String month) {
      this.taxiType = taxiType;
      this.month = month;
    }

    /** A trip starting at {@code pickup} and lasting {@code seconds}. */
    public Builder trip(String pickup, long seconds, Integer pu, Integer dropoffZone, Double miles) {
      LocalDateTime start = pickup == null ? null : LocalDateTime.parse(pickup);
      LocalDateTime end = start == null ? null : start.plusSeconds(seconds);
      return row(start, end, pu, dropoffZone, miles);
    }

    /** A row with explicit (possibly null) timestamps. */
    public Builder row(LocalDateTime pickup, LocalDateTime dropoff, Integer pu, Integer dropoffZone, Double miles) {
      rows.add(RowFactory.create(taxiType, month, "fixture://" + taxiType + "_" + month, (long) rows.size(),
          "fixture", pickup, dropoff, pu, dropoffZone, miles, null, null, null, null));
      return this;
    }

    public Dataset<Row> build() {
      return TestSpark.session().createDataFrame(rows, CANONICAL);
    }
  }
}
