package dev.tripcast.htmlreport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@link ReportData} into one self-contained HTML page: inline CSS, charts as PNG data
 * URIs, no script, no external resource, so the file opens offline and can be mailed or archived.
 * The layout is responsive (viewport meta, a figure grid that goes from two columns on a laptop to
 * one on a phone, tables that scroll sideways). Only sections whose data has rows are shown. A
 * half-written month ({@link ReportData#halfWritten}) gets one warning box at the top of the page,
 * worded as {@code tripcast report --month} words it, since its figures may not describe its trips.
 */
final class HtmlRenderer {
  /**
   * The page and what it holds.
   *
   * @param html the complete document
   * @param sections ids of the sections shown, in page order
   * @param charts chart images in the page
   */
  record Rendered(String html, List<String> sections, int charts) {}

  private static final String CSS = """
      :root { color-scheme: light; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #f5f6f8; color: #1c1e21;
        font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
      header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 16px; }
      header { padding-top: 20px; }
      h1 { font-size: 1.6rem; margin: 0 0 4px; line-height: 1.25; }
      h2 { font-size: 1.25rem; margin: 0 0 12px; }
      .lede { margin: 0 0 8px; color: #4b4f56; }
      nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 8px 0 0; padding: 0; }
      nav a { color: #0b5cad; }
      section { background: #fff; border-radius: 8px; padding: 16px; margin: 16px 0;
        box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
      .figures { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr)); }
      .with-table { display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr); }
      @media (min-width: 1100px) { .with-table { grid-template-columns: minmax(480px, 1fr) minmax(0, auto); align-items: start; } }
      figure { margin: 0; }
      figure img { display: block; width: 100%; max-width: 720px; height: auto; margin: 0 auto; }
      figcaption { font-size: .92rem; color: #4b4f56; margin-top: 4px; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .92rem; }
      .table-caption { color: #4b4f56; font-size: .92rem; margin: 12px 0 4px; }
      th, td { padding: 4px 10px; border-bottom: 1px solid #e3e5e8; text-align: left; white-space: nowrap; }
      th { background: #f0f2f5; font-weight: 600; }
      .num { text-align: right; }
      td.prose { white-space: normal; min-width: 24ch; max-width: 60ch; }
      details { margin-top: 8px; }
      summary { cursor: pointer; color: #0b5cad; }
      .warning { background: #fff4e5; border-left: 4px solid #c25e00; border-radius: 4px; padding: 8px 12px;
        margin: 16px 0; overflow-wrap: anywhere; }
      footer { color: #6b6f76; font-size: .85rem; padding-bottom: 24px; }
      @media (max-width: 600px) {
        body { font-size: 15px; }
        header, main, footer { padding: 0 8px; }
        section { padding: 12px 10px; margin: 10px 0; }
        h1 { font-size: 1.3rem; }
      }
      """;

  private HtmlRenderer() {}

  /**
   * The report's parts, in page order: key numbers, error over time, error by segment, worst
   * pickup zones (≥ 100 trips), seen vs unseen PU_DO pairs, drift and checks by month, rows
   * read/kept/dropped, champion/challenger history.
   */
  static List<Section> defaultSections() {
    return List.of(new KeyNumbersSection(), new ErrorTrendSection(), SegmentsSection.standard(),
        new WorstZonesSection(WorstZonesSection.DEFAULT_MIN_TRIPS, WorstZonesSection.DEFAULT_TOP),
        new SeenUnseenSection(), new DriftSection(), new DataQualitySection(), new ChampionHistorySection());
  }

  /**
   * @param data the rows to show
   * @param sections candidate sections, in page order; those without rows are left out
   * @param generatedAt when the page is made, shown in the footer (UTC, to the second)
   */
  static Rendered render(ReportData data, List<Section> sections, String generator, Instant generatedAt) {
    List<Section> shown = sections.stream().filter(s -> s.hasRows(data)).toList();
    StringBuilder body = new StringBuilder();
    List<String> ids = new ArrayList<>();
    int charts = 0;
    for (Section s : shown) {
      Section.Content content = s.render(data);
      charts += content.charts();
      ids.add(s.id());
      body.append("<section id=\"").append(Html.esc(s.id())).append("\">\n<h2>").append(Html.esc(s.title()))
          .append("</h2>\n").append(content.html()).append("</section>\n");
    }
    String range = data.from().equals(data.to()) ? data.from().toString() : data.from() + " to " + data.to();
    String title = "Trip duration error: " + data.taxiType() + " taxis, " + range;
    StringBuilder nav = new StringBuilder("<nav><ul>\n");
    shown.forEach(s -> nav.append("<li><a href=\"#").append(Html.esc(s.id())).append("\">").append(Html.esc(s.title()))
        .append("</a></li>\n"));
    nav.append("</ul></nav>\n");
    String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        + "<title>" + Html.esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<header>\n<h1>"
        + Html.esc(title) + "</h1>\n<p class=\"lede\">Prediction error of the trip-duration model, read from the "
        + "<code>error_report</code> and <code>data_quality</code> Delta tables. Error = actual − predicted duration,"
        + " in minutes.</p>\n" + nav + "</header>\n<main>\n" + warnings(data) + body + "</main>\n<footer>Source: "
        + Html.esc(data.source()) + ". Generated by " + Html.esc(generator) + " at "
        + generatedAt.truncatedTo(ChronoUnit.SECONDS) + ".</footer>\n</body>\n</html>\n";
    return new Rendered(html, List.copyOf(ids), charts);
  }

  /** One {@code <p class="warning" role="alert">} per half-written month; empty when there is none. */
  static String warnings(ReportData data) {
    StringBuilder html = new StringBuilder();
    for (String line : data.halfWritten()) {
      html.append("<p class=\"warning\" role=\"alert\"><strong>Warning:</strong> ").append(Html.esc(line))
          .append("</p>\n");
    }
    return html.toString();
  }
}
