package dev.tripcast.htmlreport;

/**
 * One part of the HTML report. The renderer asks every section whether the data has rows for it
 * and shows only those that do; to add a part (drift over time, checks fired, champion/challenger
 * history), write one class and add it to {@link HtmlRenderer#defaultSections()}.
 */
public interface Section {
  /** The HTML id and anchor, lower-case with dashes, unique in the page, e.g. "error-trend". */
  String id();

  /** The heading shown, e.g. "Error over time". */
  String title();

  /** True when {@code data} has the rows this section shows; {@link #render} is called only then. */
  boolean hasRows(ReportData data);

  /** The section's body (without its heading). */
  Content render(ReportData data);

  /**
   * A rendered section body.
   *
   * @param html the body markup
   * @param charts how many chart images it holds
   */
  record Content(String html, int charts) {}
}
