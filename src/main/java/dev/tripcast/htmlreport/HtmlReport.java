package dev.tripcast.htmlreport;

import dev.tripcast.tables.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the HTML report of one taxi type and month range: a single self-contained file (inline
 * CSS, charts as PNG data URIs, no script, no network) that reads well on a laptop and a phone.
 * It is rendered from the Delta tables ({@code error_report}, {@code data_quality},
 * {@code drift_metrics}, {@code checks}, {@code model_registry}); no trip is read. Sections: key
 * numbers per month; RMSE, MAE and bias by month and model version; RMSE by pickup hour, weekday,
 * distance bucket and pickup borough; the worst pickup zones (≥ 100 trips); seen vs unseen PU_DO
 * pairs; drift from the reference, RMSE over validation RMSE and the rules fired, by month; rows
 * read, kept and dropped by reason; the champion/challenger history. A section without rows is left
 * out. Charts are drawn headless ({@code java.awt.headless=true}).
 *
 * <p>Stability: evolving; the CLI will call {@link #write}.
 */
public final class HtmlReport {
  /**
   * @param path the file written, fully qualified ({@code file:/…}, {@code s3a://…})
   * @param sections ids of the sections shown, in page order (e.g. "key-numbers", "error-trend")
   * @param charts chart images in the page
   */
  public record Result(String path, List<String> sections, int charts) {}

  private HtmlReport() {}

  /**
   * Reads the tables and writes the report, replacing {@code out} if it exists.
   *
   * @param warehouse the warehouse holding {@code error_report} and {@code data_quality}
   * @param taxiType the TLC layout, e.g. "green"
   * @param from first service month, inclusive
   * @param to last service month, inclusive; not before {@code from}
   * @param out the HTML file to write: a local path or any Hadoop URI ({@code s3a://bucket/reports/x.html}),
   *     beside the tables on a cluster; missing parent folders are created, an existing file replaced
   * @param hadoopConf the session's Hadoop configuration (reaches S3 with the run's settings)
   * @param generator what the footer names as the report's author, e.g. "tripcast 0.1.0"
   * @throws dev.tripcast.errors.InvalidInputException when the error report has no rows for the taxi
   *     type in the range (score a month first, or check the warehouse root)
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   * @throws UncheckedIOException when {@code out} cannot be written
   */
  public static Result write(Warehouse warehouse, String taxiType, YearMonth from, YearMonth to, String out,
      Configuration hadoopConf, String generator) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("month range " + from + ".." + to + " ends before it starts");
    }
    ReportData data = DeltaReportReader.read(warehouse, taxiType, from, to);
    HtmlRenderer.Rendered page = HtmlRenderer.render(data, HtmlRenderer.defaultSections(), generator, Instant.now());
    Path file = new Path(out);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf);
      file = fs.makeQualified(file);
      try (OutputStream stream = fs.create(file, true)) {
        stream.write(page.html().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report to " + out, e);
    }
    return new Result(file.toString(), page.sections(), page.charts());
  }
}
