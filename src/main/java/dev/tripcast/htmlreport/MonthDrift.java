package dev.tripcast.htmlreport;

import dev.tripcast.monitoring.DriftMetric;
import java.time.YearMonth;

/**
 * One month-level row of {@code drift_metrics} against the model's reference
 * ({@code granularity = 'month'}, {@code compared_to = 'baseline'}), of the version that serves
 * the month ({@code scored_trips}' version).
 *
 * @param month the service month
 * @param modelVersion the version that scored and was monitored on it, e.g. "v1"
 * @param metric the statistic, its threshold and verdict
 */
public record MonthDrift(YearMonth month, String modelVersion, DriftMetric metric) {}
