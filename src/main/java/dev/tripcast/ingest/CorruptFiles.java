package dev.tripcast.ingest;

import dev.tripcast.errors.Undeclared;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;

/**
 * Tells a month file that cannot be read to its end (truncated by an interrupted download, a
 * corrupt gzip stream or Parquet page) from other failures of the job that first reads it.
 *
 * <p>Such a file passes {@link TripReader}'s checks (the CSV header or the Parquet footer is
 * intact) and fails only inside the first Spark job that reads its rows, as an executor exception
 * that does not name the file. A failure is blamed on a file only when re-reading that file alone
 * fails again with a decoding error (an {@code EOFException}, a {@code ZipException}, a Parquet
 * decoding or decompression error): a transient failure (an S3 connection dropped mid-read) reads
 * through the second time and stays the job's own, exit 1.
 */
public final class CorruptFiles {
  /** Exceptions that mean the bytes are wrong, not that reading them was interrupted. */
  private static final Set<String> DECODING_ERRORS = Set.of(
      "java.io.EOFException",
      "java.util.zip.ZipException",
      "org.apache.parquet.io.ParquetDecodingException",
      "org.apache.parquet.crypto.ParquetCryptoRuntimeException",
      "org.xerial.snappy.SnappyIOException",
      "io.airlift.compress.MalformedInputException",
      "com.github.luben.zstd.ZstdException");

  private CorruptFiles() {}

  /**
   * Finds the month file behind a failure of the first job that read {@code files}.
   *
   * @param files the month files the failed job read
   * @param requiredColumns as given to {@link TripReader#read}, so the re-read reads the same columns
   * @param failure the failed job's {@code SparkException}
   * @return a {@link CorruptMonthException} (exit 2) naming the first file that fails a re-read of
   *     all its rows with a decoding error; empty if {@code failure} is no decoding error or every
   *     file reads through
   */
  public static Optional<CorruptMonthException> find(SparkSession spark, List<MonthFile> files,
      List<String> requiredColumns, SparkException failure) {
    if (decodingError(failure).isEmpty()) {
      return Optional.empty();
    }
    for (MonthFile file : files) {
      try {
        Undeclared.sparkJob(() -> {
          TripReader.readMonth(spark, file, requiredColumns).write().format("noop").mode("overwrite").save();
          return null;
        });
      } catch (SparkException again) {
        Optional<Throwable> cause = decodingError(again);
        if (cause.isPresent()) {
          return Optional.of(new CorruptMonthException(file.path(), cause.get(), failure));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Throwable> decodingError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (DECODING_ERRORS.contains(t.getClass().getName())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
