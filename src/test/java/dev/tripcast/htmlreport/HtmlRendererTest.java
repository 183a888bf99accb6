package dev.tripcast.htmlreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.reports.ErrorMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The renderer on hand-made rows ({@link ReportFixtures}): what the page shows, and what it leaves out. */
class HtmlRendererTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Pattern IMG = Pattern.compile(
      "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");

  private static HtmlRenderer.Rendered render(ReportData data) {
    return HtmlRenderer.render(data, HtmlRenderer.defaultSections(), "tripcast test", NOW);
  }

  @Test
  void everySectionWithRowsIsShownInPageOrder() {
    HtmlRenderer.Rendered page = render(ReportFixtures.twoMonths());
    assertEquals(List.of("key-numbers", "error-trend", "segments", "worst-zones", "seen-unseen", "data-quality"),
        page.sections());
    // trend 1 + segments 4 + worst zones 1 + seen/unseen 1 + dropped by reason 1
    assertEquals(8, page.charts());
    for (String id : page.sections()) {
      assertTrue(page.html().contains("<section id=\"" + id + "\">"), id);
      assertTrue(page.html().contains("<a href=\"#" + id + "\">"), id);
    }
  }

  @Test
  void theChampionHistoryAppearsWhenTheRegistryHasEventsOldestFirst() {
    ReportData base = ReportFixtures.twoMonths();
    ReportData withRegistry = new ReportData(base.taxiType(), base.from(), base.to(), base.errors(), base.quality(),
        List.of(new RegistryEvent(java.time.Instant.parse("2021-03-02T06:00:00Z"), "alias_moved", "champion", "v2", "v1",
                "beat v1 on 2021-02 by 0.42 min", "models-2"),
            new RegistryEvent(java.time.Instant.parse("2021-02-01T06:00:00Z"), "alias_set", "champion", "v1", null,
                "first trained version", "score-1")),
        base.source());

    HtmlRenderer.Rendered page = render(withRegistry);

    assertEquals("champion-history", page.sections().get(page.sections().size() - 1));
    String history = table(page.html(), "champion-history-table");
    assertTrue(history.indexOf("first trained version") < history.indexOf("beat v1 on 2021-02 by 0.42 min"), history);
    assertTrue(history.contains("<td data-field=\"previous_version\">v1</td>"), history);
    // A long reason wraps in its cell instead of widening the table past a laptop's screen.
    assertTrue(history.contains("<td data-field=\"reason\" class=\"prose\">beat v1"), history);
    assertTrue(page.html().contains("td.prose { white-space: normal;"), "the prose cells' style");
    assertFalse(render(base).sections().contains("champion-history"));
  }

  @Test
  void monitoredMonthsGetTheDriftSectionWithTheirFiredRules() {
    ReportData base = ReportFixtures.twoMonths();
    List<MonthDrift> drift = new ArrayList<>();
    for (java.time.YearMonth m : List.of(ReportFixtures.FEB, ReportFixtures.MAR)) {
      double w = m.equals(ReportFixtures.FEB) ? 0.08 : 0.24;
      drift.add(new MonthDrift(m, "v1", metric(m, "duration", "normed_wasserstein", w, 0.1)));
      drift.add(new MonthDrift(m, "v1", metric(m, "PU_DO", "jensen_shannon", w / 2, 0.1)));
      drift.add(new MonthDrift(m, "v1", metric(m, "duration", "rmse_ratio", 1.05, 1.2)));
    }
    List<FiredCheck> fired = List.of(new FiredCheck(ReportFixtures.MAR, "v1", "dataset-drift", "*",
        "drifted_column_share", 0.8333, 0.5, "ERROR", "RETRAIN"));
    ReportData monitored = new ReportData(base.taxiType(), base.from(), base.to(), base.errors(), base.quality(),
        base.registry(), base.source(), List.of(), drift, fired);

    HtmlRenderer.Rendered page = render(monitored);

    assertEquals(List.of("key-numbers", "error-trend", "segments", "worst-zones", "seen-unseen", "drift", "data-quality"),
        page.sections());
    assertEquals(8 + 2, page.charts(), "distances by month, and RMSE over validation RMSE");
    String checks = table(page.html(), "checks-fired-table");
    assertTrue(checks.contains("<td data-field=\"rule\">dataset-drift</td>"), checks);
    assertTrue(checks.contains("<td data-field=\"value\" class=\"num\">0.833</td>"), checks);
    ReportData quiet = new ReportData(base.taxiType(), base.from(), base.to(), base.errors(), base.quality(),
        base.registry(), base.source(), List.of(), drift, List.of());
    assertTrue(render(quiet).html().contains("No rule fired on a monitored month of the range."));
    assertFalse(render(base).sections().contains("drift"), "no monitored month: no section");
  }

  @Test
  void theErrorRatioChartNamesTheMonthsWithoutAValue() {
    ReportData base = ReportFixtures.twoMonths();
    // v1 was validated on February: monitoring writes no rmse_ratio for it, so March is the chart's one point.
    List<MonthDrift> drift = List.of(
        new MonthDrift(ReportFixtures.FEB, "v1", metric(ReportFixtures.FEB, "duration", "normed_wasserstein", 0.08, 0.1)),
        new MonthDrift(ReportFixtures.MAR, "v1", metric(ReportFixtures.MAR, "duration", "normed_wasserstein", 0.24, 0.1)),
        new MonthDrift(ReportFixtures.MAR, "v1", metric(ReportFixtures.MAR, "duration", "rmse_ratio", 1.05, 1.2)));
    ReportData monitored = new ReportData(base.taxiType(), base.from(), base.to(), base.errors(), base.quality(),
        base.registry(), base.source(), List.of(), drift, List.of());

    String html = render(monitored).html();

    assertTrue(html.contains("a model&#39;s own validation month has no value (here 2021-02).</figcaption>"), html);
  }

  private static dev.tripcast.monitoring.DriftMetric metric(java.time.YearMonth m, String column, String statistic,
      double value, double threshold) {
    return new dev.tripcast.monitoring.DriftMetric("month", m.toString(), "data_drift", column, statistic, "baseline",
        value, threshold, value >= threshold, 80_000, 73_906);
  }

  @Test
  void eachHalfWrittenMonthGetsOneEscapedWarningAtTheTopOfThePage() {
    ReportData base = ReportFixtures.twoMonths();
    String line = "green 2021-03 is half-written: scored_trips holds 30 trips scored by v1, error_report's overall row "
        + "counts 30, data_quality has no score rows; a score run died between its commits (its runs row still says "
        + "running): re-run 'tripcast score --taxi green --month 2021-03' to repair it";
    ReportData flagged = new ReportData(base.taxiType(), base.from(), base.to(), base.errors(), base.quality(),
        base.registry(), base.source(), List.of(line));

    HtmlRenderer.Rendered page = render(flagged);

    String box = "<p class=\"warning\" role=\"alert\"><strong>Warning:</strong> " + line.replace("'", "&#39;")
        + "</p>\n";
    assertTrue(page.html().contains("<main>\n" + box + "<section id=\"key-numbers\">"), page.html());
    assertEquals(1, page.html().split("class=\"warning\"", -1).length - 1);
    assertEquals(render(base).sections(), page.sections(), "the warning is no section: the figures stay shown");
    assertFalse(render(base).html().contains("class=\"warning\""), "no box when every month agrees");
  }

  @Test
  void keyNumbersShowTheTableValuesRoundedToThreeDecimals() {
    String html = render(ReportFixtures.twoMonths()).html();
    String keyNumbers = table(html, "key-numbers-table");
    assertTrue(keyNumbers.contains("<td data-field=\"month\">2021-02</td><td data-field=\"model_version\">v1</td>"
        + "<td data-field=\"n\" class=\"num\">61,920</td><td data-field=\"rmse\" class=\"num\">7.011</td>"
        + "<td data-field=\"mae\" class=\"num\">5.123</td><td data-field=\"bias\" class=\"num\">0.432</td>"), keyNumbers);
    assertTrue(keyNumbers.contains("<td data-field=\"rmse\" class=\"num\">7.457</td>"), keyNumbers);
    assertTrue(keyNumbers.contains("<td data-field=\"bias\" class=\"num\">-0.234</td>"), keyNumbers);
  }

  @Test
  void worstZonesRankOnlyZonesWithEnoughTripsAndEscapeNames() {
    String html = render(ReportFixtures.twoMonths()).html();
    String zones = table(html, "worst-zones-table");
    assertTrue(zones.indexOf("JFK Airport") < zones.indexOf("East Harlem North"), zones);
    assertTrue(zones.contains("14.868"), zones); // March: 14.5678 + 0.3
    assertFalse(zones.contains("Tiny"), "a zone under 100 trips is not ranked");
    assertFalse(html.contains("Tiny <Zone>"), "text is escaped");
  }

  @Test
  void seenUnseenSharesAndDataQualityCountsAreShown() {
    String html = render(ReportFixtures.twoMonths()).html();
    assertTrue(html.contains("<td data-field=\"share\" class=\"num\">8.5 %</td>"), "5,263 of 61,920 unseen");
    String quality = table(html, "data-quality-table");
    // 2021-01 only trained on: its training counts; 2021-02 trained and scored: counted once, from the scoring run.
    assertTrue(quality.contains("<td data-field=\"month\">2021-01</td><td data-field=\"job\">train</td>"
        + "<td data-field=\"rows_read\" class=\"num\">76,518</td>"), quality);
    assertTrue(quality.contains("<td data-field=\"month\">2021-02</td><td data-field=\"job\">score</td>"
        + "<td data-field=\"rows_read\" class=\"num\">64,572</td><td data-field=\"rows_kept\" class=\"num\">61,920</td>"
        + "<td data-field=\"rows_dropped\" class=\"num\">2,652</td>"), quality);
    assertFalse(quality.contains("dropoff before pickup"), "reasons that dropped nothing are left out");
    assertTrue(quality.contains("duration over max"), quality);
  }

  @Test
  void sectionsWithoutRowsAreAbsent() {
    HtmlRenderer.Rendered page = render(ReportFixtures.overallOnly());
    assertEquals(List.of("key-numbers", "error-trend"), page.sections());
    assertEquals(1, page.charts());
    for (String absent : List.of("segments", "worst-zones", "seen-unseen", "data-quality")) {
      assertFalse(page.html().contains("id=\"" + absent + "\""), absent);
      assertFalse(page.html().contains("href=\"#" + absent + "\""), absent);
    }
  }

  @Test
  void pageIsSelfContainedAndResponsive() {
    String html = render(ReportFixtures.twoMonths()).html();
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assertFalse(html.contains("<script"), "no script");
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resource");
    assertFalse(html.contains("<link"), "no external stylesheet");
    assertTrue(html.contains("@media (max-width: 600px)"));
  }

  @Test
  void everyChartIsAPngAtTwiceItsCssSizeAndNotBlank() throws IOException {
    HtmlRenderer.Rendered page = render(ReportFixtures.twoMonths());
    Matcher m = IMG.matcher(page.html());
    List<BufferedImage> images = new ArrayList<>();
    while (m.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertEquals(Integer.parseInt(m.group(2)) * Plots.PIXEL_SCALE, image.getWidth());
      assertEquals(Integer.parseInt(m.group(3)) * Plots.PIXEL_SCALE, image.getHeight());
      assertTrue(colours(image) > 10, "chart has drawing on it");
      images.add(image);
    }
    assertEquals(page.charts(), images.size());
  }

  @Test
  void segmentsAreOrderedForReading() {
    List<ErrorMetrics> rows = ReportFixtures.twoMonths().errors();
    List<ErrorMetrics> distance = rows.stream().filter(r -> r.dimension().equals("trip_distance_bucket")).toList();
    assertEquals(List.of("[0,1)", "[1,2)", "[2,5)", "[5,10)", "[10,20)", "[20,inf)"), SegmentsSection.distanceOrder(distance));
    List<ErrorMetrics> boroughs = rows.stream().filter(r -> r.dimension().equals("pickup_borough")).toList();
    assertEquals(List.of("Brooklyn", "Manhattan", "EWR"), SegmentsSection.tripsOrder(boroughs));
  }

  /** The markup of the table with this id, up to its end tag. */
  private static String table(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertTrue(start >= 0, "no table " + id);
    return html.substring(start, html.indexOf("</table>", start));
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
