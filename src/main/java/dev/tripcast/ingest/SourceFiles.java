package dev.tripcast.ingest;

import dev.tripcast.errors.Undeclared;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Opens one source file as Spark sees it, plus its rows' positions. Parquet files expose the
 * position as {@code _metadata.row_index} (Spark 3.5), read lazily; CSV files (all text, header
 * line, empty field = null) get it from {@code zipWithIndex}, which follows file order.
 */
final class SourceFiles {
  /** Name of the row-position column a CSV source carries (Parquet uses _metadata.row_index). */
  static final String CSV_ROW = "__tripcast_source_row";

  private SourceFiles() {}

  /**
   * Opens the file and reads its schema (the Parquet footer or the CSV header).
   *
   * @throws UnreadableMonthException if the file is not readable in its format
   */
  static Dataset<Row> open(SparkSession spark, MonthFile file) {
    try {
      return Undeclared.spark(() -> {
        Dataset<Row> raw = switch (file.format()) {
          case PARQUET -> spark.read().parquet(file.path());
          case CSV, CSV_GZ -> withCsvRowPositions(spark, spark.read().option("header", "true").csv(file.path()));
        };
        raw.schema(); // forces the footer/header read, so a corrupt file fails here with its name
        return raw;
      });
    } catch (AnalysisException | SparkException | RuntimeException e) { // whatever the footer or header read threw
      throw new UnreadableMonthException(file.path(), file.format(), e);
    }
  }

  private static Dataset<Row> withCsvRowPositions(SparkSession spark, Dataset<Row> csv) {
    StructType schema = csv.schema().add(CSV_ROW, DataTypes.LongType, false);
    JavaRDD<Row> rows = csv.javaRDD().zipWithIndex().map(SourceFiles::appendPosition);
    return spark.createDataFrame(rows, schema);
  }

  private static Row appendPosition(Tuple2<Row, Long> rowAndIndex) {
    Row row = rowAndIndex._1();
    List<Object> values = new ArrayList<>(row.size() + 1);
    for (int i = 0; i < row.size(); i++) {
      values.add(row.get(i));
    }
    values.add(rowAndIndex._2());
    return RowFactory.create(values.toArray());
  }
}
