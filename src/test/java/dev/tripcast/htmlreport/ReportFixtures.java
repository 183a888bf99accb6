package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made report rows: two months scored by model v1, every dimension, and their data-quality counts. */
final class ReportFixtures {
  static final YearMonth FEB = YearMonth.of(2021, 2);
  static final YearMonth MAR = YearMonth.of(2021, 3);

  private ReportFixtures() {}

  /** Both months, every section's rows. */
  static ReportData twoMonths() {
    List<ErrorMetrics> rows = new ArrayList<>();
    rows.add(row(FEB, "overall", "all", 61_920, 7.0113, 5.1234, 0.4321));
    rows.add(row(MAR, "overall", "all", 80_001, 7.4567, 5.3456, -0.2344));
    for (YearMonth m : List.of(FEB, MAR)) {
      double shift = m.equals(FEB) ? 0 : 0.3;
      for (int h = 0; h < 24; h++) {
        rows.add(row(m, "hour_of_day", String.format("%02d", h), 1000 + h, 5 + h / 4.0 + shift, 4, 0.1));
      }
      String[] days = {"1-Mon", "2-Tue", "3-Wed", "4-Thu", "5-Fri", "6-Sat", "7-Sun"};
      for (int d = 0; d < days.length; d++) {
        rows.add(row(m, "day_of_week", days[d], 8000, 6.5 + d * 0.2 + shift, 4.5, 0.2));
      }
      String[] buckets = {"[0,1)", "[1,2)", "[10,20)", "[2,5)", "[20,inf)", "[5,10)"};
      for (String b : buckets) {
        rows.add(row(m, "trip_distance_bucket", b, 5000, 4 + b.length() + shift, 3, 0.3));
      }
      rows.add(row(m, "pickup_borough", "Manhattan", 20_000, 7.1 + shift, 5, 0.1));
      rows.add(row(m, "pickup_borough", "Brooklyn", 25_000, 6.9 + shift, 5, 0.1));
      rows.add(row(m, "pickup_borough", "EWR", 3, 12.0, 11, 11));
      rows.add(row(m, "pu_do_seen", "seen", m.equals(FEB) ? 56_657 : 73_000, 6.5 + shift, 4.8, 0.1));
      rows.add(row(m, "pu_do_seen", "unseen", m.equals(FEB) ? 5_263 : 7_001, 10.25 + shift, 8.1, 2.0));
      rows.add(row(m, "pickup_zone", "JFK Airport", 150, 14.5678 + shift, 11, 3));
      rows.add(row(m, "pickup_zone", "East Harlem North", 5_000, 6.2 + shift, 4.4, 0.1));
      rows.add(row(m, "pickup_zone", "Tiny <Zone>", 12, 30.0, 25, 20));
    }
    return new ReportData("green", FEB, MAR, rows, quality(), "/tmp/warehouse/tables");
  }

  /** Rows of the overall dimension only, no data-quality rows. */
  static ReportData overallOnly() {
    ReportData all = twoMonths();
    return new ReportData("green", FEB, MAR,
        all.errors().stream().filter(r -> r.dimension().equals("overall")).toList(), List.of(), all.source());
  }

  static List<QualityRow> quality() {
    return List.of(
        new QualityRow(YearMonth.of(2021, 1), "train", "file:/data/green_tripdata_2021-01.parquet", 76_518, 73_908,
            dropped(1_000, 1_610)),
        new QualityRow(FEB, "train", "file:/data/green_tripdata_2021-02.parquet", 64_572, 61_920, dropped(1_200, 1_452)),
        new QualityRow(FEB, "score", "file:/data/green_tripdata_2021-02.parquet", 64_572, 61_920, dropped(1_200, 1_452)),
        new QualityRow(MAR, "score", "file:/data/green_tripdata_2021-03.parquet", 83_827, 80_001, dropped(1_826, 2_000)));
  }

  static ErrorMetrics row(YearMonth month, String dimension, String segment, long n, double rmse, double mae, double bias) {
    return new ErrorMetrics("green", month, "v1", dimension, segment, n, rmse, mae, bias, mae * 0.7, mae * 2.1);
  }

  private static Map<String, Long> dropped(long underMin, long overMax) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("null_timestamp", 0L);
    m.put("location_out_of_range", 0L);
    m.put("pickup_outside_month", 0L);
    m.put("dropoff_before_pickup", 0L);
    m.put("duration_under_min", underMin);
    m.put("duration_over_max", overMax);
    return m;
  }
}
