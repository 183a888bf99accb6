package dev.tripcast.reports.html;

import java.time.YearMonth;

/**
 * One row of the {@code error_report} Delta table ({@link dev.tripcast.reports.ErrorReport}), as a
 * plain value. Errors are {@code diff = actual − predicted} trip durations, in minutes.
 *
 * @param month service month
 * @param modelVersion the model version that scored the month, e.g. "v1"
 * @param dimension a {@link dev.tripcast.reports.ReportDimension} id, e.g. "hour_of_day"
 * @param segment the segment within the dimension, e.g. "all", "07", "Manhattan", "[2,5)"
 * @param n scored trips in the segment (≥ 1)
 * @param rmse root mean squared error, minutes
 * @param mae mean absolute error, minutes
 * @param bias mean of diff, minutes (positive: the model under-predicts)
 * @param p50AbsError median |diff|, minutes; NaN if the table holds null
 * @param p90AbsError 90th percentile of |diff|, minutes; NaN if the table holds null
 */
public record ErrorRow(YearMonth month, String modelVersion, String dimension, String segment, long n,
    double rmse, double mae, double bias, double p50AbsError, double p90AbsError) {}
