package dev.tripcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's CSV copy of a month, for the course script's column of {@code make bench} and
 * for {@code tripcast score} from CSV: every column of a TLC Parquet month, in file order, as one
 * CSV file with a header, timestamps as {@code yyyy-MM-dd HH:mm:ss} (TLC's CSV layout, which
 * {@link dev.tripcast.ingest.TripReader} parses), nulls as empty fields.
 *
 * <pre>
 * java -cp ... dev.tripcast.bench.CsvExport IN.parquet OUT.csv
 * </pre>
 *
 * Local mode, two cores; not a tripcast command (a benchmark tool, stable only as such).
 */
public final class CsvExport {
  private CsvExport() {}

  /** Writes OUT.csv from IN.parquet; exits 2 on wrong arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("[ERROR] usage: CsvExport IN.parquet OUT.csv");
      System.exit(2);
    }
    Path out = Path.of(args[1]).toAbsolutePath();
    Path staging = out.resolveSibling(out.getFileName() + ".parts");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("tripcast-bench-csv")
        .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      spark.read().parquet(Path.of(args[0]).toAbsolutePath().toString()).coalesce(1).write().mode("overwrite")
          .option("header", "true")
          .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
          .option("timestampNTZFormat", "yyyy-MM-dd HH:mm:ss")
          .csv(staging.toString());
    } finally {
      spark.stop();
    }
    try (Stream<Path> parts = Files.list(staging)) {
      Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no part file under " + staging));
      Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the CSV part to " + out, e);
    }
    try (Stream<Path> rest = Files.walk(staging)) {
      rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    System.out.println("csv " + out);
  }
}
