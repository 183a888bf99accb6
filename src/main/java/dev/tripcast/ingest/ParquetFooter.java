package dev.tripcast.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file's footer on the driver, for what Spark's schema hides: Spark 3.5 reads
 * {@code TIMESTAMP(NANOS)} columns (pandas' datetime64[ns] written with Parquet format 2.6) only as
 * raw longs ({@code spark.sql.legacy.parquet.nanosAsLong}), so the footer tells a nanosecond
 * timestamp from an ordinary integer.
 */
final class ParquetFooter {
  private final MessageType schema;

  private ParquetFooter(MessageType schema) {
    this.schema = schema;
  }

  static ParquetFooter read(String path, Configuration conf) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf))) {
      return new ParquetFooter(reader.getFooter().getFileMetaData().getSchema());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footer of " + path, e);
    }
  }

  /** Whether the top-level column {@code name} is an INT64 {@code TIMESTAMP(NANOS)}. */
  boolean isNanosTimestamp(String name) {
    if (!schema.containsField(name)) {
      return false;
    }
    Type type = schema.getType(name);
    return type.isPrimitive()
        && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
        && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
  }
}
