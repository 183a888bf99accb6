package dev.tripcast.reports;

import java.time.YearMonth;
import org.apache.spark.sql.Row;

/**
 * One row of the {@code error_report} table ({@link ErrorReport#TABLE}), typed.
 *
 * @param taxiType layout, e.g. "green"
 * @param month service month
 * @param modelVersion the version that scored the trips, e.g. "v3"
 * @param dimension a {@link ReportDimension} id
 * @param segment the segment within the dimension ("all", "seen", "Manhattan", "07", …)
 * @param n scored trips in the segment
 * @param rmse root mean squared error, minutes
 * @param mae mean absolute error, minutes
 * @param bias mean of actual − predicted, minutes (positive: under-predicted)
 * @param p50AbsError median |actual − predicted|, minutes (percentile_approx)
 * @param p90AbsError 90th percentile of |actual − predicted|, minutes
 */
public record ErrorMetrics(String taxiType, YearMonth month, String modelVersion, String dimension, String segment,
    long n, double rmse, double mae, double bias, double p50AbsError, double p90AbsError) {

  /** A row read from the table (columns by name). */
  public static ErrorMetrics fromRow(Row r) {
    return new ErrorMetrics(r.getAs("taxi_type"), YearMonth.parse(r.getAs("month")), r.getAs("model_version"), r.getAs("dimension"),
        r.getAs("segment"), r.<Long>getAs("n"), r.<Double>getAs("rmse"), r.<Double>getAs("mae"),
        r.<Double>getAs("bias"), r.<Double>getAs("p50_abs_error"), r.<Double>getAs("p90_abs_error"));
  }

  /** Whether this row belongs to {@code d}. */
  public boolean is(ReportDimension d) {
    return d.id().equals(dimension);
  }
}
