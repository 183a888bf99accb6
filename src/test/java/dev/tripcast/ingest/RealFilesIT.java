package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real TLC file shipped in {@code data/tlc} (copied from the shared TLC folder, with its
 * MANIFEST.md) reads through the contract with exactly the MANIFEST's row count, and the two
 * Parquet type generations and the CSV export agree with each other.
 */
class RealFilesIT {
  /** A MANIFEST table row: | file | size | sha256 | rows | … */
  private static final Pattern MANIFEST_ROW =
      Pattern.compile("^\\| (\\S+\\.(?:parquet|csv\\.gz)) \\| \\d+ \\| [0-9a-f]+ \\| (\\d+) \\|");
  private static final Pattern MONTH = Pattern.compile("_tripdata_(\\d{4}-\\d{2})");

  private final SparkSession spark = TestSpark.session();

  record ManifestEntry(String file, long rows) {
    @Override
    public String toString() {
      return file + " (" + rows + " rows)";
    }
  }

  static List<ManifestEntry> manifest() throws IOException {
    List<ManifestEntry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(TestSettings.realDataRoot().resolve("MANIFEST.md"))) {
      Matcher m = MANIFEST_ROW.matcher(line);
      if (m.find()) {
        entries.add(new ManifestEntry(m.group(1), Long.parseLong(m.group(2))));
      }
    }
    return entries;
  }

  @Test
  void manifestListsEveryShippedTripFile() throws IOException {
    List<String> listed = manifest().stream().map(ManifestEntry::file).sorted().toList();
    Path root = TestSettings.realDataRoot();
    List<String> shipped;
    try (Stream<Path> files = Files.walk(root)) {
      shipped = files.filter(p -> p.toString().matches(".*tripdata.*\\.(parquet|csv\\.gz)$"))
          .map(p -> root.relativize(p).toString()).sorted().toList();
    }
    assertEquals(17, listed.size());
    assertEquals(listed, shipped);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void everyRealFileReadsWithTheManifestsRowCountAndNoLostValues(ManifestEntry entry) {
    Dataset<Row> trips = TripReader.readMonth(spark, file(entry.file()));

    Row r = trips.agg(count(lit(1)), nulls(TripColumns.PICKUP_DATETIME), nulls(TripColumns.DROPOFF_DATETIME),
        nulls(TripColumns.PU_LOCATION_ID), nulls(TripColumns.DO_LOCATION_ID), nulls(TripColumns.TRIP_DISTANCE),
        org.apache.spark.sql.functions.countDistinct(col(TripColumns.SOURCE_ROW))).first();
    assertEquals(entry.rows(), r.getLong(0), "rows read");
    for (int i = 1; i <= 5; i++) {
      assertEquals(0L, r.getLong(i), "nulls introduced by the casts in column " + i);
    }
    assertEquals(entry.rows(), r.getLong(6), "distinct source_row");
  }

  @Test
  void bothParquetGenerationsReadTogetherInEitherOrderAsApart() {
    MonthFile jan = file("green_tripdata_2023-01.parquet"); // INT64 ids, DOUBLE counts
    MonthFile feb = file("green_tripdata_2023-02.parquet"); // INT32 ids, INT64 counts, DOUBLE ehail_fee
    Dataset<Row> apart = TripReader.readMonth(spark, jan).unionByName(TripReader.readMonth(spark, feb)).cache();
    Dataset<Row> janFirst = TripReader.read(spark, List.of(jan, feb), List.of());
    Dataset<Row> febFirst = TripReader.read(spark, List.of(feb, jan), List.of());

    assertEquals(68_211 + 64_809, apart.count());
    assertSameRows(apart, janFirst);
    assertSameRows(apart, febFirst);
    assertEquals(List.of("parquet/PU:bigint/pickup:timestamp_ntz", "parquet/PU:int/pickup:timestamp_ntz"),
        apart.select(TripColumns.SOURCE_SCHEMA).distinct().orderBy(TripColumns.SOURCE_SCHEMA).collectAsList()
            .stream().map(row -> row.getString(0)).toList());
    apart.unpersist();
  }

  @Test
  void csvExportAndParquetOfTheSameMonthGiveTheSameTrips() {
    List<String> tripColumns = List.of(TripColumns.SOURCE_ROW, TripColumns.PICKUP_DATETIME,
        TripColumns.DROPOFF_DATETIME, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID,
        TripColumns.TRIP_DISTANCE, TripColumns.PASSENGER_COUNT, TripColumns.FARE_AMOUNT, TripColumns.TOTAL_AMOUNT);
    Dataset<Row> parquet = select(TripReader.readMonth(spark, file("green_tripdata_2020-12.parquet")), tripColumns);
    Dataset<Row> csv = select(TripReader.readMonth(spark, file("green_tripdata_2020-12.csv.gz")), tripColumns);

    assertEquals(83_130, csv.count());
    assertSameRows(parquet, csv);
  }

  private static Dataset<Row> select(Dataset<Row> trips, List<String> columns) {
    return trips.select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(0, expected.exceptAll(actual).count(), "rows missing");
    assertEquals(0, actual.exceptAll(expected).count(), "rows added");
  }

  private static org.apache.spark.sql.Column nulls(String column) {
    return sum(when(col(column).isNull(), 1).otherwise(0)).cast("long");
  }

  private static MonthFile file(String relative) {
    Path path = TestSettings.realDataRoot().resolve(relative);
    Matcher m = MONTH.matcher(relative);
    assertTrue(m.find(), relative);
    MonthFile.Format format = relative.endsWith(".csv.gz") ? MonthFile.Format.CSV_GZ : MonthFile.Format.PARQUET;
    try {
      return new MonthFile(TaxiType.GREEN, YearMonth.parse(m.group(1)), "file:" + path, Files.size(path), format);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
