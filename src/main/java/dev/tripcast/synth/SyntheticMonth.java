package dev.tripcast.synth;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.ingest.EmptyMonthException;
import dev.tripcast.ingest.MissingColumnException;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.WallClock;
import dev.tripcast.ingest.WrongColumnTypeException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A synthetic TLC month of any size, for load tests and {@code make bench}: exactly N rows drawn
 * with replacement (bootstrap) from a real month, <b>whole rows</b>, so the joint distribution of
 * zones, distance, duration, fares and nulls is the real month's. Each drawn trip is moved into
 * the target month with its duration unchanged.
 *
 * <p>Output, under {@code <out>/synthetic/} (never inside {@code paths.data-root}):
 * <ul>
 *   <li>{@code {taxi}_tripdata_{YYYY-MM}.parquet}: ONE Parquet file with the source file's columns,
 *       in its order and with its types as Spark reads them (TLC's layout), Snappy-compressed, row
 *       groups of at most {@link #ROW_GROUP_BYTES} so Spark can split it across cores. Point
 *       {@code paths.data-root} at the folder to train on or score it like a real month.
 *   <li>{@code _SYNTHETIC.json}: the manifest, one entry per file written there (source month
 *       and file, rows, seed, method, created time, run id, versions).
 * </ul>
 *
 * <p>Sampling: {@code spark.range(N)} in {@code ceil(N / }{@link #ROWS_PER_PARTITION}{@code )}
 * partitions draws {@code floor(rand(seed) * n)} per row and joins it to the source rows by
 * {@code _metadata.row_index} (the source is broadcast, so it must fit in the driver: a real TLC
 * month of up to a few million rows). The partitioning depends on N only, so a seed gives the
 * same rows in the same order, and the same file bytes, on every machine.
 *
 * <p>Time move (wall clock, no time zone): with {@code a} = microseconds from the source month's
 * start to the pickup (or to the dropoff when the pickup is null), the trip is shifted so that its
 * pickup lands at {@code pmod(a, micros in the target month)} after the target month's start; the
 * dropoff moves by the same amount, so every duration is kept to the microsecond. Pickups outside
 * the source month (TLC's stray 2008/2009 rows) are folded into the target month too, so every
 * non-null pickup of the output lies in the target month.
 */
public final class SyntheticMonth {
  /** The sub-folder of {@code --out} that holds synthetic months. */
  public static final String FOLDER = "synthetic";
  /** The manifest beside the synthetic files. */
  public static final String MANIFEST = "_SYNTHETIC.json";
  /** Rows per generating partition; fixes the partitioning (and rand's per-partition seeds) from N. */
  static final long ROWS_PER_PARTITION = 1_000_000L;
  /** Parquet row-group size of the output, bytes (Spark splits a file by row groups). */
  static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;
  /** Name of the source row position while sampling. */
  private static final String SOURCE_INDEX = "__synth_source_row";
  /** Name of the drawn source position while sampling. */
  private static final String DRAW = "__synth_draw";

  private SyntheticMonth() {}

  /**
   * @param taxiType layout of the source month (and of the output)
   * @param sourceMonth the real month to resample, found under {@code paths.data-root}
   * @param targetMonth the month the output's trips are moved into (e.g. a future 2031-01)
   * @param rows exact number of output rows, &gt; 0
   * @param seed random seed; the same seed and rows give the same file
   * @param outRoot scratch folder; the file goes to {@code <outRoot>/synthetic/}
   */
  public record Request(TaxiType taxiType, YearMonth sourceMonth, YearMonth targetMonth, long rows, long seed,
      String outRoot) {}

  /**
   * @param file the Parquet file written, fully qualified
   * @param manifest the manifest updated, fully qualified
   * @param rows rows written (= the request's rows)
   * @param sizeBytes size of the file
   * @param source the real month resampled
   * @param sourceRows rows of the source file
   */
  public record Result(String file, String manifest, long rows, long sizeBytes, MonthFile source, long sourceRows) {}

  /**
   * Writes the synthetic month and its manifest entry (replacing an earlier file of the same name).
   *
   * @throws dev.tripcast.errors.InvalidInputException if the output folder is inside
   *     {@code paths.data-root}, rows is not positive, the source month is missing, not Parquet,
   *     empty, or its pickup/dropoff columns are not TIMESTAMP_NTZ; nothing is written then
   */
  public static Result write(SparkSession spark, Settings settings, Request request, RunInfo run) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    requireOutsideDataRoot(settings.paths().dataRoot(), request.outRoot(), conf);
    if (request.rows() <= 0) {
      throw new InvalidArgumentException("--rows", Long.toString(request.rows()), "a positive number of rows");
    }
    MonthFile source = new MonthLocator(settings.paths().dataRoot(), conf)
        .locate(request.taxiType(), List.of(request.sourceMonth())).get(0);
    if (source.format() != MonthFile.Format.PARQUET) {
      throw new SyntheticSourceNotParquetException(source.path());
    }
    Dataset<Row> raw = spark.read().parquet(source.path());
    String pickup = timestampColumn(raw, source, TripColumns.PICKUP_DATETIME);
    String dropoff = timestampColumn(raw, source, TripColumns.DROPOFF_DATETIME);
    long sourceRows = raw.count();
    if (sourceRows == 0) {
      throw new EmptyMonthException(source.path());
    }

    Dataset<Row> indexed = raw.select(col("*"), col("_metadata.row_index").as(SOURCE_INDEX));
    Dataset<Row> synthetic = moveToMonth(resample(spark, indexed, sourceRows, request.rows(), request.seed()),
        pickup, dropoff, request.sourceMonth(), request.targetMonth());
    Path folder = outputFolder(request.outRoot());
    String name = MonthFile.fileName(request.taxiType(), request.targetMonth(), MonthFile.Format.PARQUET);
    Path file = SingleParquetFile.write(synthetic, folder, name, ROW_GROUP_BYTES, run.id());
    try {
      FileSystem fs = file.getFileSystem(conf);
      long size = fs.getFileStatus(file).getLen();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", name);
      entry.put("taxi_type", request.taxiType().id());
      entry.put("month", request.targetMonth().toString());
      entry.put("rows", request.rows());
      entry.put("seed", request.seed());
      entry.put("source_month", request.sourceMonth().toString());
      entry.put("source_file", source.path());
      entry.put("source_rows", sourceRows);
      entry.put("size_bytes", size);
      entry.put("method", "bootstrap: whole rows drawn with replacement, floor(rand(seed) * source_rows) over "
          + "spark.range(rows) in ceil(rows / " + ROWS_PER_PARTITION + ") partitions; pickup and dropoff moved into "
          + "the month by pmod(wall-clock offset from the source month's start, month length), durations kept");
      entry.put("created_at", run.startedAt().toString());
      entry.put("run_id", run.id());
      entry.put("spark_version", spark.version());
      entry.put("tripcast_version", dev.tripcast.config.TripcastVersion.get());
      Path manifest = Manifest.put(fs, new Path(folder, MANIFEST), name, entry);
      return new Result(file.toString(), manifest.toString(), request.rows(), size, source, sourceRows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest in " + folder, e);
    }
  }

  /** {@code <outRoot>/synthetic}. */
  public static Path outputFolder(String outRoot) {
    return new Path(outRoot, FOLDER);
  }

  /**
   * Refuses an output folder ({@code <outRoot>/synthetic}) equal to or inside the data root, so
   * synthetic trips can never be mistaken for a real TLC month. Local paths are compared after
   * resolving symbolic links and "..".
   *
   * @throws dev.tripcast.errors.InvalidInputException naming both folders
   */
  public static void requireOutsideDataRoot(String dataRoot, String outRoot, Configuration conf) {
    String folder = canonical(outputFolder(outRoot), conf);
    String root = canonical(new Path(dataRoot), conf);
    String rootPrefix = root.endsWith("/") ? root : root + "/";
    if (folder.equals(root) || folder.startsWith(rootPrefix)) {
      throw new SyntheticInsideDataRootException(folder, root);
    }
  }

  /**
   * Draws {@code rows} whole rows with replacement from {@code indexed} (lazy; no action).
   *
   * @param indexed the source rows plus their position 0..sourceRows-1 in {@value #SOURCE_INDEX}
   * @return exactly {@code rows} rows with the source's columns (the position dropped)
   */
  static Dataset<Row> resample(SparkSession spark, Dataset<Row> indexed, long sourceRows, long rows, long seed) {
    int partitions = (int) Math.max(1, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION);
    Dataset<Row> draws = spark.range(0, rows, 1, partitions)
        .select(floor(rand(seed).multiply(sourceRows)).cast(DataTypes.LongType).as(DRAW));
    Column[] sourceColumns = Arrays.stream(indexed.columns()).filter(c -> !c.equals(SOURCE_INDEX))
        .map(c -> indexed.col(quote(c))).toArray(Column[]::new);
    return draws.join(broadcast(indexed), col(DRAW).equalTo(indexed.col(SOURCE_INDEX))).select(sourceColumns);
  }

  /**
   * Moves every trip into {@code to}, keeping its duration (lazy; see the class comment).
   *
   * @param trips rows whose {@code pickup} and {@code dropoff} columns are TIMESTAMP_NTZ
   * @return the same rows and columns, in the same order, with both timestamps moved; a null stays
   *     null
   */
  static Dataset<Row> moveToMonth(Dataset<Row> trips, String pickup, String dropoff, YearMonth from, YearMonth to) {
    Column sourceStart = lit(from.atDay(1).atStartOfDay()); // TIMESTAMP_NTZ literals
    Column targetStart = lit(to.atDay(1).atStartOfDay());
    Column pickupOffset = WallClock.microsBetween(sourceStart, trips.col(quote(pickup)));
    Column dropoffOffset = WallClock.microsBetween(sourceStart, trips.col(quote(dropoff)));
    Column anchor = coalesce(pickupOffset, dropoffOffset);
    Column shift = pmod(anchor, lit(to.lengthOfMonth() * WallClock.MICROS_PER_DAY)).minus(anchor);
    Map<String, Column> moved = new LinkedHashMap<>();
    moved.put(pickup, WallClock.plusMicros(targetStart, pickupOffset.plus(shift)));
    moved.put(dropoff, WallClock.plusMicros(targetStart, dropoffOffset.plus(shift)));
    return trips.withColumns(moved); // both computed from the original columns, order kept
  }

  /** The source column carrying {@code canonical}; it must be TIMESTAMP_NTZ (TLC's own Parquet files). */
  private static String timestampColumn(Dataset<Row> raw, MonthFile source, String canonical) {
    String wanted = source.taxiType().sourceColumn(canonical).orElseThrow();
    Optional<StructField> field = Arrays.stream(raw.schema().fields())
        .filter(f -> f.name().equalsIgnoreCase(wanted)).findFirst();
    if (field.isEmpty()) {
      throw new MissingColumnException(source.path(), wanted, Arrays.asList(raw.columns()));
    }
    if (!field.get().dataType().equals(DataTypes.TimestampNTZType)) {
      throw new WrongColumnTypeException(source.path(), field.get().name(), field.get().dataType().simpleString(),
          "timestamp_ntz (tripcast synth resamples TLC's own Parquet files)");
    }
    return field.get().name();
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static String canonical(Path path, Configuration conf) {
    try {
      Path qualified = path.getFileSystem(conf).makeQualified(path);
      if ("file".equals(qualified.toUri().getScheme())) {
        return new File(qualified.toUri().getPath()).getCanonicalPath();
      }
      return qualified.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
  }
}
