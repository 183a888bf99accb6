package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TripFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real green 2021-01 month shipped under data/tlc, and broken files written per test. */
class TripReaderIT {
  private static final YearMonth JAN_2021 = YearMonth.of(2021, 1);
  /** Rows of TLC's green_tripdata_2021-01.parquet. */
  private static final long JAN_2021_ROWS = 76_518;

  private static SparkSession spark;

  @TempDir Path dataRoot;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  @Test
  void locatesMonthsInTheGivenOrderWithQualifiedPathsAndSizes() throws IOException {
    Path real = TestSettings.realDataRoot();

    List<MonthFile> files = locator(real).locate(TaxiType.GREEN, List.of(YearMonth.of(2021, 3), JAN_2021));

    assertEquals(List.of(
        new MonthFile(TaxiType.GREEN, YearMonth.of(2021, 3), qualified(real.resolve("green_tripdata_2021-03.parquet")),
            Files.size(real.resolve("green_tripdata_2021-03.parquet")), MonthFile.Format.PARQUET),
        new MonthFile(TaxiType.GREEN, JAN_2021, qualified(real.resolve("green_tripdata_2021-01.parquet")),
            Files.size(real.resolve("green_tripdata_2021-01.parquet")), MonthFile.Format.PARQUET)), files);
  }

  @Test
  void realGreenMonthHasEveryRowInTheCanonicalSchema() {
    MonthFile file = realJanuary();

    Dataset<Row> trips = TripReader.readMonth(spark, file);

    assertEquals(List.of(
        "taxi_type:string", "month:string", "source_file:string", "source_row:bigint",
        "source_schema:string", "pickup_datetime:timestamp_ntz", "dropoff_datetime:timestamp_ntz",
        "PULocationID:int", "DOLocationID:int", "trip_distance:double", "passenger_count:int",
        "fare_amount:double", "total_amount:double", "airport_fee:double"), namesAndTypes(trips.schema()));
    assertEquals(namesAndTypes(TripFixtures.CANONICAL), namesAndTypes(trips.schema()));

    Row stats = trips.agg(
        count(lit(1)), countDistinct(col(TripColumns.SOURCE_ROW)),
        min(TripColumns.SOURCE_ROW), max(TripColumns.SOURCE_ROW),
        countDistinct(col(TripColumns.TAXI_TYPE), col(TripColumns.MONTH), col(TripColumns.SOURCE_FILE)))
        .first();
    assertEquals(JAN_2021_ROWS, stats.getLong(0));
    assertEquals(JAN_2021_ROWS, stats.getLong(1));
    assertEquals(0L, stats.getLong(2));
    assertEquals(JAN_2021_ROWS - 1, stats.getLong(3));
    assertEquals(1L, stats.getLong(4));
  }

  @Test
  void firstSourceRowCarriesTheFilesValues() {
    MonthFile file = realJanuary();

    Row first = TripReader.readMonth(spark, file).where(col(TripColumns.SOURCE_ROW).equalTo(0L)).first();

    assertEquals(RowFactory.create("green", "2021-01", file.path(), 0L, "parquet/PU:bigint/pickup:timestamp_ntz",
        LocalDateTime.parse("2021-01-01T00:15:56"), LocalDateTime.parse("2021-01-01T00:19:52"), 43, 151, 1.01,
        1, 5.5, 6.8, null), first);
  }

  @Test
  void missingMonthIsRejectedNamingTheMonthAndTheFullPath() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> locator(dataRoot).locate(TaxiType.GREEN, List.of(JAN_2021, YearMonth.of(2021, 4))));

    String path = qualified(dataRoot.resolve("green_tripdata_2021-01.parquet"));
    assertEquals("no green trip file for month 2021-01: " + path
        + " does not exist (check paths.data-root or the month)", e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void folderInPlaceOfTheMonthFileIsRejected() throws IOException {
    Files.createDirectory(dataRoot.resolve("green_tripdata_2021-08.parquet"));

    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> locator(dataRoot).locate(TaxiType.GREEN, List.of(YearMonth.of(2021, 8))));

    assertTrue(e.getMessage().contains("2021-08"), e.getMessage());
    assertTrue(e.getMessage().contains(qualified(dataRoot.resolve("green_tripdata_2021-08.parquet"))
        + " (a directory, expected a file)"), e.getMessage());
  }

  @Test
  void textFileNamedParquetIsRejectedNamingTheFile() throws IOException {
    Files.writeString(dataRoot.resolve("green_tripdata_2021-05.parquet"), "VendorID,lpep_pickup_datetime\n2,2021-05-01\n");
    MonthFile file = locator(dataRoot).locate(TaxiType.GREEN, List.of(YearMonth.of(2021, 5))).get(0);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TripReader.readMonth(spark, file));

    assertTrue(e.getMessage().startsWith("cannot read " + file.path() + " as Parquet: "), e.getMessage());
    assertTrue(e.getMessage().contains("is not a Parquet file"), e.getMessage());
    assertOneLine(e.getMessage());
  }

  @Test
  void truncatedParquetFileIsRejectedNamingTheFile() throws IOException {
    Path real = TestSettings.realDataRoot().resolve("green_tripdata_2021-01.parquet");
    Path truncated = dataRoot.resolve("green_tripdata_2021-07.parquet");
    copyFirstBytes(real, truncated, Files.size(real) / 2);
    MonthFile file = locator(dataRoot).locate(TaxiType.GREEN, List.of(YearMonth.of(2021, 7))).get(0);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TripReader.readMonth(spark, file));

    assertTrue(e.getMessage().startsWith("cannot read " + file.path() + " as Parquet: "), e.getMessage());
    assertTrue(e.getMessage().contains("is not a Parquet file"), e.getMessage());
    assertOneLine(e.getMessage());
  }

  @Test
  void parquetFileWithoutTripDistanceIsRejectedNamingTheFileAndTheColumn() throws IOException {
    Dataset<Row> noDistance = spark.createDataFrame(List.of(RowFactory.create(2L,
            LocalDateTime.parse("2021-06-01T08:00:00"), LocalDateTime.parse("2021-06-01T08:12:00"), 43L, 151L, 1.0)),
        StructType.fromDDL("VendorID BIGINT, lpep_pickup_datetime TIMESTAMP_NTZ, lpep_dropoff_datetime TIMESTAMP_NTZ, "
            + "PULocationID BIGINT, DOLocationID BIGINT, passenger_count DOUBLE"));
    Path written = dataRoot.resolve("spark-output");
    noDistance.coalesce(1).write().parquet(written.toString());
    Files.move(singlePartFile(written), dataRoot.resolve("green_tripdata_2021-06.parquet"), StandardCopyOption.ATOMIC_MOVE);
    MonthFile file = locator(dataRoot).locate(TaxiType.GREEN, List.of(YearMonth.of(2021, 6))).get(0);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TripReader.readMonth(spark, file, List.of(TripColumns.TRIP_DISTANCE)));

    assertEquals(file.path() + " has no column trip_distance required by the green layout (columns present: "
        + "VendorID, lpep_pickup_datetime, lpep_dropoff_datetime, PULocationID, DOLocationID, passenger_count)",
        e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  private static MonthFile realJanuary() {
    return locator(TestSettings.realDataRoot()).locate(TaxiType.GREEN, List.of(JAN_2021)).get(0);
  }

  private static MonthLocator locator(Path root) {
    return new MonthLocator(root.toString(), spark.sparkContext().hadoopConfiguration());
  }

  /** How Hadoop's local file system qualifies an absolute path: {@code file:/abs/path}. */
  private static String qualified(Path p) {
    return "file:" + p.toAbsolutePath();
  }

  private static List<String> namesAndTypes(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).collect(Collectors.toList());
  }

  private static void assertOneLine(String message) {
    assertTrue(!message.contains("\n") && !message.contains("\r"), message);
  }

  private static void copyFirstBytes(Path from, Path to, long n) throws IOException {
    try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
      out.write(in.readNBytes(Math.toIntExact(n)));
    }
  }

  private static Path singlePartFile(Path sparkOutput) throws IOException {
    try (Stream<Path> files = Files.list(sparkOutput)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(".parquet")).collect(Collectors.toList());
      assertEquals(1, parts.size(), "part files in " + sparkOutput + ": " + parts);
      return parts.get(0);
    }
  }
}
