package dev.tripcast.htmlreport;

/**
 * The words of a chart: each chart of the report has a title, both axis labels with their units,
 * and a one-line caption saying what to look for.
 *
 * @param title e.g. "RMSE by pickup hour, 2021-03"
 * @param categoryAxis the category axis label, e.g. "pickup hour (New York time)"
 * @param valueAxis the value axis label with its unit, e.g. "RMSE (minutes)"
 * @param caption one sentence shown under the chart
 */
record ChartSpec(String title, String categoryAxis, String valueAxis, String caption) {}
