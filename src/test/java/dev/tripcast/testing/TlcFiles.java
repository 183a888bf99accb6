package dev.tripcast.testing;

import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.NullType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes small TLC month files, named as TLC names them ({@code {taxi}_tripdata_{YYYY-MM}.parquet},
 * {@code .csv}, {@code .csv.gz}), into a test's data root, with the column names and types of a
 * {@link TlcLayout}. Parquet is written by Spark (one part file, moved to the TLC name), or by
 * parquet-hadoop's example writer for the types Spark cannot write: TIMESTAMP(NANOS) and the
 * NULL-typed INT32 of TLC's all-null columns (parquet-hadoop 1.13 has no NULL annotation either,
 * so it is set in the Thrift footer afterwards). CSV is written as TLC exports it: header line,
 * all text, timestamps {@code yyyy-MM-dd HH:mm:ss}, null = empty field.
 */
public final class TlcFiles {
  private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final Path dataRoot;

  public TlcFiles(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  public Path root() {
    return dataRoot;
  }

  /** Writes a Parquet month file of {@code trips} (possibly none: a 0-row file with the full schema). */
  public Path parquet(TlcLayout layout, String month, List<TlcTrip> trips) {
    Path target = target(layout.taxiType(), month, MonthFile.Format.PARQUET);
    try {
      if (layout.sparkWritable()) {
        writeWithSpark(layout, trips, target);
      } else {
        writeWithParquetHadoop(layout, trips, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  public Path parquet(TlcLayout layout, String month, TlcTrip... trips) {
    return parquet(layout, month, List.of(trips));
  }

  /** Writes a plain {@code .csv} month file. */
  public Path csv(TlcLayout layout, String month, List<TlcTrip> trips) {
    return writeCsv(layout, month, trips, MonthFile.Format.CSV);
  }

  /** Writes a gzip-compressed {@code .csv.gz} month file. */
  public Path csvGz(TlcLayout layout, String month, List<TlcTrip> trips) {
    return writeCsv(layout, month, trips, MonthFile.Format.CSV_GZ);
  }

  /**
   * A {@code .csv.gz} month of 5,000 varied trips cut to 60% of its bytes, as an interrupted
   * download leaves it: its header reads, its rows end in the middle of a gzip block.
   */
  public Path truncatedCsvGz(TlcLayout layout, String month) {
    LocalDateTime start = YearMonth.parse(month).atDay(1).atStartOfDay();
    List<TlcTrip> trips = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> TlcTrip.trip(
        start.plusMinutes(7L * i).toString(), 300 + (i * 37) % 3_000, 1 + i % 263, 1 + (i * 11) % 263,
        0.5 + (i % 97) / 7.0)).toList();
    Path file = csvGz(layout, month, trips);
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Files.write(file, Arrays.copyOf(bytes, bytes.length * 3 / 5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates an empty (0-byte) {@code .parquet} month file. */
  public Path zeroBytes(TaxiType taxiType, String month) {
    Path target = target(taxiType, month, MonthFile.Format.PARQUET);
    try {
      return Files.write(target, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The months' files as {@link MonthLocator} finds them (the contract's entry point). */
  public List<MonthFile> locate(TaxiType taxiType, String... months) {
    return new MonthLocator(dataRoot.toString(), TestSpark.session().sparkContext().hadoopConfiguration())
        .locate(taxiType, Arrays.stream(months).map(YearMonth::parse).toList());
  }

  public MonthFile locate(TaxiType taxiType, String month) {
    return locate(taxiType, new String[] {month}).get(0);
  }

  /** How Hadoop's local file system names a file: {@code file:/abs/path}. */
  public static String qualified(Path p) {
    return "file:" + p.toAbsolutePath();
  }

  private Path target(TaxiType taxiType, String month, MonthFile.Format format) {
    return dataRoot.resolve(MonthFile.fileName(taxiType, YearMonth.parse(month), format));
  }

  private static void writeWithSpark(TlcLayout layout, List<TlcTrip> trips, Path target) throws IOException {
    List<StructField> fields = new ArrayList<>();
    for (TlcLayout.Column c : layout.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.kind()), true));
    }
    List<Row> rows = new ArrayList<>();
    for (TlcTrip trip : trips) {
      rows.add(RowFactory.create(layout.columns().stream().map(c -> TlcLayout.value(c, trip)).toArray()));
    }
    Path out = target.resolveSibling(".spark-" + target.getFileName());
    TestSpark.session().createDataFrame(rows, new StructType(fields.toArray(new StructField[0])))
        .coalesce(1).write().parquet(out.toString());
    try (Stream<Path> files = Files.list(out)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
      if (parts.size() != 1) {
        throw new IllegalStateException("expected one part file in " + out + ": " + parts);
      }
      Files.move(parts.get(0), target);
    }
    deleteRecursively(out);
  }

  private static DataType sparkType(TlcLayout.Kind kind) {
    return switch (kind) {
      case INT32 -> DataTypes.IntegerType;
      case INT64 -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case TIMESTAMP_US -> DataTypes.TimestampNTZType;
      default -> throw new IllegalArgumentException("Spark cannot write " + kind);
    };
  }

  private static void writeWithParquetHadoop(TlcLayout layout, List<TlcTrip> trips, Path target) throws IOException {
    MessageType schema = messageType(layout);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(target.toUri()))
        .withType(schema).build()) {
      for (TlcTrip trip : trips) {
        Group g = groups.newGroup();
        for (TlcLayout.Column c : layout.columns()) {
          Object v = TlcLayout.value(c, trip);
          if (v == null) {
            continue;
          }
          switch (c.kind()) {
            case INT32 -> g.add(c.name(), ((Integer) v).intValue());
            case INT64 -> g.add(c.name(), ((Long) v).longValue());
            case DOUBLE -> g.add(c.name(), ((Double) v).doubleValue());
            case STRING -> g.add(c.name(), (String) v);
            case TIMESTAMP_US -> g.add(c.name(), epochNanos((LocalDateTime) v) / 1000);
            case TIMESTAMP_NS -> g.add(c.name(), epochNanos((LocalDateTime) v));
            case NULL -> throw new IllegalStateException("NULL-typed column with a value: " + c);
          }
        }
        writer.write(g);
      }
    }
    Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
    List<String> nullColumns = layout.columns().stream()
        .filter(c -> c.kind() == TlcLayout.Kind.NULL).map(TlcLayout.Column::name).toList();
    if (!nullColumns.isEmpty()) {
      annotateNull(target, nullColumns);
    }
  }

  private static MessageType messageType(TlcLayout layout) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (TlcLayout.Column c : layout.columns()) {
      switch (c.kind()) {
        case INT32, NULL -> b.optional(PrimitiveTypeName.INT32).named(c.name());
        case INT64 -> b.optional(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case TIMESTAMP_US -> b.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
        case TIMESTAMP_NS -> b.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
      }
    }
    return b.named("schema");
  }

  /** Wall clock as if UTC (isAdjustedToUTC=false), in nanoseconds since the epoch. */
  static long epochNanos(LocalDateTime t) {
    return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
  }

  /**
   * Rewrites the file's Thrift footer so the given INT32 columns carry the NULL (UNKNOWN) logical
   * type, as pyarrow writes all-null columns. Column chunk offsets are absolute and precede the
   * footer, so replacing only the footer keeps the file valid.
   */
  private static void annotateNull(Path file, List<String> columns) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = bytes.length - 8 - footerLength;
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
    for (SchemaElement e : meta.getSchema()) {
      if (columns.contains(e.getName())) {
        e.setLogicalType(LogicalType.UNKNOWN(new NullType()));
      }
    }
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, footer);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes, 0, footerStart);
      footer.writeTo(out);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
      out.write(MAGIC);
    }
  }

  private Path writeCsv(TlcLayout layout, String month, List<TlcTrip> trips, MonthFile.Format format) {
    Path target = target(layout.taxiType(), month, format);
    try (OutputStream file = Files.newOutputStream(target);
        OutputStream out = format == MonthFile.Format.CSV_GZ ? new GZIPOutputStream(file) : file;
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write(layout.columns().stream().map(TlcLayout.Column::name).collect(Collectors.joining(",")) + "\n");
      for (TlcTrip trip : trips) {
        w.write(layout.columns().stream().map(c -> csvText(TlcLayout.value(c, trip))).collect(Collectors.joining(",")) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static String csvText(Object v) {
    if (v == null) {
      return "";
    }
    return v instanceof LocalDateTime t ? CSV_TIME.format(t) : v.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
