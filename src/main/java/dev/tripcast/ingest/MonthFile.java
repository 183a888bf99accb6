package dev.tripcast.ingest;

import java.time.YearMonth;

/**
 * One TLC monthly trip file that exists under the data root.
 *
 * @param taxiType the layout of the file
 * @param month the service month the file publishes
 * @param path fully qualified path or URI ({@code file:/...}, {@code s3a://...})
 * @param sizeBytes file size in bytes
 */
public record MonthFile(TaxiType taxiType, YearMonth month, String path, long sizeBytes) {

  /** TLC's file name for a month: {@code {taxi}_tripdata_{YYYY-MM}.parquet}. */
  public static String fileName(TaxiType taxiType, YearMonth month) {
    return taxiType.id() + "_tripdata_" + month + ".parquet";
  }
}
