package dev.tripcast.ingest;

import java.time.YearMonth;

/**
 * One TLC monthly trip file that exists under the data root.
 *
 * @param taxiType the layout of the file
 * @param month the service month the file publishes
 * @param path fully qualified path or URI ({@code file:/...}, {@code s3a://...})
 * @param sizeBytes file size in bytes
 * @param format Parquet or CSV (plain or gzip)
 */
public record MonthFile(TaxiType taxiType, YearMonth month, String path, long sizeBytes, Format format) {

  /** The file formats TLC publishes or mirrors publish. */
  public enum Format {
    /** TLC's Parquet files (2022 on, and the re-published history). */
    PARQUET(".parquet"),
    /** TLC's CSV exports, gzip-compressed (mirrors such as DataTalksClub's). */
    CSV_GZ(".csv.gz"),
    /** TLC's CSV exports. */
    CSV(".csv");

    private final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }

    /** The file name suffix, e.g. ".csv.gz". */
    public String suffix() {
      return suffix;
    }
  }

  /** TLC's file name for a month: {@code {taxi}_tripdata_{YYYY-MM}{suffix}}. */
  public static String fileName(TaxiType taxiType, YearMonth month, Format format) {
    return taxiType.id() + "_tripdata_" + month + format.suffix();
  }
}
