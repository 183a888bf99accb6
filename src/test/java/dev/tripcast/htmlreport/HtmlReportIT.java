package dev.tripcast.htmlreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.config.Settings;
import dev.tripcast.testing.HeadlessChromium;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

/**
 * The HTML report of real tables: model v1 trained on green 2021-01 (validated on 2021-02), 2021-02
 * and 2021-03 scored (the shared {@link LocalReference} run with 2021-03, copied), report of
 * 2021-01 to 2021-03 written with {@link HtmlReport#write}, then opened in headless Chromium: no
 * console error, every chart loaded at its size and not blank, the numbers shown equal the tables',
 * no sideways scrolling on a phone. Screenshots go to {@code target/html-report/}.
 */
class HtmlReportIT {
  private static final YearMonth JAN = YearMonth.of(2021, 1);
  private static final YearMonth MAR = LocalReference.MARCH;
  private static final Path SCREENSHOTS = TestSettings.repoDir().resolve("target/html-report");

  @TempDir static Path work;
  private static String warehouse;
  private static HtmlReport.Result result;

  @BeforeAll
  static void writeTheReportOfTwoScoredMonths() {
    LocalReference.get().copyWithMarchTo(work);
    Settings settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    warehouse = settings.paths().warehouseRoot();
    result = HtmlReport.write(new Warehouse(TestSpark.session(), warehouse, LogStorePolicy.REFUSE), "green", JAN, MAR,
        work.resolve("report/green.html").toString(), TestSpark.session().sparkContext().hadoopConfiguration(), "tripcast HtmlReportIT");
  }

  @Test
  void everySectionIsShownFromTheRealTables() throws Exception {
    // The training run registered v1 in model_registry, so the champion/challenger history shows too.
    assertEquals(List.of("key-numbers", "error-trend", "segments", "worst-zones", "seen-unseen", "data-quality",
        "champion-history"), result.sections());
    assertEquals(8, result.charts());
    long bytes = Files.size(Path.of(java.net.URI.create(result.path())));
    assertTrue(bytes < 2_000_000, "report size " + bytes);
  }

  @Test
  void chromiumShowsEveryChartAndTheTablesNumbers() {
    long started = System.nanoTime();
    try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
      browser.open(Path.of(java.net.URI.create(result.path())));

      List<LogEntry> errors = browser.consoleEntries().stream()
          .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
      assertEquals(List.of(), errors, "console errors");

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> images = (List<Map<String, Object>>) browser.script(IMAGE_PROBE);
      assertEquals(result.charts(), images.size());
      for (Map<String, Object> img : images) {
        String what = String.valueOf(img.get("alt"));
        assertEquals(Boolean.TRUE, img.get("complete"), what);
        long scale = ((Number) img.get("scale")).longValue();
        assertEquals(((Number) img.get("width")).longValue() * scale, ((Number) img.get("naturalWidth")).longValue(), what);
        assertEquals(((Number) img.get("height")).longValue() * scale, ((Number) img.get("naturalHeight")).longValue(), what);
        assertTrue(((Number) img.get("colours")).longValue() > 10, what + ": blank, colours " + img.get("colours"));
        assertTrue(((Number) img.get("shownWidth")).longValue() > 300, what + " laid out " + img.get("shownWidth") + " px wide");
      }

      assertKeyNumbersMatchTheErrorReport(rows(browser, "key-numbers-table"));
      assertQualityCountsMatchTheDataQualityTable(rows(browser, "data-quality-table"));
      browser.saveFullPageScreenshot(1280, SCREENSHOTS.resolve("report-laptop.png"));

      browser.resize(390, 844);
      long overflow = ((Number) browser.script(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
      assertEquals(0, overflow, "the page scrolls sideways on a 390 px phone");
      browser.saveFullPageScreenshot(390, SCREENSHOTS.resolve("report-phone.png"));
      assertEquals(List.of(), browser.consoleEntries().stream()
          .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList(), "console errors after resizing");
    }
    System.out.printf("HtmlReportIT: browser check took %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static void assertKeyNumbersMatchTheErrorReport(List<Map<String, String>> shown) {
    List<Row> table = TestSpark.session().read().format("delta").load(warehouse + "/error_report")
        .where("taxi_type = 'green' AND dimension = 'overall'").orderBy("month").collectAsList();
    assertEquals(List.of("2021-02", "2021-03"), table.stream().map(r -> r.<String>getAs("month")).toList());
    assertEquals(table.size(), shown.size());
    for (int i = 0; i < table.size(); i++) {
      Row expected = table.get(i);
      Map<String, String> cells = shown.get(i);
      assertEquals(expected.<String>getAs("month"), cells.get("month"));
      assertEquals(expected.<String>getAs("model_version"), cells.get("model_version"));
      assertEquals(expected.<Long>getAs("n"), count(cells.get("n")));
      for (String measure : List.of("rmse", "mae", "bias", "p50_abs_error", "p90_abs_error")) {
        assertEquals(expected.<Double>getAs(measure), Double.parseDouble(cells.get(measure)), 0.0005,
            cells.get("month") + " " + measure);
      }
    }
    assertEquals(7.011, Double.parseDouble(shown.get(0).get("rmse")), 0.001); // ScoreJobIT's 2021-02 figure
  }

  private static void assertQualityCountsMatchTheDataQualityTable(List<Map<String, String>> shown) {
    Map<String, Row> table = TestSpark.session().sql(String.format(
            "SELECT month, first(job) AS job, sum(rows_read) AS read, sum(rows_kept) AS kept FROM delta.`%s/data_quality`"
                + " WHERE taxi_type = 'green' AND job = CASE WHEN month = '2021-01' THEN 'train' ELSE 'score' END"
                + " GROUP BY month", warehouse))
        .collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("month"), r -> r));
    assertEquals(3, shown.size());
    for (Map<String, String> cells : shown) {
      Row expected = table.get(cells.get("month"));
      assertEquals(expected.<String>getAs("job"), cells.get("job"));
      assertEquals(expected.<Long>getAs("read"), count(cells.get("rows_read")), cells.get("month"));
      assertEquals(expected.<Long>getAs("kept"), count(cells.get("rows_kept")), cells.get("month"));
      assertEquals(expected.<Long>getAs("read") - expected.<Long>getAs("kept"), count(cells.get("rows_dropped")));
    }
    assertEquals(64_572L, count(shown.get(1).get("rows_read"))); // ScoreJobIT's 2021-02 figures
    assertEquals(61_920L, count(shown.get(1).get("rows_kept")));
  }

  /** The body rows of a table in the page, each as data-field → cell text. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> rows(HeadlessChromium browser, String tableId) {
    return (List<Map<String, String>>) browser.script(
        "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')].map(tr => Object.fromEntries("
            + "[...tr.querySelectorAll('td')].map(td => [td.dataset.field, td.textContent])))", tableId);
  }

  private static long count(String shown) {
    return Long.parseLong(shown.replace(",", ""));
  }

  /**
   * Per chart image: load state, natural and attribute sizes, laid-out width, and the number of
   * distinct colours among sampled pixels (drawn through a canvas: a blank image has one).
   */
  private static final String IMAGE_PROBE = """
      return [...document.querySelectorAll('figure img')].map(img => {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 7) {
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        }
        return { alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
          width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height')),
          scale: Number(img.dataset.pixelScale), shownWidth: Math.round(img.getBoundingClientRect().width),
          colours: colours.size };
      });
      """;
}
